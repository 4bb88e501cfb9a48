namespace SecureSageMaker;

/// <summary>Props of <see cref="SecureStudioDomain"/>.</summary>
public sealed record SecureStudioDomainProps
{
    /// <summary>The workspace the domain lives in (set for you by <see cref="SecureMlWorkspace.AddStudioDomain"/>).</summary>
    public IMlWorkspace? Workspace { get; init; }

    /// <summary>Name of the domain (1 to 63 letters, digits and hyphens).</summary>
    public required string DomainName { get; init; }

    /// <summary>User profiles to create, by name (1 to 63 letters, digits and hyphens). Each becomes a construct <c>User&lt;PascalName&gt;</c>.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public string[]? UserProfileNames { get; init; }
}
