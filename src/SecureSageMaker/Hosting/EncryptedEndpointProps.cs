namespace SecureSageMaker;

/// <summary>Props of <see cref="EncryptedEndpoint"/>.</summary>
public sealed record EncryptedEndpointProps
{
    /// <summary>The workspace the endpoint runs in (set for you by <see cref="SecureMlWorkspace.AddEndpoint"/>).</summary>
    public IMlWorkspace? Workspace { get; init; }

    /// <summary>The model the endpoint serves.</summary>
    public required IsolatedModel Model { get; init; }

    /// <summary>Name of the endpoint (1 to 63 letters, digits and hyphens); it also names its log group <c>/aws/sagemaker/Endpoints/&lt;name&gt;</c>.</summary>
    public required string EndpointName { get; init; }

    /// <summary>Instance type of the production variant (one SageMaker offers for hosting). Types with local NVMe storage cannot take a KMS key: it is omitted with warning <see cref="WarningIds.EndpointKmsKeyOmitted"/>.</summary>
    /// <remarks><strong>Default</strong>: <c>ml.m5.large</c>.</remarks>
    public string? InstanceType { get; init; }

    /// <summary>Instances behind the variant (1 to 1,000). Fewer than 2 raises warning <see cref="WarningIds.SingleInstanceEndpoint"/>.</summary>
    /// <remarks><strong>Default</strong>: 2, across availability zones.</remarks>
    public int? InitialInstanceCount { get; init; }

    /// <summary>Percentage of requests and responses captured into the model bucket (0 to 100).</summary>
    /// <remarks><strong>Default</strong>: 100.</remarks>
    public int? DataCaptureSamplingPercentage { get; init; }
}
