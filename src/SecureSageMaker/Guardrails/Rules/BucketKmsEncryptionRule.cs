namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-S31: buckets use SSE-KMS with a named key.</summary>
public sealed class BucketKmsEncryptionRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-S31";

    /// <inheritdoc />
    public override string What => "S3 buckets default to SSE-KMS (aws:kms or aws:kms:dsse) with a KMSMasterKeyID.";

    /// <inheritdoc />
    public override string Why => "A customer-managed key lets the owner revoke access to every object and audits every read (s3-default-encryption-kms).";

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

        var rules = Json.Items(resource.Get("BucketEncryption", "ServerSideEncryptionConfiguration")).ToList();
        var kms = rules.Any(r => Json.AsString(Json.Get(r, "ServerSideEncryptionByDefault", "SSEAlgorithm")) is "aws:kms" or "aws:kms:dsse"
            && Json.IsPresent(Json.Get(r, "ServerSideEncryptionByDefault", "KMSMasterKeyID")));
        return kms ? RuleFinding.Compliant : RuleFinding.NonCompliant("The bucket does not default to SSE-KMS with a customer-managed key.");
    }
}
