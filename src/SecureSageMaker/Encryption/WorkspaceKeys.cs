using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

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
    /// <exception cref="ArgumentException">A key brought by the user is in another region, or the logs key in another account; the message names the property, the value and the fix.</exception>
    public WorkspaceKeys(Construct scope, string id, WorkspaceKeysProps? props = null)
        : this(scope, id, props, Array.Empty<string>())
    {
    }

    /// <summary>Creates the keys; the data key also serves <paramref name="moreDataKeyServices"/> (a workspace's package mirror: <c>codeartifact</c>).</summary>
    internal WorkspaceKeys(Construct scope, string id, WorkspaceKeysProps? props, IReadOnlyList<string> moreDataKeyServices)
        : base(scope, Validate(scope, id, props ?? new WorkspaceKeysProps()))
    {
        props ??= new WorkspaceKeysProps();
        var days = props.PendingWindowDays ?? Defaults.KeyPendingWindowDays;
        DataKeyServices = KeyFactory.DataKeyServices.Concat(moreDataKeyServices).Distinct(StringComparer.Ordinal).ToList();
        DataKey = props.DataKey ?? NewDataKey(days);
        LogsKey = props.LogsKey ?? NewLogsKey(days);
        if (props.LogsKey is not null and not Key)
        {
            Posture.StackPosture.Warn(this, WarningIds.ImportedKeyPolicyUnmanaged,
                "The logs key was brought to the workspace, so its key policy is not managed here. It must admit the service principal logs.<region>.amazonaws.com for this account's log groups, or log groups fail to create.");
        }

        if (props.DataKey is not null && IsForeignAccount(props.DataKey))
        {
            Posture.StackPosture.Warn(this, WarningIds.ForeignAccountKey,
                "The data key belongs to another account: its owner can revoke access to every object it encrypts, and its key policy must admit this account's roles.");
        }
    }

    /// <summary>
    /// The AWS services through which the data key may be used (<c>kms:ViaService</c> of its key policy):
    /// every service that encrypts with it for the workspace.
    /// </summary>
    public IReadOnlyList<string> DataKeyServices { get; }

    /// <summary>The key of data at rest (buckets, volumes, endpoints).</summary>
    public IKey DataKey { get; }

    /// <summary>The key of the workspace's log groups.</summary>
    public IKey LogsKey { get; }

    private Key NewDataKey(int days)
    {
        var key = KeyFactory.Create(this, "DataKey", "Encrypts the data, models and compute volumes of a SageMaker workspace.", days);
        KeyFactory.OnlyThroughServices(key, DataKeyServices.ToArray());
        return key;
    }

    private Key NewLogsKey(int days)
    {
        var key = KeyFactory.Create(this, "LogsKey", "Encrypts the CloudWatch log groups of a SageMaker workspace.", days);
        KeyFactory.AdmitCloudWatchLogs(key);
        return key;
    }

    private bool IsForeignAccount(IKey key) => Tokens.IsLiteral(key.Env.Account) && Tokens.IsLiteral(Stack.Of(this).Account) && key.Env.Account != Stack.Of(this).Account;

    private static string Validate(Construct scope, string id, WorkspaceKeysProps props)
    {
        var v = new PropsValidator(scope, id);
        Check(v, scope, props);
        v.Throw();
        return id;
    }

    /// <summary>Adds every problem with the keys to <paramref name="v"/>.</summary>
    internal static void Check(PropsValidator v, IConstruct scope, WorkspaceKeysProps props)
    {
        var stack = Stack.Of(scope);
        v.InRange(props.PendingWindowDays, 7, 30, "PendingWindowDays", "the KMS limits");
        foreach (var (name, key) in new[] { ("DataKey", props.DataKey), ("LogsKey", props.LogsKey) })
        {
            if (key is null)
            {
                continue;
            }

            CheckKeyArn(v, name, key.KeyArn);
            CheckKeyRegion(v, name, key, stack);

            var account = key.Env.Account;
            if (name == "LogsKey" && Tokens.IsLiteral(account) && Tokens.IsLiteral(stack.Account) && account != stack.Account)
            {
                v.Fail(name, key.KeyArn, string.Format(CultureInfo.InvariantCulture,
                    "CloudWatch Logs needs a key of the log group's own account '{0}', not '{1}'.", stack.Account, account));
            }
        }
    }

    /// <summary>A key of the stack's region: KMS keys are regional, and S3 and SageMaker use keys of their own region only.</summary>
    internal static void CheckKeyRegion(PropsValidator v, string property, IKey key, Stack stack)
    {
        var region = key.Env.Region;
        if (Tokens.IsLiteral(region) && Tokens.IsLiteral(stack.Region) && region != stack.Region)
        {
            v.Fail(property, key.KeyArn, string.Format(CultureInfo.InvariantCulture,
                "KMS keys are regional: bring a key of the stack's region '{0}', not '{1}'.", stack.Region, region));
        }
    }

    /// <summary>A key ARN, not an alias: grants, key policies and the guardrails compare key ARNs.</summary>
    internal static void CheckKeyArn(PropsValidator v, string property, string arn)
    {
        if (!Tokens.IsLiteral(arn))
        {
            return;
        }

        if (arn.Contains(":alias/", StringComparison.Ordinal))
        {
            v.Fail(property, arn, "Give the key itself (Key.FromKeyArn with a key ARN), not an alias: the guardrails and bucket policies compare key ARNs, and an alias can be repointed.");
        }
        else
        {
            v.Require(KeyArnPattern.IsMatch(arn), property, arn,
                "Use a key ARN such as 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' (the key id is a UUID or an mrk- id).");
        }
    }

    private static readonly System.Text.RegularExpressions.Regex KeyArnPattern = new(
        "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
