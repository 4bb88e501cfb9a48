using Amazon.CDK;
using Amazon.CDK.Assertions;
using Newtonsoft.Json.Linq;
using SecureSageMaker.Training;
using Xunit;

namespace SecureSageMaker.Tests;

public class TrainingTests
{
    /// <summary>Turns a synthesized Fn::Join of JSON text back into JSON, with tokens as placeholders.</summary>
    private static JObject JoinedJson(JToken value)
    {
        var text = value.Type == JTokenType.String
            ? (string)value!
            : string.Concat(value["Fn::Join"]![1]!.Children().Select(t => t.Type == JTokenType.String ? (string)t! : "TOKEN"));
        return JObject.Parse(text);
    }

    private static IEnumerable<JObject> StateMachineTasks(Template template) =>
        TemplateJson.Resources(template, "AWS::StepFunctions::StateMachine")
            .Select(r => JoinedJson(r.Resource["Properties"]!["DefinitionString"]!))
            .SelectMany(d => d["States"]!.Children<JProperty>().Select(p => (JObject)p.Value));

    private static IEnumerable<JObject> PipelineSteps(Template template) =>
        TemplateJson.Resources(template, "AWS::SageMaker::Pipeline")
            .Select(r => JoinedJson(r.Resource["Properties"]!["PipelineDefinition"]!["PipelineDefinitionBody"]!))
            .SelectMany(d => d["Steps"]!.Children<JObject>());

    private static void AssertIsolated(JObject request, bool processing)
    {
        var network = processing ? request["NetworkConfig"]! : request;
        Assert.True((bool)network["EnableNetworkIsolation"]!);
        Assert.True((bool)network["EnableInterContainerTrafficEncryption"]!);
        Assert.Equal("TOKEN", (string?)network["VpcConfig"]!["SecurityGroupIds"]![0]);
        Assert.Equal(2, network["VpcConfig"]!["Subnets"]!.Count());
        var volumeKey = processing ? request["ProcessingResources"]!["ClusterConfig"]!["VolumeKmsKeyId"] : request["ResourceConfig"]!["VolumeKmsKeyId"];
        var outputKey = processing ? request["ProcessingOutputConfig"]!["KmsKeyId"] : request["OutputDataConfig"]!["KmsKeyId"];
        Assert.Equal("TOKEN", (string?)volumeKey);
        Assert.Equal("TOKEN", (string?)outputKey);
    }

    [Fact]
    public void StateMachineTasks_RunIsolatedEncryptedJobs_WhenAdded()
    {
        var tasks = StateMachineTasks(Examples.Full).ToList();
        Assert.Equal(2, tasks.Count);
        var training = tasks.Single(t => ((string)t["Resource"]!).EndsWith("createTrainingJob.sync", StringComparison.Ordinal));
        AssertIsolated((JObject)training["Parameters"]!, processing: false);
        Assert.Equal("$$.Execution.Name", (string?)training["Parameters"]!["TrainingJobName.$"]);
        var processing = tasks.Single(t => ((string)t["Resource"]!).EndsWith("createProcessingJob.sync", StringComparison.Ordinal));
        AssertIsolated((JObject)processing["Parameters"]!, processing: true);
    }

    [Fact]
    public void PipelineSteps_RunIsolatedEncryptedJobs_WhenAdded()
    {
        var steps = PipelineSteps(Examples.Full).ToList();
        AssertIsolated((JObject)steps.Single(s => (string?)s["Type"] == "Training")["Arguments"]!, processing: false);
        AssertIsolated((JObject)steps.Single(s => (string?)s["Type"] == "Processing")["Arguments"]!, processing: true);
        Examples.Full.HasResourceProperties("AWS::SageMaker::Pipeline", new Dictionary<string, object> { ["PipelineName"] = "churn-training" });
    }

