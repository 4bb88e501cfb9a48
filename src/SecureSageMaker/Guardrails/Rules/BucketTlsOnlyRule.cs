using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-S32: every bucket has a policy that denies requests without TLS.</summary>
public sealed class BucketTlsOnlyRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-S32";

    /// <inheritdoc />
    public override string What => "Each S3 bucket has a bucket policy in the same stack that denies s3:* when aws:SecureTransport is false.";

    /// <inheritdoc />
    public override string Why => "Data in transit must use TLS (s3-bucket-ssl-requests-only).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::S3::Bucket" or "AWS::S3::BucketPolicy";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::S3::Bucket")
        {
            return RuleFinding.NotApplicable;
        }

        var logicalId = resource.LogicalId;
        var denies = resource.Stack
            .Where(r => r.Type == "AWS::S3::BucketPolicy" && logicalId is not null && Json.AsString(r.Get("Bucket", "Ref")) == logicalId)
            .SelectMany(r => Json.Items(r.Get("PolicyDocument", "Statement")))
            .Any(IsTlsDeny);
        return denies ? RuleFinding.Compliant : RuleFinding.NonCompliant("No bucket policy denies requests without TLS (aws:SecureTransport false).");
    }

    private static bool IsTlsDeny(JsonNode? statement) =>
        Json.AsString(Json.Get(statement, "Effect")) == "Deny"
        && Json.Items(Json.Get(statement, "Action")).Any(a => Json.AsString(a) is "s3:*" or "*")
        && Json.AsString(Json.Get(statement, "Condition", "Bool", "aws:SecureTransport")) == "false";
}
