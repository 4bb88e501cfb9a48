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
        return new Key(scope, id, new KeyProps
        {
            Description = description,
            EnableKeyRotation = true,
            PendingWindow = Duration.Days(pendingWindowDays),
            KeySpec = KeySpec.SYMMETRIC_DEFAULT,
            KeyUsage = KeyUsage.ENCRYPT_DECRYPT,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
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
