using Amazon.CDK.AWS.S3;

namespace SecureSageMaker;

/// <summary>An input channel of a training job: a key prefix in a bucket the workspace admits.</summary>
public sealed class TrainingChannel
{
    /// <summary>Channel name (such as <c>train</c>), as the algorithm expects it: 1 to 64 letters, digits, dots, hyphens or underscores.</summary>
    public required string Name { get; init; }

    /// <summary>Key prefix of the channel's objects.</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>The bucket: the workspace's data bucket, model bucket or one of its input buckets.</summary>
    /// <remarks><strong>Default</strong>: the workspace's data bucket.</remarks>
    public IBucket? Bucket { get; init; }
}
