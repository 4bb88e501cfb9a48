using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;

namespace SecureSageMaker.Storage;

/// <summary>Props of <see cref="SecureBucket"/>.</summary>
public sealed class SecureBucketProps
{
    /// <summary>
    /// The customer-managed key of SSE-KMS. Without it the bucket uses SSE-S3, which is what S3 server
    /// access logging requires of its target bucket; only access-log buckets should go without one.
    /// </summary>
    /// <remarks><strong>Default</strong>: SSE-S3 (for access-log buckets only).</remarks>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The bucket that receives this bucket's server access logs.</summary>
    /// <remarks><strong>Default</strong>: no access logging (for the access-log bucket itself).</remarks>
    public SecureBucket? AccessLogsBucket { get; init; }

    /// <summary>Key prefix of this bucket's access logs in <see cref="AccessLogsBucket"/>.</summary>
    /// <remarks><strong>Default</strong>: the construct id followed by a slash.</remarks>
    public string? AccessLogsPrefix { get; init; }

    /// <summary>
    /// Id of the S3 VPC endpoint that data access must come through (<c>aws:SourceVpce</c>). Access
    /// from elsewhere is denied, except by AWS services acting for the account and by
    /// <see cref="BreakGlassPrincipalArns"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: no network perimeter (for the access-log bucket only).</remarks>
    public string? RequiredVpcEndpointId { get; init; }

    /// <summary>IAM role or user ARNs (wildcards allowed after the account) exempt from the network perimeter: administrators who reach the data from outside the workspace.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public string[]? BreakGlassPrincipalArns { get; init; }

    /// <summary>Delete noncurrent object versions after this long.</summary>
    /// <remarks><strong>Default</strong>: old versions are kept forever (nothing is lost).</remarks>
    public Duration? NoncurrentVersionExpiration { get; init; }
}
