namespace SecureSageMaker.Training;

/// <summary>Props of <see cref="JobWorkflow"/>.</summary>
public sealed class JobWorkflowProps
{
    /// <summary>Name of the SageMaker pipeline (1 to 63 letters, digits and hyphens); also names the published request.</summary>
    public required string Name { get; init; }

    /// <summary>The job: a <see cref="TrainingJobDefinition"/> or a <see cref="ProcessingJobDefinition"/>.</summary>
    public required JobDefinition Definition { get; init; }
}
