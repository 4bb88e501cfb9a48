using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace SecureSageMaker.Encryption;

/// <summary>
/// How the library makes a customer-managed key: symmetric, rotated yearly, a 30-day pending window,
/// retained on delete and on replacement, administered through the account root.
/// </summary>
internal static class WorkspaceKey
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
        var stack = Internal.StackInfo.Of(key);
        _ = key.AddToResourcePolicy(Internal.Statements.Allow("AllowCloudWatchLogsOfThisAccount",
            new[] { "kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*" },
            "*",
            new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["kms:EncryptionContext:aws:logs:arn"] = "arn:" + stack.Partition + ":logs:" + stack.Region + ":" + stack.Account + ":log-group:*",
                },
            },
            Internal.Statements.Service("logs." + stack.Region + "." + stack.UrlSuffix)), false);
    }

    /// <summary>IAM statements that let a principal use a key only through the named services of this region.</summary>
    public static PolicyStatement UseThroughServices(IKey key, IEnumerable<string> actions, params string[] services)
    {
        var stack = Internal.StackInfo.Of(key);
        return Internal.Statements.Allow(null, actions, new[] { key.KeyArn }, new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object>
            {
                ["kms:ViaService"] = services.Select(s => s + "." + stack.Region + "." + stack.UrlSuffix).ToArray(),
            },
        });
    }
}
