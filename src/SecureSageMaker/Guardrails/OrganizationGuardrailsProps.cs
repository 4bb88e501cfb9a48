namespace SecureSageMaker.Guardrails;

/// <summary>Props of <see cref="OrganizationGuardrails"/>.</summary>
public sealed class OrganizationGuardrailsProps
{
    /// <summary>Organizational unit ids (<c>ou-...</c>), account ids (12 digits) or the root id (<c>r-...</c>) the SCPs are attached to (literals or tokens).</summary>
    public required string[] TargetIds { get; init; }

    /// <summary>Name of the SCP; a second and later part get <c>-2</c>, <c>-3</c>.</summary>
    /// <remarks><strong>Default</strong>: <c>SecureSageMakerGuardrails</c>.</remarks>
    public string? PolicyName { get; init; }

    /// <summary>
    /// IAM role ARNs (or patterns: the account may be <c>*</c>, the name may end in <c>*</c> after a
    /// literal prefix) exempt from every statement: break-glass administrators. No other principal may
    /// create, change or delete roles that match them, so the exemption cannot be claimed.
    /// </summary>
    /// <remarks><strong>Default</strong>: none: nobody is exempt.</remarks>
    public string[]? BreakGlassPrincipalArns { get; init; }

    /// <summary>
    /// Role ARN patterns of the deployments (CloudFormation execution roles), exempt only from the
    /// statements that guard the workspace's own infrastructure (DNS firewall, lifecycle configurations,
    /// execution roles), never from those that guard what runs.
    /// </summary>
    /// <remarks><strong>Default</strong>: the CDK bootstrap's CloudFormation execution roles, <c>arn:*:iam::*:role/cdk-*-cfn-exec-role-*</c>.</remarks>
    public string[]? DeploymentPrincipalArns { get; init; }

    /// <summary>Opt-ins: unguarded actions to allow in every target account; each raises warning <see cref="WarningIds.UnguardedComputeAllowed"/>.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public GuardrailOptions? Options { get; init; }
}
