using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Route53Resolver;
using Constructs;

namespace SecureSageMaker;

/// <summary>
/// Closes the VPC's last path out: DNS. Instances resolve names through the VPC's Route 53 Resolver,
/// which forwards public names to the internet, so code can tunnel data out in queries
/// (<c>&lt;chunk&gt;.attacker.example</c>). A Route 53 Resolver DNS Firewall rule group allows the
/// domains of the workspace's interface endpoints and of S3 (priority 200), blocks every other domain
/// (a <c>*</c> list at priority 300), optionally blocks AWS-managed threat lists first (priority 100),
/// and is associated with the VPC with mutation protection. Fail-open stays at its default, disabled:
/// a resolver fault blocks queries rather than letting them through. Queries are logged to an
/// encrypted, retained log group.
/// </summary>
internal sealed class DnsFirewall : Construct
{
    /// <summary>Domains every workspace resolves beyond its endpoints: S3 (the gateway endpoint and image layers) and the instances' own names.</summary>
    internal static readonly string[] BaseDomains =
    {
        "s3.{region}.{suffix}", "*.s3.{region}.{suffix}", "*.s3-control.{region}.{suffix}",
        "{region}.compute.internal", "*.{region}.compute.internal", "ec2.internal", "*.ec2.internal",
    };

    private readonly CfnFirewallDomainList _allowList;
    private readonly SortedSet<string> _patterns = new(StringComparer.Ordinal);
    private readonly string _region;
    private readonly string _urlSuffix;

    public DnsFirewall(Construct scope, string id, IVpc vpc, IKey logsKey, RetentionDays retention, DnsFirewallProps settings)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        (_region, _urlSuffix) = (stack.Region, stack.UrlSuffix);
        foreach (var domain in BaseDomains.Concat(settings.AdditionalAllowedDomains ?? Array.Empty<string>()))
        {
            _ = _patterns.Add(domain);
        }

        _allowList = new CfnFirewallDomainList(this, "AllowedDomains", new CfnFirewallDomainListProps
        {
            Name = Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = 56 }) + "-allowed",
            Domains = Render(),
        });
        var everything = new CfnFirewallDomainList(this, "EveryDomain", new CfnFirewallDomainListProps
        {
            Name = Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = 53 }) + "-everything",
            Domains = new[] { "*" },
        });
        var rules = (settings.ManagedThreatListIds ?? Array.Empty<string>()).Select((list, i) => Rule(list, 100 + i, "BLOCK", settings)).ToList();
        rules.Add(Rule(_allowList.AttrId, 200, "ALLOW", settings));
        rules.Add(Rule(everything.AttrId, 300, "BLOCK", settings));
        RuleGroup = new CfnFirewallRuleGroup(this, "RuleGroup", new CfnFirewallRuleGroupProps
        {
            Name = Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = 64 }),
            FirewallRules = rules.ToArray(),
        });
        // Mutation protection blocks CloudFormation's own delete and replacement of the association
        // (Route 53 Resolver, "Associating a rule group with a VPC"): off unless asked for, since the
        // guardrails and SCPs deny DisassociateFirewallRuleGroup to everyone but break-glass and deployers.
        Association = new CfnFirewallRuleGroupAssociation(this, "Association", new CfnFirewallRuleGroupAssociationProps
        {
            FirewallRuleGroupId = RuleGroup.AttrId,
            VpcId = vpc.VpcId,
            Priority = 101,
            MutationProtection = settings.MutationProtection == true ? "ENABLED" : "DISABLED",
            Name = "SecureSageMaker",
        });

        QueryLogGroup = LogGroups.Create(this, "QueryLogGroup", logsKey, retention);
        var logging = new CfnResolverQueryLoggingConfig(this, "QueryLogging", new CfnResolverQueryLoggingConfigProps
        {
            DestinationArn = QueryLogGroup.LogGroupArn,
        });
        _ = new CfnResolverQueryLoggingConfigAssociation(this, "QueryLoggingAssociation", new CfnResolverQueryLoggingConfigAssociationProps
        {
            ResolverQueryLogConfigId = logging.AttrId,
            ResourceId = vpc.VpcId,
        });
    }

    public CfnFirewallRuleGroup RuleGroup { get; }

    /// <summary>The association of the rule group with the VPC: workloads that resolve names at start-up are created after it.</summary>
    public CfnFirewallRuleGroupAssociation Association { get; }

    public ILogGroup QueryLogGroup { get; }

    /// <summary>Allows the DNS names of an interface endpoint's service.</summary>
    public void Allow(InterfaceEndpointService service)
    {
        var before = _patterns.Count;
        _patterns.UnionWith(service.DnsNamePatterns);
        if (_patterns.Count != before)
        {
            _allowList.Domains = Render();
        }
    }

    private string[] Render() => _patterns.Select(p => p.Replace("{region}", _region, StringComparison.Ordinal).Replace("{suffix}", _urlSuffix, StringComparison.Ordinal)).ToArray();

    private static CfnFirewallRuleGroup.FirewallRuleProperty Rule(string domainListId, int priority, string action, DnsFirewallProps settings) => new()
    {
        FirewallDomainListId = domainListId,
        Priority = priority,
        Action = action,
        BlockResponse = action == "BLOCK" ? (settings.BlockResponse == DnsBlockResponse.NxDomain ? "NXDOMAIN" : "NODATA") : null,
    };
}
