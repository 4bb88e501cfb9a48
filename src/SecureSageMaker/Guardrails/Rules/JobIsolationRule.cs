using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>
/// SecureSageMaker-JB1: SageMaker jobs started by state machines and pipelines, monitoring schedules
/// and the four monitoring job definitions run isolated, encrypted and in a VPC.
/// </summary>
internal sealed class JobIsolationRule : GuardrailRule
{
    private static readonly Dictionary<string, string> MonitoringOutputs = new(StringComparer.Ordinal)
    {
        ["AWS::SageMaker::DataQualityJobDefinition"] = "DataQualityJobOutputConfig",
        ["AWS::SageMaker::ModelQualityJobDefinition"] = "ModelQualityJobOutputConfig",
        ["AWS::SageMaker::ModelBiasJobDefinition"] = "ModelBiasJobOutputConfig",
        ["AWS::SageMaker::ModelExplainabilityJobDefinition"] = "ModelExplainabilityJobOutputConfig",
    };

    public override string Id => RuleIds.JobIsolation;

    public override string What => "Training, tuning, processing, transform, AutoML and labeling jobs and models started by state machines and pipelines, monitoring schedules and monitoring job definitions set network isolation, inter-container traffic encryption, a VpcConfig, volume and output KMS keys (no volume key on local-NVMe instance types), no remote debugging and no public workforce; definitions run no Lambda, EMR or callback step and call no SageMaker API that launches unguarded compute.";

