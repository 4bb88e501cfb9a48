namespace SecureSageMaker;

/// <summary>Props of <see cref="IsolatedModel"/>.</summary>
public sealed record IsolatedModelProps
{
    /// <summary>The workspace the model runs in (set for you by <see cref="SecureMlWorkspace.AddModel"/>).</summary>
    public IMlWorkspace? Workspace { get; init; }

    /// <summary>The inference image (an ECR image in the stack's region).</summary>
    public required ContainerImage Image { get; init; }

    /// <summary>The model artifact. Its bucket must exist before this stack deploys (see <see cref="ModelData"/>).</summary>
    /// <remarks><strong>Default</strong>: no artifact (the image holds the model).</remarks>
    public ModelData? ModelData { get; init; }

    /// <summary>Name of the model (1 to 63 letters, digits and hyphens).</summary>
    /// <remarks><strong>Default</strong>: a name CloudFormation generates.</remarks>
    public string? ModelName { get; init; }

    /// <summary>
    /// Environment variables of the container (names of letters, digits and underscores; at most 100).
    /// They are stored in the template in plain text: a name that looks like a secret raises warning
    /// <see cref="WarningIds.SecretInEnvironment"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
