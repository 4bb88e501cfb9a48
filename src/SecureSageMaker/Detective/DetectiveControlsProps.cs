namespace SecureSageMaker;

/// <summary>Props of <see cref="DetectiveControls"/> (<see cref="SecureMlWorkspaceProps.DetectiveControls"/>).</summary>
public sealed class DetectiveControlsProps
{
    /// <summary>
    /// Create an AWS Config configuration recorder and delivery channel (to a KMS-encrypted, retained
    /// bucket) for an account that has none. An account has at most one recorder per region: leave it
    /// off where the organization runs AWS Config centrally.
    /// </summary>
    /// <remarks><strong>Default</strong>: false.</remarks>
    public bool? CreateRecorder { get; init; }
}