    public override string Why => "A job container without isolation can send training data anywhere (Security Hub SageMaker.9-.15, .20, .22, .25).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        var p = new Problems();
        switch (resource.Type)
        {
            case "AWS::StepFunctions::StateMachine":
                Check(JobRequests.OfStateMachine(resource, p), p);
                return p.Finding;
            case "AWS::SageMaker::Pipeline":
                Check(JobRequests.OfPipeline(resource, p), p);
                return p.Finding;
            case "AWS::SageMaker::MonitoringSchedule":
                var inline = resource.Get("MonitoringScheduleConfig", "MonitoringJobDefinition");
                if (inline is not null)
                {
                    Network(JsonRead.Get(inline, "NetworkConfig"), "The monitoring schedule's job", p);
                    Key(JsonRead.Get(inline, "MonitoringResources", "ClusterConfig"), "VolumeKmsKeyId", "The monitoring schedule's job has no volume KMS key.", p);
                    p.ExpectPresent(JsonRead.Get(inline, "MonitoringOutputConfig", "KmsKeyId"), "The monitoring schedule's job has no output KMS key.");
                }

                return p.Finding;
            default:
                if (!MonitoringOutputs.TryGetValue(resource.Type, out var output))
                {
                    return RuleFinding.NotApplicable;
                }

                Network(resource.Get("NetworkConfig"), "The job definition", p);
                Key(resource.Get("JobResources", "ClusterConfig"), "VolumeKmsKeyId", "The job definition has no volume KMS key.", p);
                p.ExpectPresent(resource.Get(output, "KmsKeyId"), "The job definition has no output KMS key (" + output + ".KmsKeyId).");
                return p.Finding;
        }
    }

    private static void Check(IEnumerable<JobRequest> requests, Problems p)
    {
        foreach (var request in requests)
        {
            var a = request.Arguments;
            var w = request.Where;
            switch (request.Api)
            {
                case "Training":
                    Training(a, w, p);
                    break;
                case "Tuning":
                    var definitions = Field(a, "TrainingJobDefinition", w, p) is { } one ? new[] { one } : JsonRead.Items(Field(a, "TrainingJobDefinitions", w, p)).ToArray();
                    if (definitions.Length == 0)
                    {
                        p.Breach(w + " defines no training job to check.");
                    }

                    foreach (var definition in definitions)
                    {
                        Training(definition, w, p);
                    }

                    break;
                case "Processing":
                    Network(Field(a, "NetworkConfig", w, p), w, p);
                    Key(Path(a, w, p, "ProcessingResources", "ClusterConfig"), "VolumeKmsKeyId", w + " has no volume KMS key.", p);
                    Present(Path(a, w, p, "ProcessingOutputConfig", "KmsKeyId"), w + " has no output KMS key.", w, p);
                    break;
                case "Transform":
                    Key(Field(a, "TransformResources", w, p), "VolumeKmsKeyId", w + " has no volume KMS key.", p);
                    Present(Path(a, w, p, "TransformOutput", "KmsKeyId"), w + " has no output KMS key.", w, p);
                    break;
                case "Model":
                    Flag(Field(a, "EnableNetworkIsolation", w, p), w + " creates a model without EnableNetworkIsolation.", w, "EnableNetworkIsolation", p);
                    Present(Path(a, w, p, "VpcConfig", "Subnets"), w + " creates a model without a VpcConfig.", w, p);
                    break;
                case "AutoML":
                case "AutoMLV2":
                    var security = request.Api == "AutoML" ? Path(a, w, p, "AutoMLJobConfig", "SecurityConfig") : Field(a, "SecurityConfig", w, p);
                    Flag(JsonRead.Get(security, "EnableInterContainerTrafficEncryption"), w + " does not set EnableInterContainerTrafficEncryption.", w, "EnableInterContainerTrafficEncryption", p);
                    Present(JsonRead.Get(security, "VolumeKmsKeyId"), w + " has no volume KMS key.", w, p);
                    Present(JsonRead.Get(security, "VpcConfig", "Subnets"), w + " has no VpcConfig.", w, p);
                    Present(Path(a, w, p, "OutputDataConfig", "KmsKeyId"), w + " has no output KMS key.", w, p);
                    break;
                case "Labeling":
                    var team = Path(a, w, p, "HumanTaskConfig", "WorkteamArn");
                    if (JsonRead.String(team) is { } arn && arn.Contains("workteam/public-crowd", StringComparison.Ordinal))
                    {
                        p.Breach(w + " sends data to the public workforce (Mechanical Turk).");
                    }
                    else if (team is null || JsonRead.IsIntrinsic(team))
                    {
                        p.Unverifiable(w + ": the labeling workforce cannot be read.");
                    }

                    Present(Path(a, w, p, "OutputConfig", "KmsKeyId"), w + " has no output KMS key.", w, p);
                    break;
            }
        }
    }

    private static void Training(JsonNode? a, string w, Problems p)
    {
        Flag(Field(a, "EnableNetworkIsolation", w, p), w + " does not set EnableNetworkIsolation.", w, "EnableNetworkIsolation", p);
        Flag(Field(a, "EnableInterContainerTrafficEncryption", w, p), w + " does not set EnableInterContainerTrafficEncryption.", w, "EnableInterContainerTrafficEncryption", p);
        Present(Path(a, w, p, "VpcConfig", "Subnets"), w + " has no VpcConfig with Subnets.", w, p);
        Present(Path(a, w, p, "VpcConfig", "SecurityGroupIds"), w + " has no VpcConfig with SecurityGroupIds.", w, p);
        Key(Field(a, "ResourceConfig", w, p), "VolumeKmsKeyId", w + " has no volume KMS key.", p);
        Present(Path(a, w, p, "OutputDataConfig", "KmsKeyId"), w + " has no output KMS key.", w, p);
        var debug = Path(a, w, p, "RemoteDebugConfig", "EnableRemoteDebug");
        if (JsonRead.Bool(debug) == true)
        {
            p.Breach(w + " enables remote debugging (a shell into the training container).");
        }
        else if (JsonRead.String(debug) is JobRequests.RunTimeValue or JobRequests.DeployTimeValue)
        {
            p.Unverifiable(w + " sets EnableRemoteDebug when it starts or deploys: remote debugging may be on.");
        }
    }

    private static void Network(JsonNode? network, string w, Problems p)
    {
        Flag(JsonRead.Get(network, "EnableNetworkIsolation"), w + " does not set EnableNetworkIsolation.", w, "EnableNetworkIsolation", p);
        Flag(JsonRead.Get(network, "EnableInterContainerTrafficEncryption"), w + " does not set EnableInterContainerTrafficEncryption.", w, "EnableInterContainerTrafficEncryption", p);
        Present(JsonRead.Get(network, "VpcConfig", "Subnets"), w + " has no VpcConfig with Subnets.", w, p);
        Present(JsonRead.Get(network, "VpcConfig", "SecurityGroupIds"), w + " has no VpcConfig with SecurityGroupIds.", w, p);
    }

    /// <summary>A volume key, required unless the instance type has local NVMe storage (which rejects one).</summary>
    private static void Key(JsonNode? resources, string keyField, string reason, Problems p)
    {
        var type = JsonRead.Get(resources, "InstanceType");
        var key = JsonRead.Get(resources, keyField) ?? (JsonRead.Get(resources, keyField + ".$") is null ? null : JsonValue.Create(JobRequests.RunTimeValue));
        if (key is not null || (JsonRead.String(type) is { } t && InstanceTypes.HasLocalNvmeStorage(t)))
        {
            Present(key ?? JsonValue.Create("local NVMe"), reason, string.Empty, p);
        }
        else if (IsUnreadable(type))
        {
            p.Unverifiable(reason.TrimEnd('.') + ", and its instance type is set at run time (local NVMe types take none).");
        }
        else
        {
            p.Breach(reason);
        }
    }

    /// <summary>
    /// A field of a request. A value set at run time (a JSONPath <c>Name.$</c>, a JSONata expression, a
    /// pipeline parameter) reads as <see cref="JobRequests.RunTimeValue"/>, and a CloudFormation intrinsic
    /// inside the definition as <see cref="JobRequests.DeployTimeValue"/>: both are unreadable flags, and a
    /// run-time value is no proof that a key is there.
    /// </summary>
    private static JsonNode? Field(JsonNode? request, string name, string w, Problems p)
    {
        var value = JsonRead.Get(request, name);
        if (value is null && JsonRead.Get(request, name + ".$") is not null)
        {
            return JsonValue.Create(JobRequests.RunTimeValue);
        }

        if (JsonRead.String(value) is { } s && s.StartsWith("{%", StringComparison.Ordinal))
        {
            return JsonValue.Create(JobRequests.RunTimeValue);
        }

        return value is JsonObject o && (o.ContainsKey("Get") || o.ContainsKey("Std:Join")) ? JsonValue.Create(JobRequests.RunTimeValue) : value;
    }

    private static bool IsRunTime(JsonNode? value) => JsonRead.String(value) == JobRequests.RunTimeValue;

    private static bool IsUnreadable(JsonNode? value) => IsRunTime(value) || JsonRead.String(value) == JobRequests.DeployTimeValue || JsonRead.IsIntrinsic(value);

    private static JsonNode? Path(JsonNode? request, string w, Problems p, params string[] names)
    {
        var node = request;
        foreach (var name in names)
        {
            node = Field(node, name, w, p);
        }

        return node;
    }

    private static void Flag(JsonNode? value, string reason, string w, string name, Problems p)
    {
        if (IsUnreadable(value))
        {
            p.Unverifiable(w + ": " + name + " is set at run time or by an intrinsic function, not as a literal.");
        }
        else if (JsonRead.Bool(value) != true)
        {
            p.Breach(reason);
        }
    }

    private static void Present(JsonNode? value, string reason, string w, Problems p)
    {
        if (JsonRead.String(value) == JobRequests.RunTimeValue)
        {
            p.Unverifiable(reason.TrimEnd('.') + " that the checker can read (set at run time).");
        }
        else
        {
            p.ExpectPresent(value, reason);
        }
    }
}
