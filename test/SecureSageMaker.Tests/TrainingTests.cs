using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Xunit;

namespace SecureSageMaker.Tests;

public class TrainingTests
{
    private static ContainerImage Image => ContainerImage.FromDeepLearningContainer("pytorch-training", "2.3.0-cpu-py311");

    private static readonly Lazy<(Stack Stack, Cfn Cfn, JobWorkflow Training, JobWorkflow Processing)> Workflows = new(() =>
    {
        var (stack, workspace) = TestStacks.Workspace();
        var training = workspace.AddJobWorkflow("Training", new JobWorkflowProps
        {
            Name = "churn-training",
            Definition = new TrainingJobDefinition { Image = Image, Channels = new[] { new TrainingChannel { Name = "train", KeyPrefix = "datasets/train/" } } },
        });
        var processing = workspace.AddJobWorkflow("Processing", new JobWorkflowProps
        {
            Name = "churn-features",
            Definition = new ProcessingJobDefinition
            {
                Image = Image,
                Inputs = new[] { new ProcessingData { Name = "raw", KeyPrefix = "datasets/raw/" } },
                Outputs = new[] { new ProcessingData { Name = "features", KeyPrefix = "datasets/train/" } },
            },
        });
        return (stack, TestStacks.Synth(stack), training, processing);
    });

