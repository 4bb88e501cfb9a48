using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

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

    /// <summary>The job image (an ECR image in the stack's region).</summary>
    public required ContainerImage Image { get; init; }

    /// <summary>Instance type (one SageMaker offers for the job's API). Types with local NVMe storage run without a volume KMS key (warning <see cref="WarningIds.VolumeKmsKeyOmitted"/>).</summary>
    /// <remarks><strong>Default</strong>: <c>ml.m5.xlarge</c>.</remarks>
    public string? InstanceType { get; init; }

    /// <summary>Instances (1 to 100; more than one needs <see cref="PrivateNetworkProps.AllowSelfReferencingTraffic"/> so they can talk).</summary>
    /// <remarks><strong>Default</strong>: 1.</remarks>
    public int? InstanceCount { get; init; }

    /// <summary>Size of each instance's encrypted volume in GB (1 to 16384).</summary>
    /// <remarks><strong>Default</strong>: 50.</remarks>
    public int? VolumeSizeInGb { get; init; }

    /// <summary>Longest the job may run, in seconds (1 to 2,419,200).</summary>
    /// <remarks><strong>Default</strong>: 86,400 (one day).</remarks>
    public int? MaxRuntimeInSeconds { get; init; }

    internal abstract string Api { get; }

    internal string ResolvedInstanceType => InstanceType ?? Defaults.JobInstanceType;

    internal bool HasLocalNvmeStorage => Tokens.IsLiteral(ResolvedInstanceType) && InstanceTypes.HasLocalNvmeStorage(ResolvedInstanceType);

    /// <summary>The API request (without a job name).</summary>
    internal abstract Dictionary<string, object> Render(Construct scope, IMlWorkspace workspace, string roleArn, string workflowName);

    /// <summary>Grants the job's execution role what the job reads and writes.</summary>
    internal abstract void GrantData(IGrantable role, IMlWorkspace workspace, string workflowName);

    internal virtual void Check(PropsValidator v, IConstruct scope, IMlWorkspace? workspace)
    {
        if (v.Present(Image, "Definition.Image", "Give the job image: ContainerImage.FromEcrRepository, FromDeepLearningContainer or FromImageUri."))
        {
            Image.Check(v, "Definition.Image", scope);
        }

        v.MlInstanceType(InstanceType, "Definition.InstanceType", Api == "Training" ? InstanceTypes.Training : InstanceTypes.Processing);
        v.InRange(InstanceCount, 1, 100, "Definition.InstanceCount");
        v.InRange(VolumeSizeInGb, 1, 16384, "Definition.VolumeSizeInGb");
        v.InRange(MaxRuntimeInSeconds, 1, 2_419_200, "Definition.MaxRuntimeInSeconds");
        if (InstanceCount > 1 && workspace is { AllowsTrafficBetweenWorkloads: false })
        {
            v.Fail("Definition.InstanceCount", InstanceCount, "Instances of one job exchange traffic (distributed training, inter-container encryption): set the workspace's Network.AllowSelfReferencingTraffic, or use one instance.");
        }
    }

    internal Dictionary<string, object> Resources(IMlWorkspace workspace)
    {
        var resources = new Dictionary<string, object>
        {
            ["InstanceType"] = ResolvedInstanceType,
            ["InstanceCount"] = InstanceCount ?? Defaults.JobInstanceCount,
            ["VolumeSizeInGB"] = VolumeSizeInGb ?? Defaults.JobVolumeSizeInGb,
        };
        if (!HasLocalNvmeStorage)
        {
            resources["VolumeKmsKeyId"] = workspace.DataKey.KeyArn;
        }

        return resources;
    }

    internal static Dictionary<string, object> VpcConfig(IMlWorkspace workspace) => new()
    {
        ["SecurityGroupIds"] = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId },
        ["Subnets"] = workspace.Vpc.SelectSubnets(workspace.WorkloadSubnets).SubnetIds,
    };

    internal static string S3Uri(IBucket bucket, string prefix) => "s3://" + bucket.BucketName + "/" + prefix;

    /// <summary>The key that encrypts a bucket of the workspace (or its own, for an input bucket).</summary>
    internal static Amazon.CDK.AWS.KMS.IKey? KeyOf(IBucket bucket, IMlWorkspace workspace) =>
        ReferenceEquals(bucket, workspace.DataBucket) || ReferenceEquals(bucket, workspace.ModelBucket) ? workspace.DataKey : bucket.EncryptionKey;

    internal static void CheckPrefix(PropsValidator v, string? prefix, string property, bool required)
    {
        if (prefix is null)
        {
            v.Require(!required, property, prefix, "Give a key prefix, such as 'datasets/churn/': without one the job reads or writes the whole bucket.");
            return;
        }

        if (Tokens.IsLiteral(prefix))
        {
            v.Require(prefix.Length > 0 || !required, property, prefix, "Give a non-empty key prefix, such as 'datasets/churn/'.");
            v.Require(!prefix.StartsWith('/') && !prefix.StartsWith("s3://", StringComparison.Ordinal), property, prefix,
                "Give a key prefix inside the bucket, such as 'datasets/churn/'.");
        }
    }

    /// <summary>The bucket must be one the workspace admits: its data or model bucket, or one of its input buckets (read only).</summary>
    internal static void CheckBucket(PropsValidator v, IBucket? bucket, IMlWorkspace? workspace, string property, bool write)
    {
        if (bucket is null || workspace is null)
        {
            return;
        }

        var own = ReferenceEquals(bucket, workspace.DataBucket) || ReferenceEquals(bucket, workspace.ModelBucket);
        var input = workspace.InputBuckets.Any(b => ReferenceEquals(b, bucket));
        if (!own && !(input && !write))
        {
            v.Fail(property, bucket.Node.Path, write
                ? "Jobs write only to the workspace's data or model bucket: the S3 endpoint admits no other bucket for writing."
                : "Jobs read only from the workspace's buckets or its InputBuckets: add the bucket to the workspace's InputBuckets so the S3 endpoint admits it and the roles may read it.");
        }
    }
}
