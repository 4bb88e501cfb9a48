using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A SageMaker model with <c>EnableNetworkIsolation</c> and a <c>VpcConfig</c> in the workspace's
/// subnets and security group, run by an execution role of its own that may read its artifact and pull
/// its image, and nothing else.
/// </summary>
public sealed partial class IsolatedModel : Construct
{
    /// <summary>Creates the model.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public IsolatedModel(Construct scope, string id, IsolatedModelProps props)
        : base(scope, Validate(scope, id, props))
    {
        var workspace = props.Workspace!;
        Posture.StackPosture.Of(this).EnsureChecks();
        RegionSupport.Guard(this, "Hosting", "the model (and its endpoint)");
        if (props.ModelName is { } givenName)
        {
            // CloudFormation cannot replace a resource with a custom name, and the workspace controls this one's create-only VPC configuration and execution role.
            Posture.StackPosture.Warn(this, WarningIds.NamedReplaceableResource, "ModelName '" + givenName + "' is a name of yours, and the workspace controls this resource's create-only VPC configuration and execution role: a workspace change to them replaces it, which CloudFormation refuses under the same name. Rename it in that change, or leave ModelName unset.");
        }

        var role = ExecutionRoles.Create(this, "Role", RoleContext.Of(workspace), "a hosted model");
        props.Image.GrantPull(role, this);
        if (props.ModelData is { } data)
        {
            BucketGrants.Read(role, data.Bucket ?? workspace.ModelBucket, ReferenceEquals(data.Bucket ?? workspace.ModelBucket, workspace.ModelBucket) ? workspace.DataKey : data.Bucket!.EncryptionKey);
        }

        ExecutionRoles.ExplainWildcards(role);
        Role = role;
        WarnOnSecrets(props.Environment);
        Resource = new CfnModel(this, "Resource", new CfnModelProps
        {
            ModelName = props.ModelName,
            ExecutionRoleArn = role.RoleArn,
            EnableNetworkIsolation = true,
            VpcConfig = new CfnModel.VpcConfigProperty
            {
                Subnets = workspace.Vpc.SelectSubnets(workspace.WorkloadSubnets).SubnetIds,
                SecurityGroupIds = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId },
            },
            PrimaryContainer = new CfnModel.ContainerDefinitionProperty
            {
                Image = props.Image.Uri(this),
                ModelDataUrl = props.ModelData?.Url,
                Environment = props.Environment?.ToDictionary(p => p.Key, p => (object)p.Value),
            },
        });
        Resource.Node.AddDependency(role);
    }

    /// <summary>The model.</summary>
    public CfnModel Resource { get; }

    /// <summary>The model's execution role.</summary>
    public IRole Role { get; }

    /// <summary>The model's name.</summary>
    public string ModelName => Resource.AttrModelName;

    /// <summary>The model's ARN.</summary>
    public string ModelArn => Stack.Of(this).FormatArn(new ArnComponents { Service = "sagemaker", Resource = "model", ResourceName = ModelName });

    private void WarnOnSecrets(IReadOnlyDictionary<string, string>? environment)
    {
        foreach (var name in (environment?.Keys ?? Enumerable.Empty<string>()).Where(n => SecretName().IsMatch(n)))
        {
            Posture.StackPosture.Warn(this, WarningIds.SecretInEnvironment,
                "Environment variable '" + name + "' looks like a secret: the template (and anyone who can read the stack or DescribeModel) would hold its value in plain text. Read it at run time from Secrets Manager instead (add the secretsmanager interface endpoint).");
        }
    }

    private static string Validate(Construct scope, string id, IsolatedModelProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        RegionSupport.Check(scope, id, "Hosting", "the model (and its endpoint)");
        var v = new PropsValidator(scope, id);
        _ = v.Present(props.Workspace, "Workspace", "Pass the workspace (or use workspace.AddModel).");
        if (v.Present(props.Image, "Image", "Give the inference image: ContainerImage.FromEcrRepository, FromDeepLearningContainer or FromImageUri."))
        {
            props.Image.Check(v, "Image", scope);
        }

        props.ModelData?.Check(v, "ModelData", Stack.Of(scope));
        if (props.ModelData?.Bucket is { } artifactBucket && props.Workspace is { } owner)
        {
            // The model's role is granted read on the artifact's bucket: only the workspace's own buckets, which its perimeter guards.
            var own = new[] { owner.ModelBucket, owner.DataBucket }.Concat(owner.InputBuckets ?? Array.Empty<Amazon.CDK.AWS.S3.IBucket>()).ToList();
            v.Require(own.Any(b => ReferenceEquals(b, artifactBucket) || b.BucketName == artifactBucket.BucketName), "ModelData", artifactBucket.BucketName,
                "Keep the artifact in the workspace's model bucket (workspace.ModelBucket), data bucket or one of its InputBuckets: the model's role would otherwise be granted read on a bucket outside the workspace's perimeter.");
        }
        v.SageMakerName(props.ModelName, "ModelName");
        CheckEnvironment(v, props.Environment, "Environment");
        v.Throw();
        return id;
    }

    /// <summary>SageMaker's limits on container environment variables.</summary>
    internal static void CheckEnvironment(PropsValidator v, IReadOnlyDictionary<string, string>? environment, string property)
    {
        if (environment is null)
        {
            return;
        }

        v.Require(environment.Count <= 100, property, environment.Count + " variables", "Use at most 100 environment variables (SageMaker's limit).");
        foreach (var (name, value) in environment)
        {
            v.Require(EnvironmentName().IsMatch(name), property, name, "Name environment variables with letters, digits and underscores, not starting with a digit, at most 1,024 characters.");
            v.Require(value is null || value.Length <= 1024, property, name + " (" + value?.Length + " characters)", "Keep each value at most 1,024 characters (SageMaker's limit).");
        }
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]{0,1023}$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
