using Amazon.CDK.AWS.S3;
using SecureSageMaker.Internal;

namespace SecureSageMaker.Training;

/// <summary>
/// A typed training or processing job, rendered three ways by <see cref="JobWorkflow"/> (a Step
/// Functions task, a SageMaker Pipeline step, and the published API request), each with network
/// isolation, inter-container traffic encryption, the workspace's VPC config and its keys.
/// </summary>
public abstract class JobDefinition
{
    private protected JobDefinition()
    {
    }

    /// <summary>The job image, an ECR URI.</summary>
    public required string Image { get; init; }

    /// <summary>Instance type (<c>ml.*</c>).</summary>
    /// <remarks><strong>Default</strong>: <c>ml.m5.xlarge</c>.</remarks>
    public string? InstanceType { get; init; }

    /// <summary>Instances (1 or more; more than one needs <see cref="SecureMlWorkspaceProps.AllowSelfReferencingTraffic"/> for distributed jobs).</summary>
    /// <remarks><strong>Default</strong>: 1.</remarks>
    public int? InstanceCount { get; init; }

    /// <summary>Size of each instance's encrypted volume in GB (1 to 16384).</summary>
    /// <remarks><strong>Default</strong>: 50.</remarks>
    public int? VolumeSizeInGb { get; init; }

    /// <summary>Longest the job may run, in seconds (1 to 2,419,200).</summary>
    /// <remarks><strong>Default</strong>: 86,400 (one day).</remarks>
    public int? MaxRuntimeInSeconds { get; init; }

    internal abstract JobKind Kind { get; }

    internal abstract Dictionary<string, object> Render(SecureMlWorkspace workspace, string roleArn);

    internal virtual void Check(PropsValidator v)
    {
        v.EcrImage(Image, "Image");
        v.MlInstanceType(InstanceType, "InstanceType");
        v.InRange(InstanceCount, 1, 100, "InstanceCount");
        v.InRange(VolumeSizeInGb, 1, 16384, "VolumeSizeInGb");
        v.InRange(MaxRuntimeInSeconds, 1, 2_419_200, "MaxRuntimeInSeconds");
    }

    internal static string S3Uri(IBucket bucket, string prefix) => "s3://" + bucket.BucketName + "/" + prefix;

    internal static Dictionary<string, object> VpcConfig(SecureMlWorkspace workspace) => new()
    {
        ["SecurityGroupIds"] = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId },
        ["Subnets"] = workspace.Network.SubnetIds,
    };

    internal static void CheckPrefix(PropsValidator v, string? prefix, string property)
    {
        if (prefix is not null && !Tokens.IsUnresolved(prefix))
        {
            v.Require(!prefix.StartsWith('/') && !prefix.StartsWith("s3://", StringComparison.Ordinal), property, prefix,
                "Give a key prefix inside the bucket, such as 'datasets/churn/'.");
        }
    }
}

/// <summary>Training or processing.</summary>
internal enum JobKind
{
    Training,
    Processing,
}
