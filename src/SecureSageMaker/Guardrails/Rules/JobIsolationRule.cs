using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>
/// SecureSageMaker-JB1: training, tuning and processing jobs defined in state machines and pipelines,
/// and monitoring job definitions, run isolated, encrypted and in a VPC.
/// </summary>
public sealed class JobIsolationRule : GuardrailRule
{
    private static readonly string[] MonitoringTypes =
    {
        "AWS::SageMaker::DataQualityJobDefinition", "AWS::SageMaker::ModelQualityJobDefinition",
        "AWS::SageMaker::ModelBiasJobDefinition", "AWS::SageMaker::ModelExplainabilityJobDefinition",
    };

    /// <inheritdoc />
    public override string Id => "SecureSageMaker-JB1";

    /// <inheritdoc />
    public override string What => "Training, tuning and processing jobs in state machines and pipelines, and monitoring job definitions, set EnableNetworkIsolation, EnableInterContainerTrafficEncryption, a VpcConfig, and volume and output KMS keys.";

    /// <inheritdoc />
    public override string Why => "A job container without isolation can send training data anywhere (Security Hub SageMaker.9-.15, .20, .22, .25).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::StepFunctions::StateMachine" or "AWS::SageMaker::Pipeline" or "AWS::SageMaker::DataQualityJobDefinition" or "AWS::SageMaker::ModelQualityJobDefinition" or "AWS::SageMaker::ModelBiasJobDefinition" or "AWS::SageMaker::ModelExplainabilityJobDefinition";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        switch (resource.Type)
        {
            case "AWS::StepFunctions::StateMachine":
                return FromJobs(StateMachineJobs(resource));
            case "AWS::SageMaker::Pipeline":
                return FromJobs(PipelineJobs(resource));
            default:
                if (!MonitoringTypes.Contains(resource.Type))
                {
                    return RuleFinding.NotApplicable;
                }

                var network = resource.Get("NetworkConfig");
                var problems = new List<string>();
                CheckNetwork(network, problems, "The job definition");
                return RuleFinding.From(problems);
        }
    }

    private static RuleFinding FromJobs(IEnumerable<(string Name, string Api, JsonNode? Request)> jobs)
    {
        var list = jobs.ToList();
        if (list.Count == 0)
        {
            return RuleFinding.NotApplicable;
        }

        var problems = new List<string>();
        foreach (var (name, api, request) in list)
        {
            switch (api)
            {
                case "Processing":
                    CheckNetwork(Json.Get(request, "NetworkConfig"), problems, name);
                    RequireKey(Json.Get(request, "ProcessingResources", "ClusterConfig", "VolumeKmsKeyId"), problems, name, "a volume KMS key");
                    RequireKey(Json.Get(request, "ProcessingOutputConfig", "KmsKeyId"), problems, name, "an output KMS key");
                    break;
                case "Tuning":
                    var definition = Json.Get(request, "TrainingJobDefinition");
                    CheckTraining(definition, problems, name);
                    break;
                default:
                    CheckTraining(request, problems, name);
                    break;
            }
        }

        return RuleFinding.From(problems);
    }

    private static void CheckTraining(JsonNode? request, List<string> problems, string name)
    {
        CheckNetwork(request, problems, name);
        RequireKey(Json.Get(request, "ResourceConfig", "VolumeKmsKeyId"), problems, name, "a volume KMS key");
        RequireKey(Json.Get(request, "OutputDataConfig", "KmsKeyId"), problems, name, "an output KMS key");
    }

    private static void CheckNetwork(JsonNode? network, List<string> problems, string name)
    {
        if (!Json.IsTrue(Json.Get(network, "EnableNetworkIsolation")))
        {
            problems.Add(name + " does not set EnableNetworkIsolation.");
        }

        if (!Json.IsTrue(Json.Get(network, "EnableInterContainerTrafficEncryption")))
        {
            problems.Add(name + " does not set EnableInterContainerTrafficEncryption.");
        }

        if (!Json.IsPresent(Json.Get(network, "VpcConfig", "Subnets")) || !Json.IsPresent(Json.Get(network, "VpcConfig", "SecurityGroupIds")))
        {
            problems.Add(name + " has no VpcConfig with Subnets and SecurityGroupIds.");
        }
    }

    private static void RequireKey(JsonNode? key, List<string> problems, string name, string what)
    {
        if (!Json.IsPresent(key))
        {
            problems.Add(name + " has no " + what + ".");
        }
    }

    private static IEnumerable<(string, string, JsonNode?)> StateMachineJobs(ResourceView resource)
    {
        var definition = Json.ParseEmbedded(resource.Get("DefinitionString")) ?? resource.Get("Definition");
        return Tasks(definition).Select(t => (t.Name, t.Api, Json.Get(t.State, "Parameters")));
    }

    private static IEnumerable<(string Name, string Api, JsonNode? State)> Tasks(JsonNode? definition)
    {
        if (Json.Get(definition, "States") is not JsonObject states)
        {
            yield break;
        }

        foreach (var (name, state) in states)
        {
            var target = Json.AsString(Json.Get(state, "Resource")) ?? string.Empty;
            var api = target.Contains("sagemaker:createTrainingJob", StringComparison.Ordinal) ? "Training"
                : target.Contains("sagemaker:createProcessingJob", StringComparison.Ordinal) ? "Processing"
                : target.Contains("sagemaker:createHyperParameterTuningJob", StringComparison.Ordinal) ? "Tuning"
                : null;
            if (api is not null)
            {
                yield return ("State '" + name + "'", api, state);
            }

            foreach (var branch in Json.Items(Json.Get(state, "Branches")))
            {
                foreach (var nested in Tasks(branch))
                {
                    yield return nested;
                }
            }

            foreach (var nested in Tasks(Json.Get(state, "ItemProcessor") ?? Json.Get(state, "Iterator")))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<(string, string, JsonNode?)> PipelineJobs(ResourceView resource)
    {
        var body = Json.ParseEmbedded(resource.Get("PipelineDefinition", "PipelineDefinitionBody"));
        foreach (var step in Json.Items(Json.Get(body, "Steps")))
        {
            var type = Json.AsString(Json.Get(step, "Type"));
            if (type is "Training" or "Processing" or "Tuning")
            {
                yield return ("Step '" + Json.AsString(Json.Get(step, "Name")) + "'", type, Json.Get(step, "Arguments"));
            }
        }
    }
}
