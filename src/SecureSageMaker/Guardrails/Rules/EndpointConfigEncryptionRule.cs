using SecureSageMaker.Hosting;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-EC1: endpoint configs are encrypted, capture data encrypted, and grant no SSM access.</summary>
public sealed class EndpointConfigEncryptionRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-EC1";

    /// <inheritdoc />
    public override string What => "Endpoint configs have a KmsKeyId (unless every variant has local NVMe storage), encrypt data capture and async output with a KmsKeyId, and no variant enables SSM access.";

    /// <inheritdoc />
    public override string Why => "Endpoint storage and captured requests hold data (Security Hub SageMaker.4, endpoint-configuration-kms-key-configured).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::SageMaker::EndpointConfig";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::SageMaker::EndpointConfig")
        {
            return RuleFinding.NotApplicable;
        }

        var problems = new List<string>();
        var variants = Json.Items(resource.Get("ProductionVariants")).ToList();
        var allNvme = variants.Count > 0 && variants.All(v => Json.AsString(Json.Get(v, "InstanceType")) is { } t && EncryptedEndpoint.HasLocalNvmeStorage(t));
        if (!resource.Has("KmsKeyId") && !allNvme)
        {
            problems.Add("KmsKeyId is missing.");
        }

        if (variants.Any(v => Json.IsTrue(Json.Get(v, "EnableSSMAccess"))) || resource.IsTrue("EnableSSMAccess"))
        {
            problems.Add("A production variant enables SSM access.");
        }

        if (resource.Get("DataCaptureConfig") is { } capture && Json.IsTrue(Json.Get(capture, "EnableCapture")) && !Json.IsPresent(Json.Get(capture, "KmsKeyId")))
        {
            problems.Add("DataCaptureConfig has no KmsKeyId.");
        }

        if (resource.Get("AsyncInferenceConfig") is { } async && !Json.IsPresent(Json.Get(async, "OutputConfig", "KmsKeyId")))
        {
            problems.Add("AsyncInferenceConfig.OutputConfig has no KmsKeyId.");
        }

        return RuleFinding.From(problems);
    }
}
