namespace SecureSageMaker;

/// <summary>
/// Cross-region replication of a bucket: every new object version (and delete marker) is copied to a
/// bucket in another region, encrypted there with a KMS key of that region. A second copy of the data
/// in another region is what HIPAA, NIST 800-53 and PCI DSS reviews (cdk-nag S3BucketReplicationEnabled)
/// ask for. The destination bucket and key belong to another stack (of that region).
/// </summary>
public sealed class BucketReplication
{
    /// <summary>ARN of the destination bucket (versioned, in another region).</summary>
    public required string DestinationBucketArn { get; init; }

    /// <summary>ARN of the KMS key that encrypts the replicas, in the destination bucket's region.</summary>
    public required string DestinationKeyArn { get; init; }
}
