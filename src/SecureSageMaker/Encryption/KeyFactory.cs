using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// How the library makes and uses customer-managed keys: symmetric, rotated yearly, a pending window,
/// retained on delete and on replacement, administered through the account root; used only through
/// named AWS services (<c>kms:ViaService</c>).
/// </summary>
internal static class KeyFactory
{
    public static Key Create(Construct scope, string id, string description, int pendingWindowDays = Defaults.KeyPendingWindowDays)
    {
        var key = new Key(scope, id, new KeyProps
        {
            Description = description,
            EnableKeyRotation = true,
            PendingWindow = Duration.Days(pendingWindowDays),
            KeySpec = KeySpec.SYMMETRIC_DEFAULT,
            KeyUsage = KeyUsage.ENCRYPT_DECRYPT,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // Grants only for AWS resources (AWS Control Tower CT.KMS.PR.3): a grant is a delegation that outlives the policy.
        _ = key.AddToResourcePolicy(IamJson.Deny("DenyGrantsForAnythingButAwsResources", new[] { "kms:CreateGrant" }, "*", new Dictionary<string, object>
        {
            ["BoolIfExists"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "false", ["aws:PrincipalIsAWSService"] = "false" },
        }, IamJson.AnyPrincipal()), false);
        return key;
    }

    /// <summary>The AWS services that use the data key for every workspace: S3, SageMaker, EC2 (volumes) and EFS (Studio's home directories); a package mirror adds CodeArtifact.</summary>
    internal static readonly string[] DataKeyServices = { "s3", "sagemaker", "ec2", "elasticfilesystem" };

    /// <summary>
    /// Limits a key's cryptographic use to AWS services acting for the caller (<c>kms:ViaService</c>):
    /// no principal can decrypt data directly with it, whatever its IAM policy says.
    /// </summary>
    public static void OnlyThroughServices(Key key, params string[] services)
    {
        var stack = Stack.Of(key);
        _ = key.AddToResourcePolicy(IamJson.Deny("DenyUseOutsideAwsServices", new[] { "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*" }, "*", new Dictionary<string, object>
        {
            ["StringNotLike"] = new Dictionary<string, object> { ["kms:ViaService"] = services.Select(s => s + ".*." + stack.UrlSuffix).ToArray() },
            ["BoolIfExists"] = new Dictionary<string, object> { ["aws:PrincipalIsAWSService"] = "false" },
        }, IamJson.AnyPrincipal()), false);
    }

    /// <summary>
    /// Lets CloudWatch Logs use the key for log groups of this account and region only, through the
    /// encryption context the service always sends.
    /// </summary>
    public static void AdmitCloudWatchLogs(IKey key)
    {
        var stack = Stack.Of(key);
        var logGroups = stack.FormatArn(new ArnComponents { Service = "logs", Resource = "log-group", ResourceName = "*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME });
        _ = key.AddToResourcePolicy(IamJson.Allow("AllowCloudWatchLogsOfThisAccount",
            new[] { "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*" },
            "*",
            IamJson.Condition("ArnLike", "kms:EncryptionContext:aws:logs:arn", logGroups),
            IamJson.ServicePrincipal("logs." + stack.Region + "." + stack.UrlSuffix)), false);
    }

    /// <summary>
    /// A statement that lets a principal use a key only through the named services of this region;
    /// <c>kms:CreateGrant</c> only for AWS resources (AWS Control Tower CT.KMS.PR.3).
    /// </summary>
    public static PolicyStatement UseThroughServices(IKey key, IEnumerable<string> actions, params string[] services)
    {
        var stack = Stack.Of(key);
        var list = actions.ToArray();
        var conditions = IamJson.Condition("StringEquals", "kms:ViaService", services.Select(s => s + "." + stack.Region + "." + stack.UrlSuffix).ToArray());
        if (list.Contains("kms:CreateGrant"))
        {
            conditions["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" };
        }

        return IamJson.Allow(null, list, new[] { key.KeyArn }, conditions);
    }
}
