namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-S33: buckets block all four kinds of public access.</summary>
public sealed class BucketPublicAccessRule : GuardrailRule
{
    private static readonly string[] Settings = { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" };

    /// <inheritdoc />
    public override string Id => "SecureSageMaker-S33";

    /// <inheritdoc />
    public override string What => "S3 buckets set all four public access blocks.";

    /// <inheritdoc />
    public override string Why => "A public bucket is the simplest way for data to leave (cdk-nag S2).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::S3::Bucket";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::S3::Bucket")
        {
            return RuleFinding.NotApplicable;
        }

        var missing = Settings.Where(s => !resource.IsTrue("PublicAccessBlockConfiguration", s)).ToList();
        return missing.Count == 0 ? RuleFinding.Compliant : RuleFinding.NonCompliant("Public access is not blocked: " + string.Join(", ", missing) + ".");
    }
}
