using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// Bucket grants for the workspace's principals: exactly the S3 actions on the bucket and object ARNs
/// (under a key prefix), and the KMS actions on the key only through S3 (<c>kms:ViaService</c>). CDK's
/// own <c>Bucket.GrantRead</c> would grant the key without that condition.
/// </summary>
internal static class BucketGrants
{
    public static void Read(IGrantable grantee, IBucket bucket, IKey? key, string prefix = "") =>
        Add(grantee, bucket, key, prefix, SecureBucket.ReadActions, new[] { "kms:Decrypt" });

    public static void ReadWrite(IGrantable grantee, IBucket bucket, IKey? key, string prefix = "") =>
        Add(grantee, bucket, key, prefix, SecureBucket.ReadActions.Concat(SecureBucket.WriteActions).ToArray(), new[] { "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*" });

    public static void Write(IGrantable grantee, IBucket bucket, IKey? key, string prefix = "") =>
        Add(grantee, bucket, key, prefix, SecureBucket.WriteActions, new[] { "kms:Encrypt", "kms:GenerateDataKey*" });

    private static void Add(IGrantable grantee, IBucket bucket, IKey? key, string prefix, string[] s3Actions, string[] kmsActions)
    {
        var bucketActions = s3Actions.Where(a => a is "s3:ListBucket" or "s3:GetBucketLocation").ToArray();
        var objectActions = s3Actions.Except(bucketActions).ToArray();
        var principal = grantee.GrantPrincipal;
        _ = principal.AddToPrincipalPolicy(IamJson.Allow(null, objectActions, new[] { bucket.ArnForObjects(prefix + "*") }));
        if (bucketActions.Length > 0)
        {
            _ = principal.AddToPrincipalPolicy(prefix.Length == 0
                ? IamJson.Allow(null, bucketActions, new[] { bucket.BucketArn })
                : IamJson.Allow(null, bucketActions, new[] { bucket.BucketArn }, IamJson.Condition("StringLike", "s3:prefix", new[] { prefix + "*", prefix })));
        }

        if (key is not null)
        {
            _ = principal.AddToPrincipalPolicy(KeyFactory.UseThroughServices(key, kmsActions, "s3"));
        }
    }
}
