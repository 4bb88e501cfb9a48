namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-EC1: endpoint configs encrypted, capture and async output encrypted, no SSM access, isolation without a model.</summary>
internal sealed class EndpointConfigRule : GuardrailRule
{
    public override string Id => RuleIds.EndpointConfigEncryption;

    public override string What => "Endpoint configs have a KmsKeyId (unless every variant has local NVMe storage), encrypt data capture and async output with a KmsKeyId, enable SSM access on no variant, and set EnableNetworkIsolation and a VpcConfig when variants name no model (inference components).";

    public override string Why => "Endpoint storage and captured requests hold data, and a container without a model's isolation can send it anywhere (Security Hub SageMaker.4, endpoint-configuration-kms-key-configured).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::SageMaker::EndpointConfig")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        // Shadow variants receive a copy of production traffic: they are held to the same checks.
        var variants = p.List(resource.Get("ProductionVariants"), "ProductionVariants")
            .Concat(p.List(resource.Get("ShadowProductionVariants"), "ShadowProductionVariants")).ToList();
        var types = variants.Select(v => JsonRead.Get(v, "InstanceType")).ToList();
        if (types.Any(JsonRead.IsIntrinsic))
        {
            p.Unverifiable("A production variant's InstanceType is an intrinsic function, so whether it has local NVMe storage is unknown.");
        }

        var allNvme = variants.Count > 0 && types.All(t => JsonRead.String(t) is { } type && InstanceTypes.HasLocalNvmeStorage(type));
        if (!allNvme)
        {
            p.ExpectPresent(resource.Get("KmsKeyId"), "KmsKeyId is missing: endpoint storage is not encrypted with a customer-managed key.");
        }

        foreach (var variant in variants)
        {
            p.ExpectNotTrue(JsonRead.Get(variant, "EnableSSMAccess"), "EnableSSMAccess", "A production variant enables SSM access to its instances.");
        }

        if (resource.Get("DataCaptureConfig") is { } capture && JsonRead.Bool(JsonRead.Get(capture, "EnableCapture")) != false)
        {
            p.ExpectPresent(JsonRead.Get(capture, "KmsKeyId"), "DataCaptureConfig has no KmsKeyId: captured requests are not encrypted with a customer-managed key.");
        }

        if (resource.Get("AsyncInferenceConfig") is { } asyncConfig)
        {
            p.ExpectPresent(JsonRead.Get(asyncConfig, "OutputConfig", "KmsKeyId"), "AsyncInferenceConfig.OutputConfig has no KmsKeyId.");
        }

        if (variants.Any(v => JsonRead.Get(v, "ModelName") is null))
        {
            p.ExpectTrue(resource.Get("EnableNetworkIsolation"), "EnableNetworkIsolation", "A variant names no model (inference components) and the config does not set EnableNetworkIsolation.");
            p.ExpectPresent(resource.Get("VpcConfig", "Subnets"), "A variant names no model (inference components) and the config has no VpcConfig.");
        }

        return p.Finding;
    }
}
