using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace SecureSageMaker.Encryption;

/// <summary>
/// The workspace's customer-managed keys, one per trust boundary:
/// the <see cref="DataKey"/> encrypts data at rest that SageMaker and S3 touch (buckets, notebook and
/// Studio volumes, training and processing volumes and output, endpoint storage and data capture);
/// the <see cref="LogsKey"/> encrypts CloudWatch log groups and is the only key whose policy admits a
/// service principal (CloudWatch Logs, limited by encryption context to this account's log groups),
/// so that trust cannot decrypt data.
/// </summary>
public sealed class WorkspaceKeys : Construct
{
    /// <summary>Creates (or adopts) the keys.</summary>
    /// <exception cref="ArgumentException">A key brought by the user is in another region, or the logs key in another account.</exception>
    public WorkspaceKeys(Construct scope, string id, IKey? dataKey = null, IKey? logsKey = null, int? pendingWindowDays = null)
        : base(scope, Validate(scope, id, dataKey, logsKey, pendingWindowDays))
    {
        var days = pendingWindowDays ?? Defaults.KeyPendingWindowDays;
        DataKey = dataKey ?? WorkspaceKey.Create(this, "DataKey", "Encrypts the data, models and compute volumes of a SageMaker workspace.", days);
        if (logsKey is null)
        {
            var created = WorkspaceKey.Create(this, "LogsKey", "Encrypts the CloudWatch log groups of a SageMaker workspace.", days);
            WorkspaceKey.AdmitCloudWatchLogs(created);
            LogsKey = created;
        }
        else
        {
            LogsKey = logsKey;
            if (logsKey is not Key)
            {
                Internal.Weakening.Warn(this, WarningIds.ImportedKeyPolicyUnmanaged,
                    "The logs key was brought to the workspace, so its key policy is not managed here. It must admit the service principal logs.<region>.amazonaws.com for this account's log groups, or log groups fail to create.");
            }
        }

        if (dataKey is not null && IsForeignAccount(dataKey))
        {
            Internal.Weakening.Warn(this, WarningIds.ForeignAccountKey,
                "The data key belongs to another account: its owner can revoke access to every object it encrypts, and its key policy must admit this account's roles.");
        }
    }

    /// <summary>The key of data at rest (buckets, volumes, endpoints).</summary>
    public IKey DataKey { get; }

    /// <summary>The key of the workspace's log groups.</summary>
    public IKey LogsKey { get; }

    private bool IsForeignAccount(IKey key) => !Internal.Tokens.IsUnresolved(key.Env.Account)
        && !Internal.Tokens.IsUnresolved(Stack.Of(this).Account) && key.Env.Account != Stack.Of(this).Account;

    private static string Validate(Construct scope, string id, IKey? dataKey, IKey? logsKey, int? pendingWindowDays)
    {
        var v = new Internal.PropsValidator(scope, id);
        Check(v, scope, dataKey, logsKey, pendingWindowDays);
        v.Throw();
        return id;
    }

    /// <summary>Adds every problem with the keys to <paramref name="v"/>.</summary>
    internal static void Check(Internal.PropsValidator v, IConstruct scope, IKey? dataKey, IKey? logsKey, int? pendingWindowDays)
    {
        var stack = Stack.Of(scope);
        v.InRange(pendingWindowDays, 7, 30, "KeyPendingWindowDays");
        foreach (var (name, key) in new[] { ("DataKey", dataKey), ("LogsKey", logsKey) })
        {
            if (key is null)
            {
                continue;
            }

            var region = key.Env.Region;
            if (!Internal.Tokens.IsUnresolved(region) && !Internal.Tokens.IsUnresolved(stack.Region) && region != stack.Region)
            {
                v.Fail(name, key.KeyArn, string.Format(CultureInfo.InvariantCulture,
                    "KMS keys are regional: bring a key of the stack's region '{0}', not '{1}'.", stack.Region, region));
            }

            var account = key.Env.Account;
            if (name == "LogsKey" && !Internal.Tokens.IsUnresolved(account) && !Internal.Tokens.IsUnresolved(stack.Account) && account != stack.Account)
            {
                v.Fail(name, key.KeyArn, string.Format(CultureInfo.InvariantCulture,
                    "CloudWatch Logs needs a key of the log group's own account '{0}', not '{1}'.", stack.Account, account));
            }
        }
    }
}
