using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace SecureSageMaker;

/// <summary>Props of <see cref="SageMakerLogGroups"/>.</summary>
public sealed class SageMakerLogGroupsProps
{
    /// <summary>The key that encrypts the log groups; its policy must admit CloudWatch Logs.</summary>
    /// <remarks><strong>Default</strong>: a new customer-managed key with rotation, retained, that admits CloudWatch Logs for this account's log groups.</remarks>
    public IKey? EncryptionKey { get; init; }

    /// <summary>Retention of the log groups.</summary>
    /// <remarks><strong>Default</strong>: one year.</remarks>
    public RetentionDays? Retention { get; init; }
}

/// <summary>
/// The account-wide log groups SageMaker writes to (<c>/aws/sagemaker/TrainingJobs</c>,
/// <c>ProcessingJobs</c>, <c>TransformJobs</c>, <c>NotebookInstances</c>, <c>studio</c>), encrypted and
/// with a retention. They exist once per account and region, so they belong in an account baseline
/// stack deployed once, never in a workspace (two workspaces, or a second deploy, would collide). They
/// are retained on delete and replacement, except when the stack's first create rolls back
/// (<c>RetainExceptOnCreate</c>), so a retry succeeds. In an account where SageMaker already created
/// them, import them into the baseline stack (<c>cdk import</c>) instead of creating them.
/// </summary>
public sealed class SageMakerLogGroups : Construct
{
    /// <summary>The log group names SageMaker writes to.</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "/aws/sagemaker/TrainingJobs", "/aws/sagemaker/ProcessingJobs", "/aws/sagemaker/TransformJobs", "/aws/sagemaker/NotebookInstances", "/aws/sagemaker/studio",
    };

    private readonly List<ILogGroup> _groups = new();

    /// <summary>Creates the log groups.</summary>
    public SageMakerLogGroups(Construct scope, string id, SageMakerLogGroupsProps? props = null)
        : base(scope, Validate(scope, id, props))
    {
        props ??= new SageMakerLogGroupsProps();
        var key = props.EncryptionKey ?? NewKey();
        foreach (var name in Names)
        {
            _groups.Add(global::SecureSageMaker.LogGroups.Create(this, name.Split('/').Last() switch { "studio" => "Studio", var n => n }, key, props.Retention ?? Defaults.LogRetention, name));
        }
    }

    /// <summary>The log groups, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<ILogGroup> LogGroups => _groups;

    private Key NewKey()
    {
        var key = KeyFactory.Create(this, "Key", "Encrypts the account's SageMaker log groups.");
        KeyFactory.AdmitCloudWatchLogs(key);
        return key;
    }

    /// <summary>
    /// The log groups exist once per account and region: a second set in the same app for the same account and region (or in
    /// the same stack) would fail the deploy with "already exists". The key must be in the stack's region.
    /// </summary>
    private static string Validate(Construct scope, string id, SageMakerLogGroupsProps? props)
    {
        var v = new PropsValidator(scope, id);
        var stack = Stack.Of(scope);
        var others = scope.Node.Root.Node.FindAll().OfType<SageMakerLogGroups>().Where(other => PropsValidator.SameAccountAndRegion(Stack.Of(other), stack)).ToList();
        foreach (var other in others)
        {
            v.Fail("(construct)", other.Node.Path, "SageMaker's log groups exist once per account and region, and " + other.Node.Path
                + " already creates them for this one: keep one SageMakerLogGroups per account and region (an account baseline stack).");
        }

        if (props?.EncryptionKey is { } key)
        {
            WorkspaceKeys.CheckKeyArn(v, "EncryptionKey", key.KeyArn);
            WorkspaceKeys.CheckKeyRegion(v, "EncryptionKey", key, stack);
        }

        v.Throw();
        return id;
    }
}
