namespace SecureSageMaker.Studio;

/// <summary>Props of <see cref="SecureStudioDomain"/>.</summary>
public sealed class SecureStudioDomainProps
{
    /// <summary>Name of the domain (1 to 63 letters, digits and hyphens).</summary>
    public required string DomainName { get; init; }

    /// <summary>User profiles to create, by name (1 to 63 letters, digits and hyphens).</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public string[]? UserProfileNames { get; init; }
}
