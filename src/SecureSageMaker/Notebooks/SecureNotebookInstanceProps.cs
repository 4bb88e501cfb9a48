namespace SecureSageMaker;

/// <summary>Props of <see cref="SecureNotebookInstance"/>.</summary>
public sealed record SecureNotebookInstanceProps
{
    /// <summary>The workspace the notebook lives in (set for you by <see cref="SecureMlWorkspace.AddNotebookInstance"/>).</summary>
    public IMlWorkspace? Workspace { get; init; }

    /// <summary>Name of the notebook instance (1 to 63 letters, digits and hyphens).</summary>
    /// <remarks><strong>Default</strong>: a name CloudFormation generates.</remarks>
    public string? NotebookInstanceName { get; init; }

    /// <summary>Instance type (<c>ml.*</c>, one SageMaker offers for notebook instances).</summary>
    /// <remarks><strong>Default</strong>: <c>ml.t3.medium</c>.</remarks>
    public string? InstanceType { get; init; }

    /// <summary>Size of the encrypted ML storage volume in GB (5 to 16384).</summary>
    /// <remarks><strong>Default</strong>: 20.</remarks>
    public int? VolumeSizeInGb { get; init; }

    /// <summary>Shell script run once when the instance is created. Lifecycle scripts run as root even with root access disabled: raises warning <see cref="WarningIds.NotebookLifecycleRunsAsRoot"/>.</summary>
    /// <remarks><strong>Default</strong>: no script of yours.</remarks>
    public string? OnCreateScript { get; init; }

    /// <summary>Shell script run at every start; same warning as <see cref="OnCreateScript"/>.</summary>
    /// <remarks><strong>Default</strong>: no script of yours.</remarks>
    public string? OnStartScript { get; init; }
}
