using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Internal;
using SecureSageMaker.Storage;

namespace SecureSageMaker.Hosting;

/// <summary>
/// A SageMaker endpoint and its config: storage encrypted with the workspace's data key, data capture
/// into the model bucket with the same key, no SSM access to the instances, two or more instances by
/// default, and an encrypted log group.
/// </summary>
public sealed partial class EncryptedEndpoint : Construct
{
    /// <summary>Creates the endpoint in <paramref name="workspace"/>.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix.</exception>
    public EncryptedEndpoint(Construct scope, string id, SecureMlWorkspace workspace, EncryptedEndpointProps props)
        : base(scope, Validate(scope, id, workspace, props))
    {
        workspace.RegisterWorkload("Endpoint " + props.EndpointName);
        var instanceType = props.InstanceType ?? Defaults.EndpointInstanceType;
        var count = props.InitialInstanceCount ?? Defaults.EndpointInitialInstanceCount;
        var hasLocalNvme = !Internal.Tokens.IsUnresolved(instanceType) && HasLocalNvmeStorage(instanceType);
        if (hasLocalNvme)
        {
            Internal.Weakening.Warn(this, WarningIds.EndpointKmsKeyOmitted,
                "Instance type '" + instanceType + "' has local NVMe storage, which SageMaker encrypts with its own hardware keys and which rejects a KmsKeyId: the endpoint config omits it. Data capture stays encrypted with the workspace key.");
        }

        if (count < 2)
        {
            Internal.Weakening.Warn(this, WarningIds.SingleInstanceEndpoint,
                "The endpoint runs a single instance (InitialInstanceCount " + count + "): an instance or AZ failure takes it down.");
        }

        LogGroup = EncryptedLogGroup.Create(this, "LogGroup", workspace.Keys.LogsKey, workspace.LogRetention, "/aws/sagemaker/Endpoints/" + props.EndpointName);
        Config = new CfnEndpointConfig(this, "Config", new CfnEndpointConfigProps
        {
            KmsKeyId = hasLocalNvme ? null : workspace.Keys.DataKey.KeyArn,
            ProductionVariants = new object[]
            {
                new CfnEndpointConfig.ProductionVariantProperty
                {
                    VariantName = "AllTraffic",
                    ModelName = props.Model.ModelName,
                    InstanceType = instanceType,
                    InitialInstanceCount = count,
                    InitialVariantWeight = 1,
                },
            },
            DataCaptureConfig = new CfnEndpointConfig.DataCaptureConfigProperty
            {
                EnableCapture = true,
                InitialSamplingPercentage = props.DataCaptureSamplingPercentage ?? Defaults.DataCaptureSamplingPercentage,
                DestinationS3Uri = "s3://" + workspace.ModelBucket.BucketName + "/data-capture/" + props.EndpointName,
                KmsKeyId = workspace.Keys.DataKey.KeyArn,
                CaptureOptions = new object[]
                {
                    new CfnEndpointConfig.CaptureOptionProperty { CaptureMode = "Input" },
                    new CfnEndpointConfig.CaptureOptionProperty { CaptureMode = "Output" },
                },
            },
        });
        Resource = new CfnEndpoint(this, "Resource", new CfnEndpointProps
        {
            EndpointName = props.EndpointName,
            EndpointConfigName = Config.AttrEndpointConfigName,
        });
        Resource.Node.AddDependency(LogGroup);
    }

    /// <summary>The endpoint.</summary>
    public CfnEndpoint Resource { get; }

    /// <summary>The endpoint config.</summary>
    public CfnEndpointConfig Config { get; }

    /// <summary>The endpoint's encrypted log group.</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>
    /// Whether an instance type has local NVMe instance storage (families with a <c>d</c> such as
    /// m5d, c6id, g4dn, p4d, and g5, g6, p5, trn1, inf2), for which SageMaker rejects a KmsKeyId.
    /// </summary>
    public static bool HasLocalNvmeStorage(string instanceType) => NvmeFamily().IsMatch(instanceType);

    [GeneratedRegex("^ml\\.([a-z]+[0-9]+[a-z]*d[a-z]*|g5|g6|g6e|p5|p5e|p5en|trn1|trn1n|inf2)\\.")]
    private static partial Regex NvmeFamily();

    private static string Validate(Construct scope, string id, SecureMlWorkspace workspace, EncryptedEndpointProps props)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        v.Require(props.Model is not null, "Model", null, "Pass the IsolatedModel the endpoint serves.");
        v.Require(props.EndpointName is not null, "EndpointName", null, "Name the endpoint.");
        v.SageMakerName(props.EndpointName, "EndpointName");
        v.MlInstanceType(props.InstanceType, "InstanceType");
        v.InRange(props.InitialInstanceCount, 1, 1000, "InitialInstanceCount");
        v.InRange(props.DataCaptureSamplingPercentage, 0, 100, "DataCaptureSamplingPercentage");
        v.Throw();
        return id;
    }
}