    [Fact]
    public void TrainingRequest_IsIsolatedEncryptedAndInTheWorkspaceNetwork()
    {
        var request = Workflows.Value.Training.Request;
        Assert.Equal(true, request["EnableNetworkIsolation"]);
        Assert.Equal(true, request["EnableInterContainerTrafficEncryption"]);
        Assert.True(((Dictionary<string, object>)request["VpcConfig"]).ContainsKey("Subnets"));
        Assert.True(((Dictionary<string, object>)request["ResourceConfig"]).ContainsKey("VolumeKmsKeyId"));
        Assert.True(((Dictionary<string, object>)request["OutputDataConfig"]).ContainsKey("KmsKeyId"));
        Assert.Contains("training-output/churn-training/", ((Dictionary<string, object>)request["OutputDataConfig"])["S3OutputPath"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Renderings_AreTheSameRequest_InTheStateMachineThePipelineAndTheParameter()
    {
        var cfn = Workflows.Value.Cfn;
        var machine = Cfn.Flat(Cfn.At(cfn.Resource("WorkspaceTrainingStateMachine"), "Properties", "DefinitionString"));
        Assert.Contains("sagemaker:createTrainingJob.sync", machine, StringComparison.Ordinal);
        Assert.Contains("\"EnableNetworkIsolation\":true", machine, StringComparison.Ordinal);
        Assert.Contains("EnableNetworkIsolation", Cfn.Text(cfn.Resource("WorkspaceTrainingPipeline"), "Properties", "PipelineDefinition"), StringComparison.Ordinal);
        Assert.Contains("EnableInterContainerTrafficEncryption", Cfn.Text(cfn.Resource("WorkspaceTrainingPublishedRequest"), "Properties", "Value"), StringComparison.Ordinal);
        Assert.Equal("true", Cfn.Text(cfn.Resource("WorkspaceTrainingStateMachine"), "Properties", "TracingConfiguration", "Enabled"));
        Assert.Empty(TestStacks.Errors(Workflows.Value.Stack));
    }

    [Fact]
    public void JobRoles_ReadTheirInputsAndWriteOnlyTheirOutputs()
    {
        var processing = Workflows.Value.Cfn.OfType("AWS::IAM::Policy").Single(p => p.Id.StartsWith("WorkspaceProcessingJobRoleDefaultPolicy", StringComparison.Ordinal)).Resource;
        var text = Cfn.Text(processing, "Properties", "PolicyDocument");
        Assert.Contains("datasets/raw/*", text, StringComparison.Ordinal);
        Assert.Contains("datasets/train/*", text, StringComparison.Ordinal);
        Assert.Contains("s3:PutObject", text, StringComparison.Ordinal);
        var training = Cfn.Text(Workflows.Value.Cfn.OfType("AWS::IAM::Policy").Single(p => p.Id.StartsWith("WorkspaceTrainingJobRoleDefaultPolicy", StringComparison.Ordinal)).Resource, "Properties", "PolicyDocument");
        Assert.Contains("training-output/churn-training/*", training, StringComparison.Ordinal);
        Assert.DoesNotContain(Workflows.Value.Cfn.Statements("AWS::IAM::Policy"), s => Cfn.Text(s, "Action").Contains("s3:PutObject", StringComparison.Ordinal) && Cfn.Text(s, "Resource").EndsWith("/*\"]}", StringComparison.Ordinal) && !Cfn.Text(s, "Resource").Contains("/", StringComparison.Ordinal));
    }

    [Fact]
    public void GpuJob_OmitsTheVolumeKey_AndWarns()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();

        // WHEN
        var workflow = workspace.AddJobWorkflow("Gpu", new JobWorkflowProps { Name = "gpu", Definition = new TrainingJobDefinition { Image = Image, InstanceType = "ml.g5.2xlarge" } });

        // THEN
        Assert.False(((Dictionary<string, object>)workflow.Request["ResourceConfig"]).ContainsKey("VolumeKmsKeyId"));
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.VolumeKmsKeyOmitted, StringComparison.Ordinal));
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Fact]
    public void Definitions_AreRejected_WithEveryProblem()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var outside = Bucket.FromBucketName(stack, "Outside", "someone-elses");
        var error = Assert.Throws<ArgumentException>(() => workspace.AddJobWorkflow("Bad", new JobWorkflowProps
        {
            Name = "bad",
            Definition = new TrainingJobDefinition
            {
                Image = Image,
                InstanceCount = 2,
                InstanceType = "ml.t2.medium",
                Channels = new[] { new TrainingChannel { Name = "train", KeyPrefix = "x/", Bucket = outside }, new TrainingChannel { Name = "train", KeyPrefix = "y/" } },
                Hyperparameters = Enumerable.Range(0, 101).ToDictionary(i => "k" + i, i => new string('v', i == 0 ? 2501 : 1)),
            },
        }));
        Assert.Contains("Definition.InstanceCount: received 2. Instances of one job exchange traffic", error.Message, StringComparison.Ordinal);
        Assert.Contains("Definition.InstanceType: received 'ml.t2.medium'. SageMaker does not offer this type for training", error.Message, StringComparison.Ordinal);
        Assert.Contains("Definition.Channels[0].Bucket: received 'TestStack/Outside'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Definition.Channels: received 'train'. Give each channel a distinct name.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Use at most 100 hyperparameters", error.Message, StringComparison.Ordinal);
        Assert.Contains("Keep each value at most 2,500 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessingData_IsRejected_OutsideTheProcessingPathOrAsDuplicates()
    {
        var (_, workspace) = TestStacks.Workspace();
        var error = Assert.Throws<ArgumentException>(() => workspace.AddJobWorkflow("Bad", new JobWorkflowProps
        {
            Name = "bad",
            Definition = new ProcessingJobDefinition
            {
                Image = Image,
                Inputs = new[] { new ProcessingData { Name = "a", KeyPrefix = "x/", LocalPath = "/tmp/a" }, new ProcessingData { Name = "a", KeyPrefix = "" } },
            },
        }));
        Assert.Contains("Definition.Inputs[0].LocalPath: received '/tmp/a'. Use a path under /opt/ml/processing/", error.Message, StringComparison.Ordinal);
        Assert.Contains("Definition.Inputs: received 'a'. Give each input a distinct name.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Definition.Inputs[1].KeyPrefix: received ''. Give a non-empty key prefix", error.Message, StringComparison.Ordinal);
    }
}
