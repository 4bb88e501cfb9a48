namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-LG1: log groups are encrypted with a KMS key and expire.</summary>
public sealed class LogGroupEncryptionRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-LG1";

    /// <inheritdoc />
    public override string What => "CloudWatch log groups have a KmsKeyId and a RetentionInDays.";

    /// <inheritdoc />
    public override string Why => "Job and endpoint logs can hold data; a customer key controls who reads them (CloudWatchLogGroupEncrypted).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::Logs::LogGroup";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::Logs::LogGroup")
        {
            return RuleFinding.NotApplicable;
        }

        var problems = new List<string>();
        if (!resource.Has("KmsKeyId"))
        {
            problems.Add("KmsKeyId is missing.");
        }

        if (!resource.Has("RetentionInDays"))
        {
            problems.Add("RetentionInDays is missing.");
        }

        return RuleFinding.From(problems);
    }
}