    [Fact]
    public void PublishedRequests_PassTheGuardrails_WhenAdded()
    {
        var parameters = TemplateJson.Resources(Examples.Full, "AWS::SSM::Parameter").Select(r => JoinedJson(r.Resource["Properties"]!["Value"]!)).ToList();
        Assert.Equal(2, parameters.Count);
        AssertIsolated(parameters.Single(p => p["AlgorithmSpecification"] is not null), processing: false);
        AssertIsolated(parameters.Single(p => p["AppSpecification"] is not null), processing: true);
        var outputs = (JObject)TemplateJson.Of(Examples.Full)["Outputs"]!;
        Assert.Equal(2, outputs.Properties().Count(o => o.Name.Contains("RequestParameterName", StringComparison.Ordinal)));
    }

    [Fact]
    public void TrainingRequest_ReadsChannelsFromWorkspaceBucketsAndWritesToTheModelBucket_WhenAdded()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var workflow = workspace.AddJobWorkflow("Train", new JobWorkflowProps
        {
            Name = "train",
            Definition = new TrainingJobDefinition
            {
                Image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/algo:1",
                Hyperparameters = new Dictionary<string, string> { ["lr"] = "0.1" },
                MaxRuntimeInSeconds = 3600,
            },
        });
        var request = JObject.FromObject(stack.Resolve(workflow.Request));
        Assert.Equal("train", (string?)request["InputDataConfig"]![0]!["ChannelName"]);
        Assert.Contains("WorkspaceDataBucket", request["InputDataConfig"]![0]!["DataSource"]!["S3DataSource"]!["S3Uri"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("WorkspaceModelBucket", request["OutputDataConfig"]!["S3OutputPath"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("0.1", (string?)request["HyperParameters"]!["lr"]);
        Assert.Equal(3600, (int)request["StoppingCondition"]!["MaxRuntimeInSeconds"]!);

        var template = Template.FromStack(stack);
        var pull = TemplateJson.Statements(template, "AWS::IAM::Policy", "PolicyDocument")
            .Single(s => s["Action"]!.ToString().Contains("ecr:BatchGetImage", StringComparison.Ordinal));
        Assert.Equal("arn:aws:ecr:eu-west-1:111122223333:repository/algo", (string?)pull["Resource"]);
    }

    [Fact]
    public void StateMachineRole_CanOnlyRunWorkspaceJobs_WhenAdded()
    {
        var statements = TemplateJson.Statements(Examples.Full, "AWS::IAM::Policy", "PolicyDocument").ToList();
        var pass = statements.Where(s => s["Action"]!.ToString().Contains("iam:PassRole", StringComparison.Ordinal)
            && !s["Resource"]!.ToString().Contains("FlowLogIAMRole", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pass);
        Assert.All(pass, s => Assert.Equal("sagemaker.amazonaws.com", (string?)s["Condition"]!["StringEquals"]!["iam:PassedToService"]));
        Assert.All(pass, s => Assert.StartsWith("WorkspaceJobRole", (string)s["Resource"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal));
    }

    [Fact]
    public void JobWorkflow_Throws_WhenTheDefinitionIsInvalid()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var error = Assert.Throws<ArgumentException>(() => workspace.AddJobWorkflow("Train", new JobWorkflowProps
        {
            Name = "Train_1",
            Definition = new TrainingJobDefinition
            {
                Image = "ghcr.io/org/algo:1",
                InstanceType = "p3.2xlarge",
                InstanceCount = 0,
                VolumeSizeInGb = 0,
                Channels = new[] { new TrainingChannel { Name = "train" }, new TrainingChannel { Name = "train", KeyPrefix = "/abs" } },
            },
        }));
        foreach (var expected in new[]
                 {
                     "Name: received 'Train_1'", "Image: received 'ghcr.io/org/algo:1'", "InstanceType: received 'p3.2xlarge'",
                     "InstanceCount: received 0", "VolumeSizeInGb: received 0", "Channels: received '/abs'", "Channels: received 'train'. Give each channel a distinct name.",
                 })
        {
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        Assert.Null(workspace.Node.TryFindChild("Train"));
    }
}
