using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;

namespace SecureSageMaker;

/// <summary>What a <see cref="SecureBucket"/> holds.</summary>
public enum SecureBucketKind
{
    /// <summary>Data: SSE-KMS with a customer-managed key, a VPC-endpoint perimeter, access logging.</summary>
    Data,

    /// <summary>
    /// The target of other buckets' server access logs: SSE-S3 (S3 delivers access logs only to
    /// SSE-S3 targets), writable only by the S3 logging service for this account's buckets, not itself
    /// logged (it would log into itself).
    /// </summary>
    ServerAccessLogs,
}

/// <summary>Props of <see cref="SecureBucket"/>. Every property is optional; the defaults hold every control.</summary>
public sealed class SecureBucketProps
{
    /// <summary>What the bucket holds.</summary>
    /// <remarks><strong>Default</strong>: <see cref="SecureBucketKind.Data"/>.</remarks>
    public SecureBucketKind? Kind { get; init; }

    /// <summary>The customer-managed key of SSE-KMS (data buckets only).</summary>
    /// <remarks><strong>Default</strong>: a new customer-managed key with rotation, retained.</remarks>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The bucket that receives this bucket's server access logs (one of kind <see cref="SecureBucketKind.ServerAccessLogs"/>).</summary>
    /// <remarks><strong>Default</strong>: no server access logging.</remarks>
    public SecureBucket? ServerAccessLogsBucket { get; init; }

    /// <summary>Key prefix of this bucket's access logs in <see cref="ServerAccessLogsBucket"/>.</summary>
    /// <remarks><strong>Default</strong>: the construct id followed by a slash.</remarks>
    public string? ServerAccessLogsPrefix { get; init; }

    /// <summary>
    /// The S3 VPC endpoint that data access must come through (<c>aws:SourceVpce</c>). Access from
    /// elsewhere is denied, except for requests SageMaker makes first (<c>aws:CalledViaFirst</c>
    /// <c>sagemaker.amazonaws.com</c>) and for <see cref="BreakGlassPrincipalArns"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: no network perimeter; a data bucket raises warning <see cref="WarningIds.BucketWithoutNetworkPerimeter"/>.</remarks>
    public IVpcEndpoint? AllowedVpcEndpoint { get; init; }

    /// <summary>
    /// ARNs of IAM roles (or users) exempt from the network perimeter: administrators who reach the data
    /// from outside the workspace. Each names one account; a wildcard is allowed only at the end of a
    /// name after a literal prefix (SSO roles: <c>.../AWSReservedSSO_Admin_*</c>).
    /// </summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public string[]? BreakGlassPrincipalArns { get; init; }

    /// <summary>
    /// Role ARN patterns of SageMaker execution roles that may read from outside the network: SageMaker
    /// checks a model's artifact with the execution role from its own infrastructure when the model is
    /// created. Read-only; writes stay inside the perimeter.
    /// </summary>
    internal string[]? ExecutionRoleArnPatterns { get; init; }

    /// <summary>Replicate the bucket to another region (data buckets only). The replication role may read from outside the network perimeter, read only.</summary>
    /// <remarks><strong>Default</strong>: no replication; versioning and retention keep every version in this region.</remarks>
    public BucketReplication? Replication { get; init; }

    /// <summary>
    /// Turn on S3 Object Lock with a default retention in governance mode: no object version can be
    /// deleted or overwritten for this long (except by a principal allowed to bypass governance).
    /// Decide at creation: turning it on later may replace the bucket.
    /// </summary>
    /// <remarks><strong>Default</strong>: no Object Lock (data science workflows overwrite and delete data; versioning keeps the history).</remarks>
    public Duration? ObjectLockRetention { get; init; }

    /// <summary>Delete noncurrent object versions after this long (at least one day).</summary>
    /// <remarks><strong>Default</strong>: old versions are kept forever (nothing is lost).</remarks>
    public Duration? NoncurrentVersionExpiration { get; init; }
}
