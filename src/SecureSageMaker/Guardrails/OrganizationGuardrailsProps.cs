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

    /// <summary>
    /// Role ARN patterns of the principals that bootstrap member accounts and regions (<c>cdk bootstrap</c>
    /// creates and updates the roles <see cref="DeploymentPrincipalArns"/> name, which the SCPs protect).
    /// SCPs bind every principal of a member account, a role the management account assumes there included
    /// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html), so
    /// without one only break-glass principals can bootstrap. With <see cref="StackSetsExecution"/> the
    /// StackSets execution role is one.
    /// </summary>
    /// <remarks><strong>Default</strong>: none: bootstrap as a break-glass principal.</remarks>
    public string[]? BootstrapPrincipalArns { get; init; }

    /// <summary>
    /// Role ARN patterns of the principals that may pass the deployment roles to CloudFormation
    /// (<c>iam:PassRole</c>, and <c>cloudformation:CreateStack</c>, <c>UpdateStack</c>, <c>CreateChangeSet</c>,
    /// <c>CreateStackSet</c>, <c>UpdateStackSet</c> with <c>cloudformation:RoleArn</c> set to one), so that no
    /// one else borrows the deployers' exemption by deploying a template of their own with that role.
    /// </summary>
    /// <remarks><strong>Default</strong>: the CDK bootstrap's deploy roles, <c>arn:*:iam::*:role/cdk-*-deploy-role-*</c>.</remarks>
    public string[]? DeployRolePrincipalArns { get; init; }

    /// <summary>
    /// The organization deploys workspaces with service-managed CloudFormation StackSets: the StackSets
    /// execution role of each member account (<c>stacksets-exec-*</c>) becomes a deployer and a
    /// bootstrapper; no one in a member account but break-glass may change or pass it.
    /// </summary>
    /// <remarks><strong>Default</strong>: false.</remarks>
    public bool? StackSetsExecution { get; init; }

    /// <summary>
    /// Whether to create the data-perimeter SCP (<see cref="DataPerimeterStatements"/>): network paths out of a
    /// workspace's VPC, resource policies that open data, detective controls, the package mirror, channels out of
    /// isolated compute and presigned URLs. Turning it off raises warning <see cref="WarningIds.DataPerimeterOff"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: true.</remarks>
    public bool? DataPerimeter { get; init; }

    /// <summary>
    /// Where the data-perimeter SCP is attached, when not on <see cref="TargetIds"/>: a target takes five SCPs, and
    /// the guardrails (up to three), the data perimeter and FullAWSAccess fill them; an OU that AWS Control Tower
    /// governs also carries Control Tower's SCPs, so attach the perimeter to its parent OU or to the accounts.
    /// </summary>
    /// <remarks><strong>Default</strong>: <see cref="TargetIds"/>.</remarks>
    public string[]? DataPerimeterTargetIds { get; init; }

    /// <summary>
    /// The company's egress CIDRs from which presigned notebook, Studio and MLflow URLs may be created in the target
    /// accounts (the data perimeter's <c>DenyPresignedUrlsFromOutside</c>); through a VPC endpoint they always may.
    /// </summary>
    /// <remarks><strong>Default</strong>: none: presigned URLs only through VPC endpoints.</remarks>
    public string[]? PresignedUrlSourceCidrs { get; init; }

    /// <summary>Opt-ins: unguarded actions to allow in every target account; each raises warning <see cref="WarningIds.UnguardedComputeAllowed"/>.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public GuardrailOptions? Options { get; init; }
}
