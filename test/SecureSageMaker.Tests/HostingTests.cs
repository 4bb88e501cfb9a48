using Amazon.CDK.Assertions;
using Newtonsoft.Json.Linq;
using SecureSageMaker.Hosting;
using Xunit;
using AssertAnnotations = Amazon.CDK.Assertions.Annotations;

namespace SecureSageMaker.Tests;

public class HostingTests
{
    private const string Image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/churn:1";

    [Fact]
    public void Model_IsNetworkIsolatedInTheWorkspaceVpc_WhenAdded()
    {
        var model = (JObject)TemplateJson.Resources(Examples.Full, "AWS::SageMaker::Model").Single().Resource["Properties"]!;
        Assert.True((bool)model["EnableNetworkIsolation"]!);
        Assert.Equal(2, model["VpcConfig"]!["Subnets"]!.Count());
        Assert.StartsWith("WorkspaceNetworkWorkloadSecurityGroup", (string)model["VpcConfig"]!["SecurityGroupIds"]![0]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.Contains("WorkspaceModelBucket", model["PrimaryContainer"]!["ModelDataUrl"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointConfig_IsEncryptedCapturedAndRedundant_WhenEveryDefault()
    {
        var config = (JObject)TemplateJson.Resources(Examples.Full, "AWS::SageMaker::EndpointConfig").Single().Resource["Properties"]!;
        Assert.StartsWith("WorkspaceKeysDataKey", (string)config["KmsKeyId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.Null(config["EnableSSMAccess"]);
        Assert.Null(config["ProductionVariants"]![0]!["EnableSSMAccess"]);
        Assert.Equal(2, (int)config["ProductionVariants"]![0]!["InitialInstanceCount"]!);
        var capture = config["DataCaptureConfig"]!;
        Assert.True((bool)capture["EnableCapture"]!);
        Assert.StartsWith("WorkspaceKeysDataKey", (string)capture["KmsKeyId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.Contains("WorkspaceModelBucket", capture["DestinationS3Uri"]!.ToString(), StringComparison.Ordinal);
        Examples.Full.HasResourceProperties("AWS::SageMaker::Endpoint", new Dictionary<string, object> { ["EndpointName"] = "churn" });
        Examples.Full.HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["LogGroupName"] = "/aws/sagemaker/Endpoints/churn", ["KmsKeyId"] = Match.AnyValue() });
    }

    [Fact]
    public void EndpointConfig_OmitsTheKeyWithAWarning_WhenTheInstanceHasLocalNvme()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var model = workspace.AddModel("Model", new IsolatedModelProps { Image = Image });
        _ = workspace.AddEndpoint("Endpoint", new EncryptedEndpointProps { Model = model, EndpointName = "gpu", InstanceType = "ml.g5.xlarge", InitialInstanceCount = 1 });
        var config = (JObject)TemplateJson.Resources(Template.FromStack(stack), "AWS::SageMaker::EndpointConfig").Single().Resource["Properties"]!;
        Assert.Null(config["KmsKeyId"]);
        Assert.NotNull(config["DataCaptureConfig"]!["KmsKeyId"]);
        var annotations = AssertAnnotations.FromStack(stack);
        annotations.HasWarning("/TestStack/Workspace/Endpoint", Match.StringLikeRegexp(WarningIds.EndpointKmsKeyOmitted));
        annotations.HasWarning("/TestStack/Workspace/Endpoint", Match.StringLikeRegexp(WarningIds.SingleInstanceEndpoint));
    }

    [Theory]
    [InlineData("ml.m5d.large", true)]
    [InlineData("ml.g4dn.xlarge", true)]
    [InlineData("ml.p4d.24xlarge", true)]
    [InlineData("ml.g5.2xlarge", true)]
    [InlineData("ml.c6id.large", true)]
    [InlineData("ml.m5.large", false)]
    [InlineData("ml.c5.xlarge", false)]
    [InlineData("ml.t2.medium", false)]
    public void HasLocalNvmeStorage_ClassifiesInstanceFamilies(string type, bool expected)
    {
        Assert.Equal(expected, EncryptedEndpoint.HasLocalNvmeStorage(type));
    }

    [Fact]
    public void Hosting_Throws_WhenTheImageIsNotEcrOrCountsAreOutOfRange()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var modelError = Assert.Throws<ArgumentException>(() => workspace.AddModel("Model", new IsolatedModelProps { Image = "docker.io/library/python:3", ModelDataKey = "s3://x/y" }));
        Assert.Contains("Image: received 'docker.io/library/python:3'", modelError.Message, StringComparison.Ordinal);
        Assert.Contains("ModelDataKey: received 's3://x/y'", modelError.Message, StringComparison.Ordinal);

        var model = workspace.AddModel("Valid", new IsolatedModelProps { Image = Image });
        var endpointError = Assert.Throws<ArgumentException>(() => workspace.AddEndpoint("Endpoint", new EncryptedEndpointProps
        {
            Model = model,
            EndpointName = "x",
            InitialInstanceCount = 0,
            InstanceType = "m5.large",
            DataCaptureSamplingPercentage = 101,
        }));
        Assert.Contains("InitialInstanceCount: received 0", endpointError.Message, StringComparison.Ordinal);
        Assert.Contains("InstanceType: received 'm5.large'", endpointError.Message, StringComparison.Ordinal);
        Assert.Contains("DataCaptureSamplingPercentage: received 101", endpointError.Message, StringComparison.Ordinal);
    }
}
