using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>A SageMaker API request found in a definition: where it is, which API, and its arguments.</summary>
internal sealed record JobRequest(string Where, string Api, JsonNode? Arguments);

/// <summary>
/// Finds the SageMaker requests that state machine and pipeline definitions make, failing closed: an
/// unparseable definition, a definition kept in S3, a step or task it does not know are problems.
/// </summary>
internal static class JobRequests
{
    /// <summary>The SageMaker APIs the job rule checks, by their Step Functions integration name.</summary>
    public static readonly IReadOnlyDictionary<string, string> CheckedApis = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["createTrainingJob"] = "Training", ["createProcessingJob"] = "Processing", ["createHyperParameterTuningJob"] = "Tuning",
        ["createTransformJob"] = "Transform", ["createModel"] = "Model", ["createLabelingJob"] = "Labeling",
        ["createAutoMLJob"] = "AutoML", ["createAutoMLJobV2"] = "AutoMLV2",
    };

    /// <summary>SageMaker APIs that launch compute with no setting that pins it to the workspace.</summary>
    public static readonly IReadOnlySet<string> UnguardedApis = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "createCompilationJob", "createEdgePackagingJob", "createOptimizationJob", "createInferenceRecommendationsJob", "createJob",
        "createCluster", "updateCluster", "createEndpointConfig", "createInferenceComponent",
    };

    private static readonly HashSet<string> SafePipelineSteps = new(StringComparer.Ordinal) { "Condition", "Fail", "RegisterModel" };

    private static readonly Dictionary<string, string> PipelineSteps = new(StringComparer.Ordinal)
    {
        ["Training"] = "Training", ["Processing"] = "Processing", ["Tuning"] = "Tuning", ["Transform"] = "Transform",
        ["Model"] = "Model", ["CreateModel"] = "Model", ["AutoML"] = "AutoMLV2",
    };

    private static readonly Dictionary<string, string> EgressPipelineSteps = new(StringComparer.Ordinal)
    {
        ["Lambda"] = "runs a Lambda function, outside the workspace's network",
        ["EMR"] = "runs on an EMR cluster, outside the workspace's network",
        ["Callback"] = "sends the step's data to an SQS queue",
    };

    public static IEnumerable<JobRequest> OfStateMachine(ResourceView resource, Problems problems)
    {
        if (resource.Get("DefinitionS3Location") is not null)
        {
            problems.Unverifiable("The definition is kept in S3 (DefinitionS3Location), outside the template.");
            return Enumerable.Empty<JobRequest>();
        }

        var definition = resource.Get("Definition") ?? Parse(resource.Get("DefinitionString"), "DefinitionString", problems);
        return definition is null ? Enumerable.Empty<JobRequest>() : States(definition, problems, string.Empty).ToList();
    }

    public static IEnumerable<JobRequest> OfPipeline(ResourceView resource, Problems problems)
    {
        var holder = resource.Get("PipelineDefinition");
        if (JsonRead.Get(holder, "PipelineDefinitionS3Location") is not null)
        {
            problems.Unverifiable("The pipeline definition is kept in S3 (PipelineDefinitionS3Location), outside the template.");
            return Enumerable.Empty<JobRequest>();
        }

        var body = Parse(JsonRead.Get(holder, "PipelineDefinitionBody"), "PipelineDefinitionBody", problems);
        var found = new List<JobRequest>();
        foreach (var step in JsonRead.Items(JsonRead.Get(body, "Steps")))
        {
            var type = JsonRead.String(JsonRead.Get(step, "Type")) ?? string.Empty;
            var where = "Step '" + JsonRead.String(JsonRead.Get(step, "Name")) + "'";
            if (PipelineSteps.TryGetValue(type, out var api))
            {
                found.Add(new JobRequest(where, api, JsonRead.Get(step, "Arguments")));
            }
            else if (EgressPipelineSteps.TryGetValue(type, out var why))
            {
                problems.Breach(where + " " + why + ".");
            }
            else if (!SafePipelineSteps.Contains(type))
            {
                problems.Unverifiable(where + " is a '" + type + "' step, which the checker does not know.");
            }
        }

        return found;
    }

    private static JsonNode? Parse(JsonNode? node, string name, Problems problems)
    {
        string? text = JsonRead.String(node);
        if (text is null && JsonRead.Get(node, "Fn::Join") is JsonArray join && join.Count == 2 && join[1] is JsonArray parts)
        {
            text = WithPlaceholders(parts);
        }

        if (text is null)
        {
            if (node is not null)
            {
                problems.Unverifiable(name + " is an intrinsic function the checker cannot read.");
            }

            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            problems.Unverifiable(name + " is not JSON the checker can parse (an intrinsic function sits where JSON syntax is needed).");
            return null;
        }
    }

    /// <summary>
    /// The text of a <c>Fn::Join</c>, each intrinsic replaced by the placeholder <see cref="DeployTimeValue"/>:
    /// inside a JSON string as is, elsewhere as a quoted string, so that the text still parses and a
    /// value the checker needs there reads as unverifiable.
    /// </summary>
    private static string WithPlaceholders(JsonArray parts)
    {
        var text = new System.Text.StringBuilder();
        var inString = false;
        var escaped = false;
        foreach (var part in parts)
        {
            if (JsonRead.String(part) is not { } literal)
            {
                text.Append(inString ? DeployTimeValue : "\"" + DeployTimeValue + "\"");
                continue;
            }

            foreach (var c in literal)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\' && inString)
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = !inString;
                }
            }

            text.Append(literal);
        }

        return text.ToString();
    }

    /// <summary>What an intrinsic function inside a definition reads as: a value fixed at deploy time (present, but not readable here).</summary>
    public const string DeployTimeValue = "__deploy_time_value__";

    /// <summary>What a value set when the job starts reads as (a JSONPath, a JSONata expression, a pipeline parameter).</summary>
    public const string RunTimeValue = "__run_time_value__";

    private static IEnumerable<JobRequest> States(JsonNode definition, Problems problems, string prefix)
    {
        if (JsonRead.Get(definition, "States") is not JsonObject states)
        {
            yield break;
        }

        foreach (var (name, state) in states)
        {
            var where = "State '" + prefix + name + "'";
            var target = JsonRead.String(JsonRead.Get(state, "Resource")) ?? JsonRead.Get(state, "Resource")?.ToJsonString() ?? string.Empty;
            var afterPartition = target.StartsWith("arn:" + DeployTimeValue + ":", StringComparison.Ordinal) ? target[("arn:" + DeployTimeValue + ":").Length..] : target;
            if (JsonRead.String(JsonRead.Get(state, "Type")) == "Task"
                && (afterPartition.Contains("${", StringComparison.Ordinal) || afterPartition.Contains(DeployTimeValue, StringComparison.Ordinal) || JsonRead.Get(state, "Resource") is not JsonValue))
            {
                problems.Unverifiable(where + "'s task (Resource) is decided at deploy time: which API it calls cannot be read.");
                continue;
            }

            var call = SageMakerCall(target);
            if (call is not null)
            {
                var arguments = JsonRead.Get(state, "Parameters") ?? JsonRead.Get(state, "Arguments");
                if (CheckedApis.TryGetValue(call, out var api))
                {
                    yield return new JobRequest(where, api, arguments);
                }
                else if (UnguardedApis.Contains(call))
                {
                    problems.Breach(where + " calls sagemaker:" + call + ", which launches compute that no setting pins to the workspace.");
                }
                else if (LaunchVerbs.Any(v => call.StartsWith(v, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Breach(where + " calls sagemaker:" + call + ", which creates or starts something the checker does not judge; call it outside a state machine, or acknowledge it.");
                }
            }
            else if (EgressTask(target) is { } egress)
            {
                problems.Breach(where + " " + egress + ".");
            }
            else if (UnjudgedTask(target) is { } unjudged)
            {
                problems.Unverifiable(where + " " + unjudged + ".");
            }

            foreach (var branch in JsonRead.Items(JsonRead.Get(state, "Branches")))
            {
                foreach (var nested in States(branch!, problems, prefix + name + "/"))
                {
                    yield return nested;
                }
            }

            if ((JsonRead.Get(state, "ItemProcessor") ?? JsonRead.Get(state, "Iterator")) is { } inner)
            {
                foreach (var nested in States(inner, problems, prefix + name + "/"))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Verbs of SageMaker APIs that create or start something; the others (describe, list, stop, delete, tag) do not launch work.</summary>
    private static readonly string[] LaunchVerbs = { "create", "update", "start", "put", "import", "send", "retry" };

    /// <summary>Tasks that send data out of the VPC by design.</summary>
    private static string? EgressTask(string target) =>
        target.Contains(":states:::http:invoke", StringComparison.Ordinal) ? "calls an HTTP endpoint (http:invoke), outside the workspace's network" : null;

    /// <summary>Tasks that run work the checker cannot see from this definition.</summary>
    private static string? UnjudgedTask(string target) =>
        target.Contains(":states:::states:startExecution", StringComparison.Ordinal) ? "starts another state machine, whose definition is not judged with this one"
        : target.Contains(":states:::lambda:invoke", StringComparison.Ordinal) || target.Contains(":lambda:", StringComparison.Ordinal) ? "invokes a Lambda function, whose code and network are not in this definition"
        : null;

    /// <summary>The SageMaker API a task calls (<c>arn:...:states:::sagemaker:createTrainingJob.sync</c>, <c>...:aws-sdk:sagemaker:createTrainingJob</c>), or null.</summary>
    private static string? SageMakerCall(string target)
    {
        var marker = target.IndexOf(":sagemaker:", StringComparison.OrdinalIgnoreCase);
        if (marker < 0 || !target.Contains("states:::", StringComparison.Ordinal))
        {
            return null;
        }

        var call = target[(marker + ":sagemaker:".Length)..];
        var end = call.IndexOfAny(new[] { '.', '"', '}' });
        return end < 0 ? call : call[..end];
    }
}
