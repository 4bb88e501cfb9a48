using System.Text.Json.Nodes;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>
/// The requests the library itself sends (training and processing workflows, a GPU job) are allowed
/// by the guardrails it attaches: each request is turned into the condition keys SageMaker derives
/// from it and judged by the simulator against the synthesized workspace's statements.
/// </summary>
public class ShippedRequestTests
{
    private static Dictionary<string, string[]> Context(IReadOnlyDictionary<string, object> request, Amazon.CDK.Stack stack)
    {
        var json = Jsii.JsiiValues.Resolve(stack, request.ToDictionary(p => p.Key, p => p.Value))!;
        var network = json["NetworkConfig"] ?? json;
        var resources = json["ResourceConfig"] ?? json["ProcessingResources"]?["ClusterConfig"];
        var output = json["OutputDataConfig"]?["KmsKeyId"] ?? json["ProcessingOutputConfig"]?["KmsKeyId"];
        var context = new Dictionary<string, string[]>
        {
            ["sagemaker:NetworkIsolation"] = new[] { Plain(network["EnableNetworkIsolation"]) },
            ["sagemaker:InterContainerTrafficEncryption"] = new[] { Plain(network["EnableInterContainerTrafficEncryption"]) },
            ["sagemaker:VpcSubnets"] = network["VpcConfig"]!["Subnets"]!.AsArray().Select(s => Plain(s)).ToArray(),
            ["sagemaker:VpcSecurityGroupIds"] = network["VpcConfig"]!["SecurityGroupIds"]!.AsArray().Select(s => Plain(s)).ToArray(),
            ["sagemaker:InstanceTypes"] = new[] { (string)resources!["InstanceType"]! },
            ["sagemaker:OutputKmsKeyArn"] = new[] { Plain(output) },
        };
        if (resources["VolumeKmsKeyId"] is { } volume)
        {
            context["sagemaker:VolumeKmsKeyArn"] = new[] { Plain(volume) };
        }

        return context;
    }

    /// <summary>A value as IAM compares it: a string as itself, anything else (a reference) as its JSON.</summary>
    private static string Plain(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : Concrete(node?.ToJsonString() ?? string.Empty);

    /// <summary>The data key as SageMaker sees it at run time: a key ARN of the account.</summary>
    private static string Concrete(string json) =>
        json.Contains("WorkspaceKeysDataKey", StringComparison.Ordinal) && json.Contains("Fn::GetAtt", StringComparison.Ordinal)
            ? "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            : json;

    private static IReadOnlyList<GuardrailStatement> StatementsOf(SecureMlWorkspace workspace) => workspace.Guardrails.Statements;

    private static IReadOnlyList<string> Judge(SecureMlWorkspace workspace, string action, Dictionary<string, string[]> context) =>
        PolicySimulator.DeniedBy(StatementsOf(workspace).Select(s => s with
        {
            Conditions = (JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Jsii.JsiiValues.Resolve(Amazon.CDK.Stack.Of(workspace), s.ToJson())!["Condition"] ?? new JsonObject())) as JsonObject ?? new JsonObject())
                .ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, object>)c.Value!.AsObject().ToDictionary(k => k.Key, k => k.Value is JsonArray a ? (object)a.Select(x => Plain(x)).ToArray() : Plain(k.Value))),
        }).ToList(), action, context);

    [Fact]
    public void ShippedTrainingProcessingAndGpuRequests_AreAllowedByTheGuardrails()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();
        var image = ContainerImage.FromDeepLearningContainer("pytorch-training", "2.3.0-cpu-py311");
        var training = workspace.AddJobWorkflow("Training", new JobWorkflowProps { Name = "t", Definition = new TrainingJobDefinition { Image = image } });
        var gpu = workspace.AddJobWorkflow("Gpu", new JobWorkflowProps { Name = "g", Definition = new TrainingJobDefinition { Image = image, InstanceType = "ml.g5.2xlarge" } });
        var processing = workspace.AddJobWorkflow("Processing", new JobWorkflowProps
        {
            Name = "p",
            Definition = new ProcessingJobDefinition { Image = image, Outputs = new[] { new ProcessingData { Name = "o", KeyPrefix = "out/" } } },
        });

        // THEN
        Assert.Empty(Judge(workspace, "sagemaker:CreateTrainingJob", Context(training.Request, stack)));
        Assert.Empty(Judge(workspace, "sagemaker:CreateTrainingJob", Context(gpu.Request, stack)));
        Assert.Empty(Judge(workspace, "sagemaker:CreateProcessingJob", Context(processing.Request, stack)));
        var stripped = Context(training.Request, stack);
        stripped.Remove("sagemaker:NetworkIsolation");
        Assert.Contains("DenyNetworkIsolationAbsent", Judge(workspace, "sagemaker:CreateTrainingJob", stripped));
    }
}
