using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-S32: every bucket has a policy that denies requests without TLS.</summary>
internal sealed class BucketTlsOnlyRule : GuardrailRule
{
    public override string Id => RuleIds.BucketTlsOnly;

    public override string What => "Each S3 bucket has a bucket policy in the same template that denies s3:* when aws:SecureTransport is false.";

    public override string Why => "Data in transit must use TLS (s3-bucket-ssl-requests-only, cdk-nag S10).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::S3::Bucket")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        var policies = resource.Template.Values.Where(r => r.Type == "AWS::S3::BucketPolicy" && JsonRead.ReferencedId(r.Get("Bucket")) == resource.LogicalId).ToList();
        if (policies.Any(r => JsonRead.IsIntrinsic(r.Get("PolicyDocument"))))
        {
            p.Unverifiable("The bucket policy's document is an intrinsic function.");
        }
        else if (!policies.SelectMany(r => JsonRead.Items(r.Get("PolicyDocument", "Statement"))).Any(IsTlsDeny))
        {
            p.Breach("No bucket policy denies requests without TLS (aws:SecureTransport false).");
        }

        return p.Finding;
    }

    private static bool IsTlsDeny(JsonNode? statement) =>
        JsonRead.String(JsonRead.Get(statement, "Effect")) == "Deny"
        && JsonRead.Items(JsonRead.Get(statement, "Action")).Any(a => JsonRead.String(a) is "s3:*" or "*")
        && JsonRead.String(JsonRead.Get(statement, "Condition", "Bool", "aws:SecureTransport")) == "false";
}
