namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-LG1: log groups are encrypted with a KMS key and expire.</summary>
internal sealed class LogGroupEncryptionRule : GuardrailRule
{
    public override string Id => RuleIds.LogGroupEncryption;

    public override string What => "CloudWatch log groups have a KmsKeyId and a RetentionInDays.";

    public override string Why => "Job and endpoint logs can hold data; a customer key controls who reads them (CloudWatchLogGroupEncrypted).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::Logs::LogGroup")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectPresent(resource.Get("KmsKeyId"), "KmsKeyId is missing: the log group is not encrypted with a customer-managed key.");
        p.ExpectPresent(resource.Get("RetentionInDays"), "RetentionInDays is missing: the logs never expire.");
        return p.Finding;
    }
}
