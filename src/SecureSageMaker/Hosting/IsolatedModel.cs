using Amazon.CDK;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Internal;

namespace SecureSageMaker.Hosting;

/// <summary>
/// A SageMaker model with <c>EnableNetworkIsolation</c>, a <c>VpcConfig</c> in the workspace's
/// subnets and security group, its artifact from the workspace's model bucket, run by the workspace's
/// job role.
/// </summary>
public sealed class IsolatedModel : Construct
{
    /// <summary>Creates the model in <paramref name="workspace"/>.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix.</exception>
    public IsolatedModel(Construct scope, string id, SecureMlWorkspace workspace, IsolatedModelProps props)
        : base(scope, Validate(scope, id, workspace, props))
    {
        workspace.RegisterWorkload("Model " + id);
        workspace.AllowImagePull(props.Image);
        Resource = new CfnModel(this, "Resource", new CfnModelProps
        {
            ModelName = props.ModelName,
            ExecutionRoleArn = workspace.JobRole.RoleArn,
            EnableNetworkIsolation = true,
            VpcConfig = new CfnModel.VpcConfigProperty
            {
                Subnets = workspace.Network.SubnetIds,
                SecurityGroupIds = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId },
            },
            PrimaryContainer = new CfnModel.ContainerDefinitionProperty
            {
                Image = props.Image,
                ModelDataUrl = props.ModelDataKey is null ? null : "s3://" + workspace.ModelBucket.BucketName + "/" + props.ModelDataKey,
                Environment = props.Environment?.ToDictionary(p => p.Key, p => (object)p.Value),
            },
        });
        Resource.Node.AddDependency(workspace.JobRole);
    }

    /// <summary>The model.</summary>
    public CfnModel Resource { get; }

    /// <summary>The model's name.</summary>
    public string ModelName => Resource.AttrModelName;

    private static string Validate(Construct scope, string id, SecureMlWorkspace workspace, IsolatedModelProps props)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        v.EcrImage(props.Image, "Image");
        v.SageMakerName(props.ModelName, "ModelName");
        if (props.ModelDataKey is { } key && !Internal.Tokens.IsUnresolved(key))
        {
            v.Require(key.Length > 0 && !key.StartsWith('/') && !key.StartsWith("s3://", StringComparison.Ordinal), "ModelDataKey", key,
                "Give the object key inside the workspace's model bucket, such as 'models/churn/model.tar.gz'.");
        }

        v.Throw();
        return id;
    }
}
