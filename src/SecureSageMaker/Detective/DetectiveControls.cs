using Amazon.CDK;
using Amazon.CDK.AWS.Config;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker;

/// <summary>
/// Detective controls: AWS Config managed rules (evaluated by AWS, no Lambda) that report when the
/// deployed resources drift from the posture (a notebook given internet access by hand, a bucket made
/// public), scoped to the resource types they judge where AWS Config accepts a scope (the key rotation,
/// flow log and log group rules evaluate the account as a whole). The configuration recorder the rules need is an
/// explicit choice (<see cref="ConfigRecorder"/>): created here with its delivery channel, or the account's own.
/// </summary>
public sealed class DetectiveControls : Construct
{
    /// <summary>
    /// The managed rules: identifier, the resource types it is scoped to, and the posture row it watches.
    /// Identifiers are AWS Config's literal names: reading one <c>ManagedRuleIdentifiers</c> property through
    /// jsii initialises all of its ~300 properties, one round trip each.
    /// </summary>
    internal static readonly (string Id, string Identifier, string[] Types, string Watches)[] Rules =
    {
        ("NotebookNoDirectInternet", "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS", new[] { "AWS::SageMaker::NotebookInstance" }, "notebook instances without direct internet access"),
        ("NotebookKmsKey", "SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED", new[] { "AWS::SageMaker::NotebookInstance" }, "notebook volumes encrypted with a KMS key"),
        ("NotebookInVpc", "SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC", new[] { "AWS::SageMaker::NotebookInstance" }, "notebook instances in a VPC"),
        ("NotebookRootAccess", "SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK", new[] { "AWS::SageMaker::NotebookInstance" }, "notebook instances without root access"),
        ("ModelIsolation", "SAGEMAKER_MODEL_ISOLATION_ENABLED", new[] { "AWS::SageMaker::Model" }, "models with network isolation"),
        ("ModelInVpc", "SAGEMAKER_MODEL_IN_VPC", new[] { "AWS::SageMaker::Model" }, "models in a VPC"),
        ("EndpointConfigKmsKey", "SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED", new[] { "AWS::SageMaker::EndpointConfig" }, "endpoint configs encrypted with a KMS key"),
        ("BucketSslOnly", "S3_BUCKET_SSL_REQUESTS_ONLY", new[] { "AWS::S3::Bucket" }, "buckets that deny requests without TLS"),
        ("BucketKms", "S3_DEFAULT_ENCRYPTION_KMS", new[] { "AWS::S3::Bucket" }, "buckets encrypted with KMS by default"),
        ("BucketPublicAccess", "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED", new[] { "AWS::S3::Bucket" }, "buckets that block public access"),
        ("BucketVersioning", "S3_BUCKET_VERSIONING_ENABLED", new[] { "AWS::S3::Bucket" }, "versioned buckets"),
        ("KeyRotation", "CMK_BACKING_KEY_ROTATION_ENABLED", Array.Empty<string>(), "KMS keys that rotate"),
        ("KeyNotScheduledForDeletion", "KMS_CMK_NOT_SCHEDULED_FOR_DELETION", new[] { "AWS::KMS::Key" }, "keys not scheduled for deletion"),
        ("VpcFlowLogs", "VPC_FLOW_LOGS_ENABLED", Array.Empty<string>(), "VPC flow logs"),
        ("VpcDefaultSecurityGroupClosed", "VPC_DEFAULT_SECURITY_GROUP_CLOSED", new[] { "AWS::EC2::SecurityGroup" }, "default security groups without rules"),
        ("SubnetNoPublicIp", "SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", new[] { "AWS::EC2::Subnet" }, "subnets that assign no public IPs"),
        ("LogGroupEncrypted", "CLOUDWATCH_LOG_GROUP_ENCRYPTED", Array.Empty<string>(), "log groups encrypted with KMS"),
    };

    private readonly List<ManagedRule> _rules = new();
    private readonly SecureBucket? _accessLogs;

