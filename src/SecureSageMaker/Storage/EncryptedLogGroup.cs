using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace SecureSageMaker.Storage;

/// <summary>How the library makes a log group: encrypted with a workspace key, with a retention, retained.</summary>
internal static class EncryptedLogGroup
{
    public static LogGroup Create(Construct scope, string id, IKey key, RetentionDays retention, string? logGroupName = null)
    {
        return new LogGroup(scope, id, new LogGroupProps
        {
            LogGroupName = logGroupName,
            EncryptionKey = key,
            Retention = retention,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }
}
