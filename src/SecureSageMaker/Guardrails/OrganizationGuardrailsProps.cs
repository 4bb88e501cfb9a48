namespace SecureSageMaker.Guardrails;

/// <summary>Props of <see cref="OrganizationGuardrails"/>.</summary>
public sealed class OrganizationGuardrailsProps
{
    /// <summary>Organizational unit ids (<c>ou-...</c>), account ids (12 digits) or the root id (<c>r-...</c>) the SCP is attached to.</summary>
    public required string[] TargetIds { get; init; }

    /// <summary>Name of the SCP.</summary>
    /// <remarks><strong>Default</strong>: <c>SecureSageMakerGuardrails</c>.</remarks>
    public string? PolicyName { get; init; }

    /// <summary>Principal tag key that exempts break-glass roles: a principal tagged with it set to <c>true</c> is not denied.</summary>
    /// <remarks><strong>Default</strong>: <c>SecureSageMakerBreakGlass</c>.</remarks>
    public string? ExemptionTagKey { get; init; }
}
