namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-FG1: feature groups encrypt their online and offline stores.</summary>
internal sealed class FeatureGroupRule : GuardrailRule
{
    public override string Id => RuleIds.FeatureGroupEncryption;

    public override string What => "Feature groups with an online store set OnlineStoreConfig.SecurityConfig.KmsKeyId; with an offline store, OfflineStoreConfig.S3StorageConfig.KmsKeyId.";

    public override string Why => "Feature stores hold the training data itself; a customer-managed key controls who reads it.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::SageMaker::FeatureGroup")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        if (resource.Get("OnlineStoreConfig") is { } online && JsonRead.Bool(JsonRead.Get(online, "EnableOnlineStore")) != false)
        {
            p.ExpectPresent(JsonRead.Get(online, "SecurityConfig", "KmsKeyId"), "The online store has no KmsKeyId.");
        }

        if (resource.Get("OfflineStoreConfig") is { } offline)
        {
            p.ExpectPresent(JsonRead.Get(offline, "S3StorageConfig", "KmsKeyId"), "The offline store has no KmsKeyId.");
        }

        return p.Finding;
    }
}
