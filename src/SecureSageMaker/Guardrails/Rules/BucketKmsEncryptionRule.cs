namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-S31: buckets use SSE-KMS with a named key.</summary>
internal sealed class BucketKmsEncryptionRule : GuardrailRule
{
    public override string Id => RuleIds.BucketKmsEncryption;

    public override string What => "S3 buckets default to SSE-KMS (aws:kms or aws:kms:dsse) with a KMSMasterKeyID.";

    public override string Why => "A customer-managed key lets the owner revoke access to every object and audits every read (s3-default-encryption-kms, cdk-nag S3DefaultEncryptionKMS).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::S3::Bucket")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        var rules = p.List(resource.Get("BucketEncryption", "ServerSideEncryptionConfiguration"), "ServerSideEncryptionConfiguration");
        var algorithms = rules.Select(r => JsonRead.Get(r, "ServerSideEncryptionByDefault", "SSEAlgorithm")).ToList();
        if (algorithms.Any(JsonRead.IsIntrinsic))
        {
            p.Unverifiable("SSEAlgorithm is an intrinsic function, not a literal.");
        }
        else if (!rules.Any(r => JsonRead.String(JsonRead.Get(r, "ServerSideEncryptionByDefault", "SSEAlgorithm")) is "aws:kms" or "aws:kms:dsse"))
        {
            p.Breach("The bucket does not default to SSE-KMS.");
        }
        else if (!rules.Any(r => JsonRead.IsPresent(JsonRead.Get(r, "ServerSideEncryptionByDefault", "KMSMasterKeyID"))))
        {
            p.Breach("SSE-KMS names no KMSMasterKeyID, so objects use the AWS-managed aws/s3 key.");
        }

        return p.Finding;
    }
}
