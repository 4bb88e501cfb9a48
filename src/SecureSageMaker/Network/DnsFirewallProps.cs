namespace SecureSageMaker;

/// <summary>How a blocked DNS query is answered.</summary>
public enum DnsBlockResponse
{
    /// <summary>An empty answer: the name exists but has no record of the type asked for.</summary>
    NoData,

    /// <summary>The name does not exist.</summary>
    NxDomain,
}

/// <summary>Props of the DNS firewall of a workspace's VPC (<see cref="PrivateNetworkProps.DnsFirewall"/>).</summary>
public sealed record DnsFirewallProps
{
    /// <summary>Whether the workspace creates the firewall. Turning it off raises warning <see cref="WarningIds.DnsFirewallDisabled"/>: DNS queries can then carry data out.</summary>
    /// <remarks><strong>Default</strong>: true.</remarks>
    public bool? Enabled { get; init; }

    /// <summary>
    /// For a brought VPC that another DNS firewall rule group already governs: its id
    /// (<c>rslvr-frg-...</c>). The workspace then adds none of its own and raises warning
    /// <see cref="WarningIds.DnsFirewallDisabled"/> naming it; the report marks the row "cannot verify".
    /// </summary>
    /// <remarks><strong>Default</strong>: none: the workspace associates its own rule group.</remarks>
    public string? ExistingRuleGroupId { get; init; }

    /// <summary>How blocked queries are answered.</summary>
    /// <remarks><strong>Default</strong>: <see cref="DnsBlockResponse.NoData"/>.</remarks>
    public DnsBlockResponse? BlockResponse { get; init; }

    /// <summary>
    /// More domains to allow, for private hosts the workloads must reach (an internal repository, a
    /// private hosted zone): <c>repo.example.internal</c> or <c>*.example.internal</c>. A bare <c>*</c> is
    /// an error; a wildcard over a whole top-level domain raises warning <see cref="WarningIds.BroadDnsAllowList"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public string[]? AdditionalAllowedDomains { get; init; }

    /// <summary>
    /// Turn on the association's mutation protection, so that nobody (not even CloudFormation) can
    /// disassociate the rule group from the VPC. Off by default: Route 53 Resolver refuses to delete or
    /// replace a protected association, so <c>cdk destroy</c> and any update that replaces the
    /// association fail, while the workspace guardrail policy and the organization SCPs already deny
    /// disassociation to everyone but break-glass principals and deployers. Before deleting a stack
    /// with it on, update the stack with it off (README, "Deploying and deleting").
    /// See https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-associating-rule-group.html.
    /// </summary>
    /// <remarks><strong>Default</strong>: false.</remarks>
    public bool? MutationProtection { get; init; }

    /// <summary>Ids of AWS-managed domain lists (<c>rslvr-fdl-...</c>: malware, botnet command and control) to block before the allow-list is consulted.</summary>
    /// <remarks><strong>Default</strong>: none (the allow-list already blocks every domain it does not name).</remarks>
    public string[]? ManagedThreatListIds { get; init; }
}
