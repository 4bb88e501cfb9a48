namespace SecureSageMaker;

/// <summary>Props of <see cref="EncryptedEndpoint"/>.</summary>
public sealed record EncryptedEndpointProps
{
    /// <summary>The workspace the endpoint runs in (set for you by <see cref="SecureMlWorkspace.AddEndpoint"/>).</summary>
    public IMlWorkspace? Workspace { get; init; }

    /// <summary>The model the endpoint serves.</summary>
    public required IsolatedModel Model { get; init; }

    /// <summary>
    /// Name of the endpoint (1 to 54 letters, digits and hyphens). The endpoint is named <c>&lt;name&gt;-&lt;8 hex digits of
    /// the stack's id&gt;</c>, new with each creation of the stack, and so is its retained log group
    /// <c>/aws/sagemaker/Endpoints/&lt;endpoint name&gt;</c>: a re-created stack never collides with the group a deleted
    /// one kept. Read the full name from <see cref="EncryptedEndpoint.EndpointName"/> (a stack output).
    /// </summary>
    public required string EndpointName { get; init; }

    /// <summary>Instance type of the production variant (one SageMaker offers for hosting). Types with local NVMe storage cannot take a KMS key: it is omitted with warning <see cref="WarningIds.EndpointKmsKeyOmitted"/>.</summary>
    /// <remarks><strong>Default</strong>: <c>ml.m5.large</c>.</remarks>
    public string? InstanceType { get; init; }

    /// <summary>Instances behind the variant (1 to 1,000). Fewer than 2 raises warning <see cref="WarningIds.SingleInstanceEndpoint"/>.</summary>
    /// <remarks><strong>Default</strong>: 2, across availability zones.</remarks>
    public int? InitialInstanceCount { get; init; }

    /// <summary>
    /// Let the workspace's seats (notebook instances and Studio users) invoke the endpoint: it carries the workspace tag,
    /// and a seat may invoke only endpoints with its own workspace's tag, from inside the workspace's network.
    /// </summary>
    /// <remarks><strong>Default</strong>: false: invoke through <see cref="EncryptedEndpoint.GrantInvoke"/> only.</remarks>
    public bool? InvokableBySeats { get; init; }

    /// <summary>Percentage of requests and responses captured into the model bucket (0 to 100).</summary>
    /// <remarks><strong>Default</strong>: 100.</remarks>
    public int? DataCaptureSamplingPercentage { get; init; }
}
