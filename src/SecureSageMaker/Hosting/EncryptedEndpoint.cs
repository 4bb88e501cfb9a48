using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A SageMaker endpoint and its config: storage encrypted with the workspace's data key, data capture
/// into the model bucket with the same key, no SSM access to the instances, two or more instances by
/// default, and an encrypted log group. <see cref="GrantInvoke"/> lets a principal call it.
/// </summary>
public sealed class EncryptedEndpoint : Construct
{
    /// <summary>The actions that call an endpoint.</summary>
    internal static readonly string[] InvokeActions = { "sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointAsync", "sagemaker:InvokeEndpointWithResponseStream" };

    /// <summary>Creates the endpoint.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public EncryptedEndpoint(Construct scope, string id, EncryptedEndpointProps props)
        : base(scope, Validate(scope, id, props))
    {
        var workspace = props.Workspace!;
        Posture.StackPosture.Of(this).EnsureChecks();
        RegionSupport.Guard(this, "Hosting", "the endpoint");
        var instanceType = props.InstanceType ?? Defaults.EndpointInstanceType;
        var count = props.InitialInstanceCount ?? Defaults.EndpointInitialInstanceCount;
        var localNvme = Tokens.IsLiteral(instanceType) && InstanceTypes.HasLocalNvmeStorage(instanceType);
        WarnOnWeakenings(instanceType, count, localNvme);
        // SageMaker logs an endpoint to /aws/sagemaker/Endpoints/<endpoint name>, which the stack creates first (encrypted)
        // and retains. A fixed name would make the retained group block every re-create of the stack (AlreadyExists): the
        // endpoint's name ends with the first 8 hex digits of the stack's id, new for each creation of the stack.
        PhysicalName = Fn.Join("-", new[] { props.EndpointName, Fn.Select(0, Fn.Split("-", Fn.Select(2, Fn.Split("/", Aws.STACK_ID)))) });
        LogGroup = LogGroups.Create(this, "LogGroup", workspace.LogsKey, workspace.LogRetention, "/aws/sagemaker/Endpoints/" + PhysicalName);
        Config = new CfnEndpointConfig(this, "Config", new CfnEndpointConfigProps
        {
            KmsKeyId = localNvme ? null : workspace.DataKey.KeyArn,
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
                KmsKeyId = workspace.DataKey.KeyArn,
                CaptureOptions = new object[]
                {
                    new CfnEndpointConfig.CaptureOptionProperty { CaptureMode = "Input" },
                    new CfnEndpointConfig.CaptureOptionProperty { CaptureMode = "Output" },
                },
            },
        });
        BucketGrants.Write(props.Model.Role, workspace.ModelBucket, workspace.DataKey, "data-capture/" + props.EndpointName + "/");
        Resource = new CfnEndpoint(this, "Resource", new CfnEndpointProps
        {
            EndpointName = PhysicalName,
            EndpointConfigName = Config.AttrEndpointConfigName,
            Tags = props.InvokableBySeats == true ? new[] { new CfnTag { Key = WorkspaceTag.Key, Value = WorkspaceTag.Value(workspace) } } : null,
        });
        Resource.Node.AddDependency(LogGroup);
        _ = new CfnOutput(this, "Name", new CfnOutputProps { Value = Resource.AttrEndpointName, Description = "The endpoint's name (" + props.EndpointName + " and 8 hex digits of the stack's id): invoke it by this name." });
    }

    /// <summary>The endpoint.</summary>
    public CfnEndpoint Resource { get; }

    /// <summary>The endpoint config.</summary>
    public CfnEndpointConfig Config { get; }

    /// <summary>The endpoint's encrypted log group.</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>The endpoint's name: <see cref="EncryptedEndpointProps.EndpointName"/>, a hyphen and 8 hex digits of the stack's id.</summary>
    public string EndpointName => Resource.AttrEndpointName;

    private string PhysicalName { get; }

    /// <summary>The endpoint's ARN.</summary>
    public string EndpointArn => Resource.Ref;

    /// <summary>Lets <paramref name="grantee"/> invoke the endpoint (synchronous, asynchronous and streaming), and nothing else.</summary>
    public Grant GrantInvoke(IGrantable grantee) => Grant.AddToPrincipal(new GrantOnPrincipalOptions
    {
        Grantee = grantee,
        Actions = InvokeActions,
        ResourceArns = new[] { EndpointArn },
    });

    private void WarnOnWeakenings(string instanceType, int count, bool localNvme)
    {
        if (localNvme)
        {
            Posture.StackPosture.Warn(this, WarningIds.EndpointKmsKeyOmitted,
                "Instance type '" + instanceType + "' has local NVMe storage, which SageMaker encrypts with the instance's hardware keys and for which it rejects a KmsKeyId: the endpoint config omits it. Data capture stays encrypted with the workspace key.");
        }

        if (count < 2)
        {
            Posture.StackPosture.Warn(this, WarningIds.SingleInstanceEndpoint, string.Format(CultureInfo.InvariantCulture,
                "The endpoint runs a single instance (InitialInstanceCount {0}): an instance or AZ failure takes it down.", count));
        }
    }

    private static string Validate(Construct scope, string id, EncryptedEndpointProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        RegionSupport.Check(scope, id, "Hosting", "the endpoint");
        var v = new PropsValidator(scope, id);
        _ = v.Present(props.Workspace, "Workspace", "Pass the workspace (or use workspace.AddEndpoint).");
        _ = v.Present(props.Model, "Model", "Pass the IsolatedModel the endpoint serves.");
        if (v.Present(props.EndpointName, "EndpointName", "Name the endpoint."))
        {
            v.SageMakerName(props.EndpointName, "EndpointName");
            v.Require(!Tokens.IsLiteral(props.EndpointName) || props.EndpointName.Length <= 54, "EndpointName", props.EndpointName,
                "Use at most 54 characters: the endpoint's name gets a hyphen and 8 hex digits of the stack's id (63 in all), so that its retained log group never blocks a re-create.");
        }

        v.MlInstanceType(props.InstanceType, "InstanceType", InstanceTypes.Hosting);
        v.InRange(props.InitialInstanceCount, 1, 1000, "InitialInstanceCount");
        v.InRange(props.DataCaptureSamplingPercentage, 0, 100, "DataCaptureSamplingPercentage");
        v.Throw();
        return id;
    }
}
