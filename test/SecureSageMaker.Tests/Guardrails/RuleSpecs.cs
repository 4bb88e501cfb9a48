using System.Text.Json.Nodes;
using SecureSageMaker.Guardrails;
using static SecureSageMaker.Tests.Guardrails.RuleSpec;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>
/// The compliant baseline of every rule and one breaking change per check, in the cdk-nag style: each
/// case flips exactly one field, so deleting any check turns at least one case red.
/// </summary>
public static class RuleSpecs
{
    private static JsonObject P(JsonObject t) => Subject(t);

    private static JsonObject At(JsonObject t, params string[] path)
    {
        JsonNode node = P(t);
        foreach (var name in path)
        {
            node = node[name]!;
        }

        return node.AsObject();
    }

    private static string Resources(string subjectType, string subjectProperties, string others = "") =>
        "{\"Resources\":{\"Subject\":{\"Type\":\"" + subjectType + "\",\"Properties\":" + subjectProperties + "}" + (others.Length == 0 ? string.Empty : "," + others) + "}}";

    private const string Vpc = "{\"Subnets\":[\"subnet-1\"],\"SecurityGroupIds\":[\"sg-1\"]}";

    private const string Training = "{\"EnableNetworkIsolation\":true,\"EnableInterContainerTrafficEncryption\":true,\"VpcConfig\":" + Vpc
        + ",\"ResourceConfig\":{\"InstanceType\":\"ml.m5.xlarge\",\"VolumeKmsKeyId\":\"k\"},\"OutputDataConfig\":{\"KmsKeyId\":\"k\"}}";

    private const string Processing = "{\"NetworkConfig\":{\"EnableNetworkIsolation\":true,\"EnableInterContainerTrafficEncryption\":true,\"VpcConfig\":" + Vpc
        + "},\"ProcessingResources\":{\"ClusterConfig\":{\"InstanceType\":\"ml.m5.xlarge\",\"VolumeKmsKeyId\":\"k\"}},\"ProcessingOutputConfig\":{\"KmsKeyId\":\"k\"}}";

    private static string Machine(string parameters, string resource = "arn:aws:states:::sagemaker:createTrainingJob.sync") =>
        "{\"Definition\":{\"StartAt\":\"Run\",\"States\":{\"Run\":{\"Type\":\"Task\",\"Resource\":\"" + resource + "\",\"Parameters\":" + parameters + ",\"End\":true}}}}";

    private static JsonObject State(JsonObject t) => P(t)["Definition"]!["States"]!["Run"]!["Parameters"]!.AsObject();

    private static string Pipeline(string type, string arguments) =>
        "{\"PipelineDefinition\":{\"PipelineDefinitionBody\":" + JsonValue.Create("{\"Version\":\"2020-12-01\",\"Steps\":[{\"Name\":\"Run\",\"Type\":\"" + type + "\",\"Arguments\":" + arguments + "}]}")!.ToJsonString() + "}}";

    private static void SetBody(JsonObject t, Action<JsonObject> change)
    {
        var holder = P(t)["PipelineDefinition"]!.AsObject();
        var body = JsonNode.Parse((string)holder["PipelineDefinitionBody"]!)!.AsObject();
        change(body);
        holder["PipelineDefinitionBody"] = body.ToJsonString();
    }

