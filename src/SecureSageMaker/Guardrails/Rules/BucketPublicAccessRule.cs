namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-S33: buckets block all four kinds of public access.</summary>
internal sealed class BucketPublicAccessRule : GuardrailRule
{
    private static readonly string[] Settings = { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" };

    public override string Id => RuleIds.BucketPublicAccess;

    public override string What => "S3 buckets set all four public access blocks.";

    public override string Why => "A public bucket is the simplest way for data to leave (cdk-nag S2, s3-bucket-level-public-access-prohibited).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::S3::Bucket")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        foreach (var setting in Settings)
        {
            p.ExpectTrue(resource.Get("PublicAccessBlockConfiguration", setting), setting, setting + " is not true.");
        }

        return p.Finding;
    }
}
