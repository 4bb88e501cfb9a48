namespace SecureSageMaker;

/// <summary>Props of <see cref="JobWorkflow"/>.</summary>
public sealed record JobWorkflowProps
{
    /// <summary>The workspace the job runs in (set for you by <see cref="SecureMlWorkspace.AddJobWorkflow"/>).</summary>
    public IMlWorkspace? Workspace { get; init; }

    /// <summary>Name of the SageMaker pipeline (1 to 63 letters, digits and hyphens, unique in the account and region); also the default output prefix, and the description of the published request (whose SSM parameter name is generated).</summary>
    public required string Name { get; init; }

    /// <summary>The job: a <see cref="TrainingJobDefinition"/> or a <see cref="ProcessingJobDefinition"/>.</summary>
    public required JobDefinition Definition { get; init; }
}