    private static readonly string Bucket = Resources("AWS::S3::Bucket",
        "{\"BucketEncryption\":{\"ServerSideEncryptionConfiguration\":[{\"ServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"k\"}}]},"
        + "\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":true}}",
        "\"Policy\":{\"Type\":\"AWS::S3::BucketPolicy\",\"Properties\":{\"Bucket\":{\"Ref\":\"Subject\"},\"PolicyDocument\":{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Principal\":{\"AWS\":\"*\"},\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}}}");

    public static IReadOnlyList<RuleSpec> All { get; } = new[]
    {
        new RuleSpec(RuleIds.NotebookLockdown, Resources("AWS::SageMaker::NotebookInstance",
            "{\"DirectInternetAccess\":\"Disabled\",\"RootAccess\":\"Disabled\",\"KmsKeyId\":\"k\",\"SubnetId\":\"subnet-1\",\"SecurityGroupIds\":[\"sg-1\"],"
            + "\"PlatformIdentifier\":\"notebook-al2023-v1\",\"InstanceMetadataServiceConfiguration\":{\"MinimumInstanceMetadataServiceVersion\":\"2\"}}"), new[]
        {
            new RuleCase("internet access", t => P(t)["DirectInternetAccess"] = "Enabled", "DirectInternetAccess is not Disabled."),
            new RuleCase("root access", t => P(t)["RootAccess"] = "Enabled", "RootAccess is not Disabled."),
            new RuleCase("root access from a parameter", t => P(t)["RootAccess"] = Json("{\"Ref\":\"Root\"}"), "RootAccess is an intrinsic function", true),
            new RuleCase("no key", t => P(t).Remove("KmsKeyId"), "KmsKeyId is missing"),
            new RuleCase("security groups behind a condition", t => P(t)["SecurityGroupIds"] = Json("{\"Fn::If\":[\"Never\",[\"sg-1\"],{\"Ref\":\"AWS::NoValue\"}]}"), "Decided by a condition at deploy time", true),
            new RuleCase("no subnet", t => P(t).Remove("SubnetId"), "SubnetId is missing"),
            new RuleCase("no security groups", t => P(t).Remove("SecurityGroupIds"), "SecurityGroupIds is missing."),
            new RuleCase("old platform", t => P(t)["PlatformIdentifier"] = "notebook-al2-v2", "PlatformIdentifier is not notebook-al2023-v1."),
            new RuleCase("IMDSv1", t => P(t).Remove("InstanceMetadataServiceConfiguration"), "IMDSv2 is not required"),
            new RuleCase("lifecycle config from elsewhere", t => P(t)["LifecycleConfigName"] = "someone-elses", "outside this template"),
        }),
        new RuleSpec(RuleIds.NotebookLifecycleConfig, Resources("AWS::SageMaker::NotebookInstance", "{}"), new[]
        {
            new RuleCase("a lifecycle config", t => t["Resources"]!["Subject"]!["Type"] = "AWS::SageMaker::NotebookInstanceLifecycleConfig", "run as root"),
        }),
        new RuleSpec(RuleIds.ModelIsolation, Resources("AWS::SageMaker::Model", "{\"EnableNetworkIsolation\":true,\"VpcConfig\":" + Vpc + "}"), new[]
        {
            new RuleCase("no isolation", t => P(t)["EnableNetworkIsolation"] = false, "EnableNetworkIsolation is not true."),
            new RuleCase("isolation from a parameter", t => P(t)["EnableNetworkIsolation"] = Json("{\"Ref\":\"Iso\"}"), "EnableNetworkIsolation is an intrinsic function", true),
            new RuleCase("no subnets", t => At(t, "VpcConfig").Remove("Subnets"), "VpcConfig.Subnets is missing"),
            new RuleCase("no security groups", t => At(t, "VpcConfig").Remove("SecurityGroupIds"), "VpcConfig.SecurityGroupIds is missing."),
        }),
        new RuleSpec(RuleIds.EndpointConfigEncryption, Resources("AWS::SageMaker::EndpointConfig",
            "{\"KmsKeyId\":\"k\",\"ProductionVariants\":[{\"ModelName\":\"m\",\"InstanceType\":\"ml.m5.large\",\"VariantName\":\"A\"}],"
            + "\"DataCaptureConfig\":{\"EnableCapture\":true,\"KmsKeyId\":\"k\"},\"AsyncInferenceConfig\":{\"OutputConfig\":{\"KmsKeyId\":\"k\"}}}"), new[]
        {
            new RuleCase("no key", t => P(t).Remove("KmsKeyId"), "KmsKeyId is missing: endpoint storage"),
            new RuleCase("SSM access", t => P(t)["ProductionVariants"]![0]!["EnableSSMAccess"] = true, "enables SSM access"),
            new RuleCase("a shadow variant without a model", t => P(t)["ShadowProductionVariants"] = Json("[{\"VariantName\":\"S\",\"InstanceType\":\"ml.m5.large\"}]"), "names no model (inference components) and the config does not set EnableNetworkIsolation"),
            new RuleCase("capture without key", t => At(t, "DataCaptureConfig").Remove("KmsKeyId"), "DataCaptureConfig has no KmsKeyId"),
            new RuleCase("async output without key", t => At(t, "AsyncInferenceConfig", "OutputConfig").Remove("KmsKeyId"), "AsyncInferenceConfig.OutputConfig has no KmsKeyId."),
            new RuleCase("instance type from a parameter", t => P(t)["ProductionVariants"]![0]!["InstanceType"] = Json("{\"Ref\":\"T\"}"), "InstanceType is an intrinsic function", true),
            new RuleCase("a component variant without isolation", t => P(t)["ProductionVariants"]![0]!.AsObject().Remove("ModelName"), "does not set EnableNetworkIsolation"),
        }),
        new RuleSpec(RuleIds.InferenceComponentModel, Resources("AWS::SageMaker::InferenceComponent", "{\"Specification\":{\"ModelName\":\"m\"}}"), new[]
        {
            new RuleCase("no model", t => At(t, "Specification").Remove("ModelName"), "Specification.ModelName is missing"),
            new RuleCase("a bare container", t => At(t, "Specification")["Container"] = Json("{\"Image\":\"i\"}"), "Specification.Container defines a container"),
        }),
        new RuleSpec(RuleIds.StudioDomain, Resources("AWS::SageMaker::Domain",
            "{\"AppNetworkAccessType\":\"VpcOnly\",\"KmsKeyId\":\"k\",\"DefaultUserSettings\":{\"SecurityGroups\":[\"sg-1\"]},\"DefaultSpaceSettings\":{\"SecurityGroups\":[\"sg-1\"]}}"), new[]
        {
            new RuleCase("public internet", t => P(t)["AppNetworkAccessType"] = "PublicInternetOnly", "AppNetworkAccessType is not VpcOnly."),
            new RuleCase("no key", t => P(t).Remove("KmsKeyId"), "KmsKeyId is missing: the home directories"),
            new RuleCase("no user security groups", t => At(t, "DefaultUserSettings").Remove("SecurityGroups"), "DefaultUserSettings has no SecurityGroups."),
            new RuleCase("no space security groups", t => At(t, "DefaultSpaceSettings").Remove("SecurityGroups"), "DefaultSpaceSettings has no SecurityGroups."),
            new RuleCase("docker", t => P(t)["DomainSettings"] = Json("{\"DockerSettings\":{\"EnableDockerAccess\":\"ENABLED\"}}"), "enables Docker access"),
        }),
        new RuleSpec(RuleIds.StudioProfilesAndSpaces, Resources("AWS::SageMaker::Space", "{\"SpaceSettings\":{\"SecurityGroups\":[\"sg-1\"]}}"), new[]
        {
            new RuleCase("empty groups", t => At(t, "SpaceSettings")["SecurityGroups"] = new JsonArray(), "The security group list is empty."),
            new RuleCase("remote access", t => At(t, "SpaceSettings")["RemoteAccess"] = "ENABLED", "RemoteAccess is ENABLED"),
        }),
        new RuleSpec(RuleIds.JobIsolation, Resources("AWS::StepFunctions::StateMachine", Machine(Training)), new[]
        {
            new RuleCase("training without isolation", t => State(t)["EnableNetworkIsolation"] = false, "does not set EnableNetworkIsolation."),
            new RuleCase("training isolation from input", t => { State(t).Remove("EnableNetworkIsolation"); State(t)["EnableNetworkIsolation.$"] = "$.x"; }, "EnableNetworkIsolation is set at run time", true),
            new RuleCase("training without encryption", t => State(t).Remove("EnableInterContainerTrafficEncryption"), "does not set EnableInterContainerTrafficEncryption."),
            new RuleCase("training without subnets", t => State(t)["VpcConfig"]!.AsObject().Remove("Subnets"), "has no VpcConfig with Subnets."),
            new RuleCase("training without security groups", t => State(t)["VpcConfig"]!.AsObject().Remove("SecurityGroupIds"), "has no VpcConfig with SecurityGroupIds."),
            new RuleCase("training without volume key", t => State(t)["ResourceConfig"]!.AsObject().Remove("VolumeKmsKeyId"), "has no volume KMS key."),
            new RuleCase("training without output key", t => State(t)["OutputDataConfig"]!.AsObject().Remove("KmsKeyId"), "has no output KMS key."),
            new RuleCase("remote debugging", t => State(t)["RemoteDebugConfig"] = Json("{\"EnableRemoteDebug\":true}"), "enables remote debugging"),
            new RuleCase("an unguarded API", t => P(t)["Definition"]!["States"]!["Run"]!["Resource"] = "arn:aws:states:::aws-sdk:sagemaker:createCompilationJob", "calls sagemaker:createCompilationJob"),
            new RuleCase("remote debugging from input", t => State(t)["RemoteDebugConfig"] = Json("{\"EnableRemoteDebug.$\":\"$.debug\"}"), "sets EnableRemoteDebug when it starts", true),
            new RuleCase("a SageMaker API the checker does not judge", t => P(t)["Definition"]!["States"]!["Run"]!["Resource"] = "arn:aws:states:::aws-sdk:sagemaker:createNotebookInstance", "creates or starts something the checker does not judge"),
            new RuleCase("an HTTP call", t => P(t)["Definition"]!["States"]!["Run"]!["Resource"] = "arn:aws:states:::http:invoke", "calls an HTTP endpoint"),
            new RuleCase("a Lambda function", t => P(t)["Definition"]!["States"]!["Run"]!["Resource"] = "arn:aws:states:::lambda:invoke", "invokes a Lambda function", true),
            new RuleCase("another state machine", t => P(t)["Definition"]!["States"]!["Run"]!["Resource"] = "arn:aws:states:::states:startExecution.sync:2", "starts another state machine", true),
            new RuleCase("an API named at deploy time", t => P(t)["Definition"]!["States"]!["Run"]!["Resource"] = "arn:aws:states:::sagemaker:${Api}", "is decided at deploy time", true),
            new RuleCase("a definition in S3", t => { P(t).Remove("Definition"); P(t)["DefinitionS3Location"] = Json("{\"Bucket\":\"b\",\"Key\":\"k\"}"); }, "kept in S3", true),
            new RuleCase("an unparseable definition", t => { P(t).Remove("Definition"); P(t)["DefinitionString"] = Json("{\"Fn::Join\":[\"\",[\"{\\\"States\\\":\",{\"Ref\":\"X\"}]]}"); }, "is not JSON the checker can parse", true),
        }),
        new RuleSpec(RuleIds.JobIsolation, Resources("AWS::StepFunctions::StateMachine", Machine(Processing, "arn:aws:states:::sagemaker:createProcessingJob.sync")), new[]
        {
            new RuleCase("processing without isolation", t => State(t)["NetworkConfig"]!["EnableNetworkIsolation"] = false, "does not set EnableNetworkIsolation."),
            new RuleCase("processing without volume key", t => State(t)["ProcessingResources"]!["ClusterConfig"]!.AsObject().Remove("VolumeKmsKeyId"), "has no volume KMS key."),
            new RuleCase("processing without output key", t => State(t)["ProcessingOutputConfig"]!.AsObject().Remove("KmsKeyId"), "has no output KMS key."),
        }),
        new RuleSpec(RuleIds.JobIsolation, Resources("AWS::SageMaker::Pipeline", Pipeline("Training", Training)), new[]
        {
            new RuleCase("pipeline training without isolation", t => SetBody(t, b => b["Steps"]![0]!["Arguments"]!["EnableNetworkIsolation"] = false), "Step 'Run' does not set EnableNetworkIsolation."),
            new RuleCase("pipeline isolation from a parameter", t => SetBody(t, b => b["Steps"]![0]!["Arguments"]!["EnableNetworkIsolation"] = Json("{\"Get\":\"Parameters.Iso\"}")), "set at run time", true),
            new RuleCase("pipeline Lambda step", t => SetBody(t, b => b["Steps"]![0]!["Type"] = "Lambda"), "runs a Lambda function"),
            new RuleCase("pipeline unknown step", t => SetBody(t, b => b["Steps"]![0]!["Type"] = "Mystery"), "which the checker does not know", true),
        }),
        new RuleSpec(RuleIds.JobIsolation, Resources("AWS::SageMaker::DataQualityJobDefinition",
            "{\"NetworkConfig\":{\"EnableNetworkIsolation\":true,\"EnableInterContainerTrafficEncryption\":true,\"VpcConfig\":" + Vpc + "},"
            + "\"JobResources\":{\"ClusterConfig\":{\"InstanceType\":\"ml.m5.xlarge\",\"VolumeKmsKeyId\":\"k\"}},\"DataQualityJobOutputConfig\":{\"KmsKeyId\":\"k\"}}"), new[]
        {
            new RuleCase("monitoring without isolation", t => At(t, "NetworkConfig")["EnableNetworkIsolation"] = false, "The job definition does not set EnableNetworkIsolation."),
            new RuleCase("monitoring without volume key", t => At(t, "JobResources", "ClusterConfig").Remove("VolumeKmsKeyId"), "The job definition has no volume KMS key."),
            new RuleCase("monitoring without output key", t => At(t, "DataQualityJobOutputConfig").Remove("KmsKeyId"), "The job definition has no output KMS key"),
        }),
        new RuleSpec(RuleIds.JobIsolation, Resources("AWS::SageMaker::MonitoringSchedule",
            "{\"MonitoringScheduleConfig\":{\"MonitoringJobDefinition\":{\"NetworkConfig\":{\"EnableNetworkIsolation\":true,\"EnableInterContainerTrafficEncryption\":true,\"VpcConfig\":" + Vpc + "},"
            + "\"MonitoringResources\":{\"ClusterConfig\":{\"InstanceType\":\"ml.m5.xlarge\",\"VolumeKmsKeyId\":\"k\"}},\"MonitoringOutputConfig\":{\"KmsKeyId\":\"k\"}}}}"), new[]
        {
            new RuleCase("schedule without encryption", t => At(t, "MonitoringScheduleConfig", "MonitoringJobDefinition", "NetworkConfig")["EnableInterContainerTrafficEncryption"] = false, "The monitoring schedule's job does not set EnableInterContainerTrafficEncryption."),
            new RuleCase("schedule without volume key", t => At(t, "MonitoringScheduleConfig", "MonitoringJobDefinition", "MonitoringResources", "ClusterConfig").Remove("VolumeKmsKeyId"), "The monitoring schedule's job has no volume KMS key."),
            new RuleCase("schedule without output key", t => At(t, "MonitoringScheduleConfig", "MonitoringJobDefinition", "MonitoringOutputConfig").Remove("KmsKeyId"), "The monitoring schedule's job has no output KMS key."),
        }),
        new RuleSpec(RuleIds.ClusterInVpc, Resources("AWS::SageMaker::Cluster", "{\"VpcConfig\":" + Vpc + "}"), new[]
        {
            new RuleCase("cluster without subnets", t => At(t, "VpcConfig").Remove("Subnets"), "the cluster is not in the workspace's VPC"),
            new RuleCase("cluster without groups", t => At(t, "VpcConfig").Remove("SecurityGroupIds"), "VpcConfig.SecurityGroupIds is missing."),
        }),
        new RuleSpec(RuleIds.FeatureGroupEncryption, Resources("AWS::SageMaker::FeatureGroup",
            "{\"OnlineStoreConfig\":{\"EnableOnlineStore\":true,\"SecurityConfig\":{\"KmsKeyId\":\"k\"}},\"OfflineStoreConfig\":{\"S3StorageConfig\":{\"S3Uri\":\"s3://b\",\"KmsKeyId\":\"k\"}}}"), new[]
        {
            new RuleCase("online store without key", t => At(t, "OnlineStoreConfig", "SecurityConfig").Remove("KmsKeyId"), "The online store has no KmsKeyId."),
            new RuleCase("offline store without key", t => At(t, "OfflineStoreConfig", "S3StorageConfig").Remove("KmsKeyId"), "The offline store has no KmsKeyId."),
        }),
        new RuleSpec(RuleIds.BucketKmsEncryption, Bucket, new[]
        {
            new RuleCase("SSE-S3", t => P(t)["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"] = "AES256", "does not default to SSE-KMS."),
            new RuleCase("no key id", t => P(t)["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!.AsObject().Remove("KMSMasterKeyID"), "names no KMSMasterKeyID"),
        }),
        new RuleSpec(RuleIds.BucketTlsOnly, Bucket, new[]
        {
            new RuleCase("no TLS deny", t => t["Resources"]!.AsObject().Remove("Policy"), "No bucket policy denies requests without TLS"),
        }),
        new RuleSpec(RuleIds.BucketPublicAccess, Bucket, new[]
        {
            new RuleCase("public ACLs", t => At(t, "PublicAccessBlockConfiguration")["BlockPublicAcls"] = false, "BlockPublicAcls is not true."),
            new RuleCase("public policy", t => At(t, "PublicAccessBlockConfiguration")["BlockPublicPolicy"] = false, "BlockPublicPolicy is not true."),
            new RuleCase("ignore ACLs", t => At(t, "PublicAccessBlockConfiguration")["IgnorePublicAcls"] = false, "IgnorePublicAcls is not true."),
            new RuleCase("restrict buckets", t => At(t, "PublicAccessBlockConfiguration")["RestrictPublicBuckets"] = false, "RestrictPublicBuckets is not true."),
        }),
        new RuleSpec(RuleIds.KeyRotation, Resources("AWS::KMS::Key", "{\"EnableKeyRotation\":true}"), new[]
        {
            new RuleCase("no rotation", t => P(t)["EnableKeyRotation"] = false, "EnableKeyRotation is not true."),
            new RuleCase("spec from a parameter", t => P(t)["KeySpec"] = Json("{\"Ref\":\"Spec\"}"), "KeySpec is an intrinsic function", true),
        }),
        new RuleSpec(RuleIds.NoInternetPath, Resources("AWS::EC2::Subnet", "{\"CidrBlock\":\"10.0.0.0/24\",\"MapPublicIpOnLaunch\":false}"), new[]
        {
            new RuleCase("a route through a transit gateway", t => t["Resources"]!["Subject"] = Json("{\"Type\":\"AWS::EC2::Route\",\"Properties\":{\"DestinationCidrBlock\":\"0.0.0.0/1\",\"TransitGatewayId\":\"tgw-1\"}}"), "sends 0.0.0.0/1 to TransitGatewayId"),
            new RuleCase("an internet gateway", t => t["Resources"]!["Subject"]!["Type"] = "AWS::EC2::InternetGateway", "AWS::EC2::InternetGateway opens a path out"),
            new RuleCase("a peering connection", t => t["Resources"]!["Subject"]!["Type"] = "AWS::EC2::VPCPeeringConnection", "AWS::EC2::VPCPeeringConnection opens a path out"),
            new RuleCase("a transit gateway attachment", t => t["Resources"]!["Subject"]!["Type"] = "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayAttachment opens a path out"),
            new RuleCase("public IP subnet", t => P(t)["MapPublicIpOnLaunch"] = true, "maps public IPs on launch."),
        }),
        new RuleSpec(RuleIds.DnsFirewall, Resources("AWS::EC2::VPC", "{\"CidrBlock\":\"10.0.0.0/16\"}",
            "\"Allow\":{\"Type\":\"AWS::Route53Resolver::FirewallDomainList\",\"Properties\":{\"Domains\":[\"sts.eu-west-1.amazonaws.com\"]}},"
            + "\"Every\":{\"Type\":\"AWS::Route53Resolver::FirewallDomainList\",\"Properties\":{\"Domains\":[\"*\"]}},"
            + "\"Group\":{\"Type\":\"AWS::Route53Resolver::FirewallRuleGroup\",\"Properties\":{\"FirewallRules\":[{\"Action\":\"ALLOW\",\"Priority\":200,\"FirewallDomainListId\":{\"Fn::GetAtt\":[\"Allow\",\"Id\"]}},{\"Action\":\"BLOCK\",\"Priority\":300,\"BlockResponse\":\"NODATA\",\"FirewallDomainListId\":{\"Fn::GetAtt\":[\"Every\",\"Id\"]}}]}},"
            + "\"Association\":{\"Type\":\"AWS::Route53Resolver::FirewallRuleGroupAssociation\",\"Properties\":{\"VpcId\":{\"Ref\":\"Subject\"},\"FirewallRuleGroupId\":{\"Fn::GetAtt\":[\"Group\",\"Id\"]},\"Priority\":101}}"), new[]
        {
            new RuleCase("no association", t => t["Resources"]!.AsObject().Remove("Association"), "No DNS firewall rule group is associated"),
            new RuleCase("an allow-all rule group evaluated first", t =>
            {
                t["Resources"]!["Open"] = Json("{\"Type\":\"AWS::Route53Resolver::FirewallRuleGroup\",\"Properties\":{\"FirewallRules\":[{\"Action\":\"ALLOW\",\"Priority\":100,\"FirewallDomainListId\":{\"Fn::GetAtt\":[\"Every\",\"Id\"]}}]}}");
                t["Resources"]!["OpenAssociation"] = Json("{\"Type\":\"AWS::Route53Resolver::FirewallRuleGroupAssociation\",\"Properties\":{\"VpcId\":{\"Ref\":\"Subject\"},\"FirewallRuleGroupId\":{\"Fn::GetAtt\":[\"Open\",\"Id\"]},\"Priority\":100}}");
            }, "an earlier ALLOW of '*' defeats a later BLOCK"),
            new RuleCase("a group elsewhere evaluated first", t =>
            {
                t["Resources"]!["OtherAssociation"] = Json("{\"Type\":\"AWS::Route53Resolver::FirewallRuleGroupAssociation\",\"Properties\":{\"VpcId\":{\"Ref\":\"Subject\"},\"FirewallRuleGroupId\":\"rslvr-frg-0123456789abcdef\",\"Priority\":100}}");
            }, "outside this template", true),
            new RuleCase("no catch-all block", t => t["Resources"]!["Group"]!["Properties"]!["FirewallRules"]![1]!["Action"] = "ALERT", "does not block every domain it does not allow"),
            new RuleCase("a group elsewhere", t => t["Resources"]!["Association"]!["Properties"]!["FirewallRuleGroupId"] = "rslvr-frg-0123456789abcdef", "outside this template", true),
            new RuleCase("an allow-list of everything", t => t["Resources"]!["Allow"]!["Properties"]!["Domains"] = Json("[\"*\"]"), "allows every domain"),
            new RuleCase("an allow-list from a parameter", t => t["Resources"]!["Allow"]!["Properties"]!["Domains"] = Json("[{\"Ref\":\"Domain\"}]"), "holds a value decided at deploy time", true),
        }),
        new RuleSpec(RuleIds.NoOpenIngress, Resources("AWS::EC2::SecurityGroup", "{\"SecurityGroupIngress\":[{\"IpProtocol\":\"tcp\",\"FromPort\":443,\"ToPort\":443,\"CidrIp\":\"10.0.0.0/8\"}]}"), new[]
        {
            new RuleCase("from anywhere", t => P(t)["SecurityGroupIngress"]![0]!["CidrIp"] = "0.0.0.0/0", "admits IPv4 traffic from anywhere"),
            new RuleCase("from anywhere over IPv6", t => { P(t)["SecurityGroupIngress"]![0]!.AsObject().Remove("CidrIp"); P(t)["SecurityGroupIngress"]![0]!["CidrIpv6"] = "::/0"; }, "admits IPv6 traffic from anywhere"),
            new RuleCase("from a parameter", t => P(t)["SecurityGroupIngress"]![0]!["CidrIp"] = Json("{\"Ref\":\"Cidr\"}"), "decided outside this template", true),
        }),
        new RuleSpec(RuleIds.NoOpenEgress, Resources("AWS::EC2::SecurityGroup", "{\"SecurityGroupEgress\":[{\"IpProtocol\":\"tcp\",\"FromPort\":443,\"ToPort\":443,\"CidrIp\":\"0.0.0.0/0\"}]}"), new[]
        {
            new RuleCase("all protocols", t => P(t)["SecurityGroupEgress"]![0]!["IpProtocol"] = "-1", "sends all protocols to anywhere."),
        }),
        new RuleSpec(RuleIds.NoLambda, Resources("AWS::S3::Bucket", "{}"), new[]
        {
            new RuleCase("a function", t => t["Resources"]!["Subject"]!["Type"] = "AWS::Lambda::Function", "runs code outside the workspace's network."),
        }),
        new RuleSpec(RuleIds.LogGroupEncryption, Resources("AWS::Logs::LogGroup", "{\"KmsKeyId\":\"k\",\"RetentionInDays\":365}"), new[]
        {
            new RuleCase("no key", t => P(t).Remove("KmsKeyId"), "KmsKeyId is missing: the log group"),
            new RuleCase("no retention", t => P(t).Remove("RetentionInDays"), "RetentionInDays is missing"),
        }),
        new RuleSpec(RuleIds.EndpointPolicy, Resources("AWS::EC2::VPCEndpoint",
            "{\"VpcEndpointType\":\"Interface\",\"ServiceName\":{\"Fn::Join\":[\"\",[\"com.amazonaws.\",{\"Ref\":\"AWS::Region\"},\".sts\"]]},\"PrivateDnsEnabled\":true,"
            + "\"PolicyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}}]}}"), new[]
        {
            new RuleCase("no policy", t => P(t).Remove("PolicyDocument"), "allows everything."),
            new RuleCase("no private DNS", t => P(t)["PrivateDnsEnabled"] = false, "PrivateDnsEnabled is not true."),
            new RuleCase("a third party's PrivateLink service", t => P(t)["ServiceName"] = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", "vpce-svc-0123456789abcdef0' is not in the catalog"),
            new RuleCase("a service outside the catalog", t => P(t)["ServiceName"] = "com.amazonaws.eu-west-1.sqs", "sqs' is not in the catalog"),
            new RuleCase("a service name from a parameter", t => P(t)["ServiceName"] = Json("{\"Ref\":\"Service\"}"), "ServiceName is decided outside this template.", true),
            new RuleCase("allow-all without a condition", t => P(t)["PolicyDocument"]!["Statement"]![0]!.AsObject().Remove("Condition"), "allows every principal every action"),
        }),
        new RuleSpec(RuleIds.EndpointPolicy, Resources("AWS::EC2::VPCEndpoint",
            "{\"VpcEndpointType\":\"Gateway\",\"ServiceName\":\"com.amazonaws.eu-west-1.s3\",\"PolicyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*\",\"arn:aws:s3:::assets-438097961670-eu-west-1/*\",{\"Fn::GetAtt\":[\"Data\",\"Arn\"]}]}]}}",
            "\"Data\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{}}"), new[]
        {
            new RuleCase("every bucket", t => P(t)["PolicyDocument"]!["Statement"]![0]!["Resource"] = Json("[\"arn:aws:s3:::*\",\"arn:aws:s3:::*/*\"]"), "a wildcard in a bucket name"),
            new RuleCase("a wildcard joined to a bucket of the template", t => P(t)["PolicyDocument"]!["Statement"]![0]!["Resource"] = Json("[{\"Fn::Join\":[\"\",[\"arn:aws:s3:::*\",{\"Ref\":\"Data\"},\"/*\"]]}]"), "a bucket wildcard joined to references"),
            new RuleCase("a bucket from a parameter", t => P(t)["PolicyDocument"]!["Statement"]![0]!["Resource"] = Json("[{\"Fn::Join\":[\"\",[\"arn:aws:s3:::\",{\"Ref\":\"Bucket\"},\"/*\"]]}]"), "a bucket decided outside this template", true),
            new RuleCase("every bucket but a few", t => { var s = P(t)["PolicyDocument"]!["Statement"]![0]!.AsObject(); s.Remove("Resource"); s["NotResource"] = "arn:aws:s3:::x"; }, "uses NotResource"),
        }),
        new RuleSpec(RuleIds.ExecutionRoleTrust, Resources("AWS::IAM::Role",
            "{\"Path\":\"/securesagemaker/ws/\",\"AssumeRolePolicyDocument\":{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":\"sagemaker.amazonaws.com\"}}]}}"), new[]
        {
            new RuleCase("another account", t => P(t)["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"] = Json("{\"AWS\":\"arn:aws:iam::999999999999:root\"}"), "only sagemaker.amazonaws.com may assume it"),
            new RuleCase("path from a parameter", t => P(t)["Path"] = Json("{\"Ref\":\"Path\"}"), "Path is an intrinsic function", true),
        }),
    };
}
