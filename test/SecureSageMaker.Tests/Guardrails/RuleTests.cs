using Amazon.CDK;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>Each rule, compliant and non-compliant, on bare L1 resources (generic CfnResource with CloudFormation properties).</summary>
public class RuleTests
{
    private const string Vpc = "{\"Subnets\":[\"subnet-1\"],\"SecurityGroupIds\":[\"sg-1\"]}";
    private const string Training = "{\"EnableNetworkIsolation\":true,\"EnableInterContainerTrafficEncryption\":true,\"VpcConfig\":" + Vpc
        + ",\"ResourceConfig\":{\"VolumeKmsKeyId\":\"k\"},\"OutputDataConfig\":{\"KmsKeyId\":\"k\"}}";
    private const string OpenTraining = "{\"EnableNetworkIsolation\":false,\"VpcConfig\":" + Vpc + "}";

    public static TheoryData<string, string, string, RuleResult> Cases() => new()
    {
        { "SecureSageMaker-NB1", "AWS::SageMaker::NotebookInstance", "{\"DirectInternetAccess\":\"Disabled\",\"RootAccess\":\"Disabled\",\"KmsKeyId\":\"k\",\"SubnetId\":\"s\",\"SecurityGroupIds\":[\"g\"],\"PlatformIdentifier\":\"notebook-al2023-v1\",\"InstanceMetadataServiceConfiguration\":{\"MinimumInstanceMetadataServiceVersion\":\"2\"}}", RuleResult.Compliant },
        { "SecureSageMaker-NB1", "AWS::SageMaker::NotebookInstance", "{\"DirectInternetAccess\":\"Enabled\",\"KmsKeyId\":\"k\"}", RuleResult.NonCompliant },
        { "SecureSageMaker-MD1", "AWS::SageMaker::Model", "{\"EnableNetworkIsolation\":true,\"VpcConfig\":" + Vpc + "}", RuleResult.Compliant },
        { "SecureSageMaker-MD1", "AWS::SageMaker::Model", "{\"ExecutionRoleArn\":\"r\"}", RuleResult.NonCompliant },
        { "SecureSageMaker-EC1", "AWS::SageMaker::EndpointConfig", "{\"KmsKeyId\":\"k\",\"ProductionVariants\":[{\"InstanceType\":\"ml.m5.large\"}],\"DataCaptureConfig\":{\"EnableCapture\":true,\"KmsKeyId\":\"k\"}}", RuleResult.Compliant },
        { "SecureSageMaker-EC1", "AWS::SageMaker::EndpointConfig", "{\"ProductionVariants\":[{\"InstanceType\":\"ml.g5.xlarge\"}]}", RuleResult.Compliant },
        { "SecureSageMaker-EC1", "AWS::SageMaker::EndpointConfig", "{\"ProductionVariants\":[{\"InstanceType\":\"ml.m5.large\",\"EnableSSMAccess\":true}]}", RuleResult.NonCompliant },
        { "SecureSageMaker-EC1", "AWS::SageMaker::EndpointConfig", "{\"KmsKeyId\":\"k\",\"ProductionVariants\":[{\"InstanceType\":\"ml.m5.large\"}],\"DataCaptureConfig\":{\"EnableCapture\":true}}", RuleResult.NonCompliant },
        { "SecureSageMaker-ST1", "AWS::SageMaker::Domain", "{\"AppNetworkAccessType\":\"VpcOnly\",\"KmsKeyId\":\"k\",\"DefaultUserSettings\":{\"SecurityGroups\":[\"g\"]}}", RuleResult.Compliant },
        { "SecureSageMaker-ST1", "AWS::SageMaker::Domain", "{\"AuthMode\":\"IAM\",\"DefaultUserSettings\":{}}", RuleResult.NonCompliant },
        { "SecureSageMaker-JB1", "AWS::StepFunctions::StateMachine", "{\"DefinitionString\":" + Quote("{\"States\":{\"Train\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sagemaker:createTrainingJob.sync\",\"Parameters\":" + Training + "}}}") + "}", RuleResult.Compliant },
        { "SecureSageMaker-JB1", "AWS::StepFunctions::StateMachine", "{\"DefinitionString\":" + Quote("{\"States\":{\"Train\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sagemaker:createTrainingJob.sync\",\"Parameters\":" + OpenTraining + "}}}") + "}", RuleResult.NonCompliant },
        { "SecureSageMaker-JB1", "AWS::StepFunctions::StateMachine", "{\"DefinitionString\":" + Quote("{\"States\":{\"P\":{\"Type\":\"Parallel\",\"Branches\":[{\"States\":{\"Train\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sagemaker:createTrainingJob\",\"Parameters\":" + OpenTraining + "}}}]}}}") + "}", RuleResult.NonCompliant },
        { "SecureSageMaker-JB1", "AWS::StepFunctions::StateMachine", "{\"DefinitionString\":" + Quote("{\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":1}}}") + "}", RuleResult.NotApplicable },
        { "SecureSageMaker-JB1", "AWS::SageMaker::Pipeline", "{\"PipelineDefinition\":{\"PipelineDefinitionBody\":" + Quote("{\"Steps\":[{\"Name\":\"T\",\"Type\":\"Training\",\"Arguments\":" + Training + "}]}") + "}}", RuleResult.Compliant },
        { "SecureSageMaker-JB1", "AWS::SageMaker::Pipeline", "{\"PipelineDefinition\":{\"PipelineDefinitionBody\":" + Quote("{\"Steps\":[{\"Name\":\"P\",\"Type\":\"Processing\",\"Arguments\":{\"NetworkConfig\":{\"EnableNetworkIsolation\":true}}}]}") + "}}", RuleResult.NonCompliant },
        { "SecureSageMaker-JB1", "AWS::SageMaker::DataQualityJobDefinition", "{\"NetworkConfig\":{\"EnableNetworkIsolation\":true,\"EnableInterContainerTrafficEncryption\":true,\"VpcConfig\":" + Vpc + "}}", RuleResult.Compliant },
        { "SecureSageMaker-JB1", "AWS::SageMaker::ModelBiasJobDefinition", "{\"NetworkConfig\":{\"EnableNetworkIsolation\":false}}", RuleResult.NonCompliant },
        { "SecureSageMaker-S31", "AWS::S3::Bucket", "{\"BucketEncryption\":{\"ServerSideEncryptionConfiguration\":[{\"ServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"k\"}}]}}", RuleResult.Compliant },
        { "SecureSageMaker-S31", "AWS::S3::Bucket", "{\"BucketEncryption\":{\"ServerSideEncryptionConfiguration\":[{\"ServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\"}}]}}", RuleResult.NonCompliant },
        { "SecureSageMaker-S33", "AWS::S3::Bucket", "{\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":true,\"BlockPublicPolicy\":true,\"IgnorePublicAcls\":true,\"RestrictPublicBuckets\":true}}", RuleResult.Compliant },
        { "SecureSageMaker-S33", "AWS::S3::Bucket", "{\"PublicAccessBlockConfiguration\":{\"BlockPublicAcls\":true}}", RuleResult.NonCompliant },
        { "SecureSageMaker-KM1", "AWS::KMS::Key", "{\"EnableKeyRotation\":true}", RuleResult.Compliant },
        { "SecureSageMaker-KM1", "AWS::KMS::Key", "{}", RuleResult.NonCompliant },
        { "SecureSageMaker-KM1", "AWS::KMS::Key", "{\"KeySpec\":\"RSA_2048\"}", RuleResult.NotApplicable },
        { "SecureSageMaker-VP1", "AWS::EC2::Subnet", "{\"MapPublicIpOnLaunch\":false}", RuleResult.Compliant },
        { "SecureSageMaker-VP1", "AWS::EC2::Subnet", "{\"MapPublicIpOnLaunch\":true}", RuleResult.NonCompliant },
        { "SecureSageMaker-VP1", "AWS::EC2::InternetGateway", "{}", RuleResult.NonCompliant },
        { "SecureSageMaker-VP1", "AWS::EC2::NatGateway", "{\"SubnetId\":\"s\"}", RuleResult.NonCompliant },
        { "SecureSageMaker-VP1", "AWS::EC2::Route", "{\"DestinationCidrBlock\":\"10.0.0.0/8\"}", RuleResult.Compliant },
        { "SecureSageMaker-VP1", "AWS::EC2::Route", "{\"DestinationIpv6CidrBlock\":\"::/0\"}", RuleResult.NonCompliant },
        { "SecureSageMaker-SG1", "AWS::EC2::SecurityGroup", "{\"SecurityGroupIngress\":[{\"CidrIp\":\"10.0.0.0/16\",\"IpProtocol\":\"tcp\"}]}", RuleResult.Compliant },
        { "SecureSageMaker-SG1", "AWS::EC2::SecurityGroupIngress", "{\"CidrIp\":\"0.0.0.0/0\",\"IpProtocol\":\"tcp\"}", RuleResult.NonCompliant },
        { "SecureSageMaker-SG2", "AWS::EC2::SecurityGroup", "{\"SecurityGroupEgress\":[{\"CidrIp\":\"0.0.0.0/0\",\"IpProtocol\":\"tcp\",\"FromPort\":443}]}", RuleResult.Compliant },
        { "SecureSageMaker-SG2", "AWS::EC2::SecurityGroup", "{\"SecurityGroupEgress\":[{\"CidrIp\":\"0.0.0.0/0\",\"IpProtocol\":\"-1\"}]}", RuleResult.NonCompliant },
        { "SecureSageMaker-LB1", "AWS::S3::Bucket", "{}", RuleResult.NotApplicable },
        { "SecureSageMaker-LB1", "AWS::Lambda::Function", "{}", RuleResult.NonCompliant },
        { "SecureSageMaker-LB1", "Custom::Anything", "{}", RuleResult.NonCompliant },
        { "SecureSageMaker-LG1", "AWS::Logs::LogGroup", "{\"KmsKeyId\":\"k\",\"RetentionInDays\":30}", RuleResult.Compliant },
        { "SecureSageMaker-LG1", "AWS::Logs::LogGroup", "{\"RetentionInDays\":30}", RuleResult.NonCompliant },
        { "SecureSageMaker-EP1", "AWS::EC2::VPCEndpoint", "{\"VpcEndpointType\":\"Interface\",\"PrivateDnsEnabled\":true,\"PolicyDocument\":{\"Statement\":[]}}", RuleResult.Compliant },
        { "SecureSageMaker-EP1", "AWS::EC2::VPCEndpoint", "{\"VpcEndpointType\":\"Gateway\"}", RuleResult.NonCompliant },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_ReturnsTheExpectedResult_OnABareL1Resource(string ruleId, string type, string propertiesJson, RuleResult expected)
    {
        // GIVEN a bare L1 resource
        var stack = TestStacks.Create();
        _ = new CfnResource(stack, "Subject", new CfnResourceProps
        {
            Type = type,
            Properties = Newtonsoft.Json.JsonConvert.DeserializeObject<Dictionary<string, object>>(propertiesJson, new DictionaryConverter()),
        });

        // WHEN
        var view = GuardrailChecks.Snapshot(stack).Single();
        var finding = GuardrailRules.All.Single(r => r.Id == ruleId).Evaluate(view);

        // THEN
        Assert.Equal(expected, finding.Result);
        if (expected == RuleResult.NonCompliant)
        {
            Assert.False(string.IsNullOrWhiteSpace(finding.Reason));
        }
    }

    [Fact]
    public void TlsRule_FindsTheBucketPolicy_InTheSameStack()
    {
        var stack = TestStacks.Create();
        var bucket = new Amazon.CDK.AWS.S3.CfnBucket(stack, "Bucket");
        var rule = GuardrailRules.All.Single(r => r.Id == "SecureSageMaker-S32");
        Assert.Equal(RuleResult.NonCompliant, rule.Evaluate(GuardrailChecks.Snapshot(stack).Single()).Result);

        _ = new Amazon.CDK.AWS.S3.CfnBucketPolicy(stack, "Policy", new Amazon.CDK.AWS.S3.CfnBucketPolicyProps
        {
            Bucket = bucket.Ref,
            PolicyDocument = new Dictionary<string, object>
            {
                ["Statement"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Effect"] = "Deny", ["Action"] = "s3:*", ["Principal"] = "*", ["Resource"] = "*",
                        ["Condition"] = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" } },
                    },
                },
            },
        });
        var view = GuardrailChecks.Snapshot(stack).Single(v => v.Type == "AWS::S3::Bucket");
        Assert.Equal(RuleResult.Compliant, rule.Evaluate(view).Result);
    }

    [Fact]
    public void Rules_HaveUniqueIdsAndSayWhatAndWhy()
    {
        Assert.Equal(GuardrailRules.All.Count, GuardrailRules.All.Select(r => r.Id).Distinct().Count());
        Assert.All(GuardrailRules.All, r =>
        {
            Assert.Matches("^SecureSageMaker-[A-Z0-9]{3}$", r.Id);
            Assert.EndsWith(".", r.What, StringComparison.Ordinal);
            Assert.EndsWith(".", r.Why.TrimEnd(')'), StringComparison.Ordinal);
        });
        Assert.Equal(GuardrailRules.All.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal), Cases().Select(c => (string)c[0]).Append("SecureSageMaker-S32").Distinct().OrderBy(i => i, StringComparer.Ordinal));
    }

    private static string Quote(string json) => Newtonsoft.Json.JsonConvert.ToString(json);

    /// <summary>Reads nested JSON objects as dictionaries, which jsii passes through as CloudFormation JSON.</summary>
    private sealed class DictionaryConverter : Newtonsoft.Json.Converters.CustomCreationConverter<IDictionary<string, object>>
    {
        public override IDictionary<string, object> Create(Type objectType) => new Dictionary<string, object>();

        public override bool CanConvert(Type objectType) => objectType == typeof(object) || base.CanConvert(objectType);

        public override object? ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, object? existingValue, Newtonsoft.Json.JsonSerializer serializer)
        {
            return reader.TokenType switch
            {
                Newtonsoft.Json.JsonToken.StartObject or Newtonsoft.Json.JsonToken.Null => base.ReadJson(reader, objectType, existingValue, serializer),
                Newtonsoft.Json.JsonToken.StartArray => serializer.Deserialize<List<object>>(reader)!.ToArray(),
                _ => serializer.Deserialize(reader),
            };
        }
    }
}
