using Amazon.CDK.AWS.KMS;

namespace SecureSageMaker;

/// <summary>Props of <see cref="WorkspaceKeys"/>.</summary>
public sealed class WorkspaceKeysProps
{
    /// <summary>Key for data at rest (buckets, volumes, endpoints), instead of a new one. Must be in the stack's region; another account's key raises warning <see cref="WarningIds.ForeignAccountKey"/>.</summary>
    /// <remarks><strong>Default</strong>: a new customer-managed key with rotation, retained.</remarks>
    public IKey? DataKey { get; init; }

    /// <summary>Key for log groups, instead of a new one. Must be in the stack's account and region, and admit CloudWatch Logs (warning <see cref="WarningIds.ImportedKeyPolicyUnmanaged"/>).</summary>
    /// <remarks><strong>Default</strong>: a new customer-managed key with rotation, retained, that admits CloudWatch Logs for this account's log groups.</remarks>
    public IKey? LogsKey { get; init; }

    /// <summary>Days a scheduled deletion of a new key waits (7 to 30).</summary>
    /// <remarks><strong>Default</strong>: 30.</remarks>
    public int? PendingWindowDays { get; init; }
}
