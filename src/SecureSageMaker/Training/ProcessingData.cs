using Amazon.CDK.AWS.S3;

namespace SecureSageMaker;

/// <summary>A processing input or output: a key prefix in a bucket the workspace admits, and a path in the container under <c>/opt/ml/processing/</c>.</summary>
public sealed class ProcessingData
{
    /// <summary>Name of the input or output (unique within its list).</summary>
    public required string Name { get; init; }

    /// <summary>Key prefix in the bucket (required: a job does not read or write a whole bucket).</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>Path in the container, under <c>/opt/ml/processing/</c>.</summary>
    /// <remarks><strong>Default</strong>: <c>/opt/ml/processing/&lt;input|output&gt;/&lt;name&gt;</c>.</remarks>
    public string? LocalPath { get; init; }

    /// <summary>The bucket: for inputs the workspace's data or model bucket or an input bucket; for outputs the data or model bucket.</summary>
    /// <remarks><strong>Default</strong>: the workspace's data bucket.</remarks>
    public IBucket? Bucket { get; init; }
}
