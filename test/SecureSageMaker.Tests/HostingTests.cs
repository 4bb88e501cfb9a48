using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Xunit;

namespace SecureSageMaker.Tests;

public class HostingTests
{
    private static ContainerImage Inference => ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311");

    private static readonly Lazy<(Stack Stack, Cfn Cfn, EncryptedEndpoint Endpoint)> Hosted = new(() =>
    {
        var (stack, workspace) = TestStacks.Workspace();
        var model = workspace.AddModel("Model", new IsolatedModelProps { Image = Inference, ModelData = ModelData.FromUrl("s3://artifacts-bucket/models/churn/model.tar.gz") });
        var endpoint = workspace.AddEndpoint("Endpoint", new EncryptedEndpointProps { Model = model, EndpointName = "churn" });
        var caller = new Role(stack, "Caller", new RoleProps { AssumedBy = new AccountRootPrincipal() });
        _ = endpoint.GrantInvoke(caller);
        return (stack, TestStacks.Synth(stack), endpoint);
    });

    [Fact]
    public void Model_IsIsolatedInTheWorkspaceNetwork_WithARoleOfItsOwn()
    {
        var (_, model) = Hosted.Value.Cfn.Single("AWS::SageMaker::Model");
        Assert.Equal("true", Cfn.Text(model, "Properties", "EnableNetworkIsolation"));
        Assert.Contains("WorkspaceNetworkWorkloadSecurityGroup", Cfn.Text(model, "Properties", "VpcConfig", "SecurityGroupIds"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceModelRole", Cfn.Text(model, "Properties", "ExecutionRoleArn"), StringComparison.Ordinal);
        Assert.Contains("763104351884.dkr.ecr.eu-west-1.", Cfn.Text(model, "Properties", "PrimaryContainer", "Image"), StringComparison.Ordinal);
        Assert.Contains("pytorch-inference", Cfn.Text(Hosted.Value.Cfn.Statements("AWS::IAM::Policy").First(s => s.ToJsonString().Contains("ecr:BatchGetImage", StringComparison.Ordinal) && s.ToJsonString().Contains("pytorch-inference", StringComparison.Ordinal)), "Resource"), StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointConfig_IsEncrypted_CapturesEncrypted_AndRunsTwoInstances()
    {
        var (_, config) = Hosted.Value.Cfn.Single("AWS::SageMaker::EndpointConfig");
        Assert.Contains("WorkspaceKeysDataKey", Cfn.Text(config, "Properties", "KmsKeyId"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceKeysDataKey", Cfn.Text(config, "Properties", "DataCaptureConfig", "KmsKeyId"), StringComparison.Ordinal);
        Assert.Equal(2, Cfn.Number(config, "Properties", "ProductionVariants", 0, "InitialInstanceCount"));
        Assert.Null(config["Properties"]!["ProductionVariants"]![0]!["EnableSSMAccess"]);
        var group = Hosted.Value.Cfn.Resource("WorkspaceEndpointLogGroup");
        // The names, evaluated for one creation of the stack: the endpoint's and its log group's agree, and carry the stack id's first 8 hex digits.
        const string stackId = "arn:aws:cloudformation:eu-west-1:111122223333:stack/Hosting/0a1b2c3d-1111-2222-3333-444455556666";
        var endpointName = Evaluate(Hosted.Value.Cfn.Single("AWS::SageMaker::Endpoint").Resource["Properties"]!["EndpointName"]!, stackId);
        Assert.Equal("churn-0a1b2c3d", endpointName);
        Assert.Equal("/aws/sagemaker/Endpoints/" + endpointName, Evaluate(group["Properties"]!["LogGroupName"]!, stackId));
        Assert.Equal("RetainExceptOnCreate", (string?)group["DeletionPolicy"]);
        Assert.Empty(TestStacks.Errors(Hosted.Value.Stack));
    }

    [Fact]
    public void GrantInvoke_AllowsOnlyInvocationOfThisEndpoint()
    {
        var statement = Hosted.Value.Cfn.OfType("AWS::IAM::Policy").Single(p => p.Id.StartsWith("CallerDefaultPolicy", StringComparison.Ordinal)).Resource;
        var text = Cfn.Text(statement, "Properties", "PolicyDocument");
        Assert.Contains("sagemaker:InvokeEndpoint", text, StringComparison.Ordinal);
        Assert.Contains("WorkspaceEndpoint", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Resource\":\"*\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NvmeInstances_OmitTheKmsKey_AndWarn()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();
        var model = workspace.AddModel("Model", new IsolatedModelProps { Image = Inference });

        // WHEN
        _ = workspace.AddEndpoint("Endpoint", new EncryptedEndpointProps { Model = model, EndpointName = "gpu", InstanceType = "ml.g5.xlarge", InitialInstanceCount = 1 });

        // THEN
        Assert.Null(TestStacks.Synth(stack).Single("AWS::SageMaker::EndpointConfig").Resource["Properties"]!["KmsKeyId"]);
        var warnings = TestStacks.Warnings(stack);
        Assert.Contains(warnings, w => w.Contains(WarningIds.EndpointKmsKeyOmitted, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains(WarningIds.SingleInstanceEndpoint, StringComparison.Ordinal));
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Fact]
    public void ModelData_IsRejected_WhenItsBucketIsCreatedByTheSameStack()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var error = Assert.Throws<ArgumentException>(() => workspace.AddModel("Model", new IsolatedModelProps
        {
            Image = Inference, ModelData = ModelData.FromBucket(new Bucket(stack, "Fresh"), "model.tar.gz"),
        }));
        Assert.Contains("ModelData: received 'TestStack/Fresh'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Create the model in a later stack", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_AreRejected_FromAnotherRegionOrAsTokens()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var region = Assert.Throws<ArgumentException>(() => workspace.AddModel("A", new IsolatedModelProps { Image = ContainerImage.FromImageUri("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-cpu-py311") }));
        var token = Assert.Throws<ArgumentException>(() => workspace.AddModel("B", new IsolatedModelProps { Image = ContainerImage.FromImageUri(new CfnParameter(stack, "Image").ValueAsString) }));
        var registry = Assert.Throws<ArgumentException>(() => workspace.AddModel("C", new IsolatedModelProps { Image = ContainerImage.FromImageUri("docker.io/library/python:3") }));
        Assert.Contains("is in region 'us-east-1' but the stack is in 'eu-west-1'", region.Message, StringComparison.Ordinal);
        Assert.Contains("Image: received 'a token'", token.Message, StringComparison.Ordinal);
        Assert.Contains("pulls only from ECR", registry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_WarnsOnSecretLikeNames_AndRejectsInvalidOnes()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();

        // WHEN
        _ = workspace.AddModel("Model", new IsolatedModelProps { Image = Inference, Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = "x", ["MODE"] = "fast" } });
        var error = Assert.Throws<ArgumentException>(() => workspace.AddModel("Bad", new IsolatedModelProps { Image = Inference, Environment = new Dictionary<string, string> { ["1-bad"] = "x" } }));

        // THEN
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.SecretInEnvironment, StringComparison.Ordinal) && w.Contains("DB_PASSWORD", StringComparison.Ordinal));
        Assert.Contains("Environment: received '1-bad'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_InALaterStack_UsesTheWorkspaceAcrossStacks()
    {
        // GIVEN
        var app = new App();
        var workspaceStack = new Stack(app, "Workspace", new StackProps { Synthesizer = TestStacks.Synthesizer() });
        var workspace = new SecureMlWorkspace(workspaceStack, "Workspace");
        var hosting = new Stack(app, "Hosting", new StackProps { Synthesizer = TestStacks.Synthesizer() });

        // WHEN
        var url = new CfnParameter(hosting, "ModelDataUrl");
        var model = new IsolatedModel(hosting, "Model", new IsolatedModelProps { Workspace = workspace, Image = Inference, ModelData = ModelData.FromUrl(url.ValueAsString) });
        _ = new EncryptedEndpoint(hosting, "Endpoint", new EncryptedEndpointProps { Workspace = workspace, Model = model, EndpointName = "churn" });

        // THEN
        var cfn = new Cfn(Amazon.CDK.Assertions.Template.FromStack(hosting));
        Assert.Contains("Fn::ImportValue", Cfn.Text(cfn.Single("AWS::SageMaker::Model").Resource, "Properties", "VpcConfig"), StringComparison.Ordinal);
        Assert.Empty(TestStacks.Errors(hosting));
        Assert.Empty(TestStacks.Errors(workspaceStack));
    }

    /// <summary>Evaluates the intrinsic functions a name uses (Fn::Join, Fn::Select, Fn::Split, Ref AWS::StackId) for one stack id.</summary>
    internal static string Evaluate(System.Text.Json.Nodes.JsonNode node, string stackId)
    {
        static System.Text.Json.Nodes.JsonNode Eval(System.Text.Json.Nodes.JsonNode n, string id) => n switch
        {
            System.Text.Json.Nodes.JsonObject o when o["Ref"] is { } r && (string)r! == "AWS::StackId" => System.Text.Json.Nodes.JsonValue.Create(id)!,
            System.Text.Json.Nodes.JsonObject o when o["Fn::Join"] is System.Text.Json.Nodes.JsonArray j =>
                System.Text.Json.Nodes.JsonValue.Create(string.Join((string)j[0]!, j[1]!.AsArray().Select(p => (string)Eval(p!, id)!)))!,
            System.Text.Json.Nodes.JsonObject o when o["Fn::Split"] is System.Text.Json.Nodes.JsonArray sp =>
                new System.Text.Json.Nodes.JsonArray(((string)Eval(sp[1]!, id)!).Split((string)sp[0]!).Select(x => (System.Text.Json.Nodes.JsonNode?)System.Text.Json.Nodes.JsonValue.Create(x)).ToArray()),
            System.Text.Json.Nodes.JsonObject o when o["Fn::Select"] is System.Text.Json.Nodes.JsonArray se =>
                Eval(se[1]!, id).AsArray()[(int)se[0]!.GetValue<double>()]!.DeepClone(),
            System.Text.Json.Nodes.JsonObject o => throw new NotSupportedException(o.ToJsonString()),
            _ => n.DeepClone(),
        };
        return (string)Eval(node, stackId)!;
    }
}
