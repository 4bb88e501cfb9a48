using Amazon.CDK.AWS.S3;

namespace SecureSageMaker.Training;

/// <summary>An input channel of a training job: a key prefix in a workspace bucket.</summary>
public sealed class TrainingChannel
{
    /// <summary>Channel name (such as <c>train</c>), as the algorithm expects it.</summary>
    public required string Name { get; init; }

    /// <summary>Key prefix of the channel's objects.</summary>
    /// <remarks><strong>Default</strong>: the whole bucket.</remarks>
    public string? KeyPrefix { get; init; }

    /// <summary>The bucket: the workspace's data bucket or one of its input buckets.</summary>
    /// <remarks><strong>Default</strong>: the workspace's data bucket.</remarks>
    public IBucket? Bucket { get; init; }
}