    internal DetectiveControls(Construct scope, string id, DetectiveControlsProps props, SecureBucket? accessLogs = null)
        : base(scope, id)
    {
        _accessLogs = accessLogs;
        // Config rules need a recorder in the account and region (PutConfigRule fails with
        // NoAvailableConfigurationRecorderException without one): created here, or the account's own.
        IConstruct? recorder = props.EffectiveRecorder == ConfigRecorder.CreateNew ? CreateRecorder() : null;
        Recorder = props.EffectiveRecorder ?? ConfigRecorder.UseExisting;
        foreach (var (ruleId, identifier, types, watches) in Rules)
        {
            var rule = new ManagedRule(this, ruleId, new ManagedRuleProps
            {
                Identifier = identifier,
                Description = "SecureSageMaker: " + watches + ".",
                RuleScope = types.Length == 0 ? null : Amazon.CDK.AWS.Config.RuleScope.FromResources(types.Select(ResourceType.Of).ToArray()),
            });
            if (recorder is not null)
            {
                rule.Node.AddDependency(recorder);
            }

            _rules.Add(rule);
        }
    }

    /// <summary>Where the recorder the rules need comes from.</summary>
    public ConfigRecorder Recorder { get; }

    /// <summary>The ARNs of the Config rules.</summary>
    public IReadOnlyList<string> RuleArns => _rules.Select(r => r.ConfigRuleArn).ToList();

    private IConstruct CreateRecorder()
    {
        var bucket = new SecureBucket(this, "DeliveryBucket", new SecureBucketProps { ServerAccessLogsBucket = _accessLogs, ServerAccessLogsPrefix = "ConfigDelivery/" });
        var resource = (CfnResource)bucket.Bucket.Node.DefaultChild!;
        Acknowledge.Warning(bucket, WarningIds.BucketWithoutNetworkPerimeter, "AWS Config delivers configuration snapshots from its own infrastructure, outside any VPC endpoint.");
        _ = bucket.Bucket.AddToResourcePolicy(Jsii.IamJson.Allow("AllowConfigDelivery", new[] { "s3:PutObject" }, new[] { bucket.Bucket.ArnForObjects("AWSLogs/" + Stack.Of(this).Account + "/Config/*") },
            Jsii.IamJson.Condition("StringEquals", "aws:SourceAccount", Stack.Of(this).Account), Jsii.IamJson.ServicePrincipal("config.amazonaws.com")));
        _ = bucket.Bucket.AddToResourcePolicy(Jsii.IamJson.Allow("AllowConfigBucketCheck", new[] { "s3:GetBucketAcl", "s3:ListBucket" }, new[] { bucket.BucketArn },
            Jsii.IamJson.Condition("StringEquals", "aws:SourceAccount", Stack.Of(this).Account), Jsii.IamJson.ServicePrincipal("config.amazonaws.com")));
        _ = bucket.EncryptionKey!.AddToResourcePolicy(Jsii.IamJson.Allow("AllowConfigToEncrypt", new[] { "kms:Decrypt", "kms:GenerateDataKey" }, "*",
            Jsii.IamJson.Condition("StringEquals", "aws:SourceAccount", Stack.Of(this).Account), Jsii.IamJson.ServicePrincipal("config.amazonaws.com")), false);
        var role = new Role(this, "RecorderRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("config.amazonaws.com"),
            ManagedPolicies = new[] { ManagedPolicy.FromAwsManagedPolicyName("service-role/AWS_ConfigRole") },
            Description = "Lets AWS Config record the account's resources for the workspace's detective controls.",
        });
        Suppressions.CdkNag(Suppressions.Resource(role), ("AwsSolutions-IAM4",
            "AWS_ConfigRole is the policy AWS Config documents for its recorder role (Permissions for the IAM role assigned to AWS Config); AWS keeps it current as Config records new resource types."));
        var recorder = new CfnConfigurationRecorder(this, "Recorder", new CfnConfigurationRecorderProps
        {
            RoleArn = role.RoleArn,
            RecordingGroup = new CfnConfigurationRecorder.RecordingGroupProperty { AllSupported = true, IncludeGlobalResourceTypes = false },
        });
        var channel = new CfnDeliveryChannel(this, "DeliveryChannel", new CfnDeliveryChannelProps
        {
            S3BucketName = bucket.BucketName,
            S3KmsKeyArn = bucket.EncryptionKey!.KeyArn,
        });
        // "Before you can create a delivery channel, you must create a configuration recorder", and AWS Config
        // checks the bucket's policy when the channel is created (PutDeliveryChannel,
        // https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html): the channel
        // comes after the recorder and the bucket policy; the rules after both (returned: the channel).
        channel.AddDependency(recorder);
        channel.Node.AddDependency(resource);
        channel.Node.AddDependency(bucket.Bucket.Policy!);
        return channel;
    }
}
