using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace SecureSageMaker;

/// <summary>
/// How the library makes a log group: encrypted with a workspace key, with a retention, retained on
/// delete and replacement. A log group with a fixed name is retained except when its stack's first
/// create rolls back (<c>RetainExceptOnCreate</c>): otherwise the kept group would make every retry
/// fail with AlreadyExists.
/// </summary>
internal static class LogGroups
{
    public static LogGroup Create(Construct scope, string id, IKey key, RetentionDays retention, string? logGroupName = null)
    {
        var group = new LogGroup(scope, id, new LogGroupProps
        {
            LogGroupName = logGroupName,
            EncryptionKey = key,
            Retention = retention,
            RemovalPolicy = logGroupName is null ? RemovalPolicy.RETAIN : RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
        });
        var resource = (CfnResource)group.Node.DefaultChild!;
        if (logGroupName is not null)
        {
            resource.CfnOptions.UpdateReplacePolicy = CfnDeletionPolicy.RETAIN;
        }

        if (key is Key && !ReferenceEquals(Stack.Of(key), Stack.Of(scope)))
        {
            Guardrails.Suppressions.CrossStackLogKey(resource);
        }

        return group;
    }
}
