using Amazon.CDK.AWS.EC2;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests;

public class DnsFirewallTests
{
    private static Cfn Default => Shared.DefaultCfn;

    private static IReadOnlyList<string> Domains(Cfn cfn, string listPrefix) =>
        Cfn.At(cfn.Resource(listPrefix), "Properties", "Domains").AsArray().Select(d => d!.ToJsonString()).ToList();

    [Fact]
    public void RuleGroup_AllowsTheListAndBlocksEveryOtherDomain_WhenEveryDefault()
    {
        var (_, group) = Default.Single("AWS::Route53Resolver::FirewallRuleGroup");
        var rules = Cfn.At(group, "Properties", "FirewallRules").AsArray();
        var allow = rules.Single(r => (string?)r!["Action"] == "ALLOW")!;
        var block = rules.Single(r => (string?)r!["Action"] == "BLOCK")!;
        Assert.True(Cfn.Number(allow, "Priority") < Cfn.Number(block, "Priority"), "The BLOCK rule must come after the ALLOW rule.");
        Assert.Equal("NODATA", (string?)block["BlockResponse"]);
        Assert.Contains("WorkspaceNetworkDnsFirewallEveryDomain", block.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(new[] { "\"*\"" }, Domains(Default, "WorkspaceNetworkDnsFirewallEveryDomain"));
    }

    [Fact]
    public void Association_BindsTheRuleGroupToTheVpc_WithoutMutationProtection_WhenEveryDefault()
    {
        // Mutation protection blocks CloudFormation's delete and replacement of the association: off by default.
        var (_, association) = Default.Single("AWS::Route53Resolver::FirewallRuleGroupAssociation");
        Assert.Contains("WorkspaceNetworkVpc", Cfn.Text(association, "Properties", "VpcId"), StringComparison.Ordinal);
        Assert.Equal("\"DISABLED\"", Cfn.Text(association, "Properties", "MutationProtection"));
    }

    [Fact]
    public void QueryLogs_GoToAnEncryptedRetainedLogGroup_ForTheVpc()
    {
        var (_, config) = Default.Single("AWS::Route53Resolver::ResolverQueryLoggingConfig");
        Assert.Contains("WorkspaceNetworkDnsFirewallQueryLogGroup", Cfn.Text(config, "Properties", "DestinationArn"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceNetworkVpc", Cfn.Text(Default.Single("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation").Resource, "Properties", "ResourceId"), StringComparison.Ordinal);
        var group = Default.Resource("WorkspaceNetworkDnsFirewallQueryLogGroup");
        Assert.Contains("WorkspaceKeysLogsKey", Cfn.Text(group, "Properties", "KmsKeyId"), StringComparison.Ordinal);
        Assert.Equal("Retain", (string?)group["DeletionPolicy"]);
    }

    [Fact]
    public void AllowList_HoldsTheDomainsOfEveryEndpointInTheCatalogEntry_AndS3()
    {
        var domains = string.Join(" ", Domains(Default, "WorkspaceNetworkDnsFirewallAllowedDomains"));
        foreach (var expected in new[] { "api.sagemaker.", "runtime.sagemaker.", "sts.", "logs.", "monitoring.", "api.ecr.", "*.dkr.ecr.", "kms.", "*.s3." })
        {
            Assert.Contains("\"" + expected + "eu-west-1.", domains, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("ssm.", domains, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowList_GainsAServicesDomains_WhenItsEndpointIsAdded()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();

        // WHEN
        _ = workspace.Network.AddInterfaceEndpoint(InterfaceEndpointService.Ssm);

        // THEN
        Assert.Contains(Domains(TestStacks.Synth(stack), "WorkspaceNetworkDnsFirewallAllowedDomains"), d => d.Contains("\"ssm.eu-west-1.", StringComparison.Ordinal));
        Assert.All(InterfaceEndpointService.Catalog, s => Assert.NotEmpty(s.DnsNamePatterns));
    }

    [Fact]
    public void AllowList_TakesAdditionalDomains_AndWarnsOnAWholeTopLevelDomain()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { AdditionalAllowedDomains = new[] { "repo.example.internal", "*.com" } } },
        });

        // THEN
        Assert.Contains("\"repo.example.internal\"", Domains(TestStacks.Synth(stack), "WorkspaceNetworkDnsFirewallAllowedDomains"));
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.BroadDnsAllowList, StringComparison.Ordinal) && w.Contains("*.com", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("not a domain")]
    public void AllowList_RejectsADomain_ThatWouldAllowEverythingOrIsInvalid(string domain)
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { AdditionalAllowedDomains = new[] { domain } } },
        }));
        Assert.Contains("DnsFirewall.AdditionalAllowedDomains: received '" + domain + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SaysWeakened_WhenTheAllowListHasAWholeTopLevelDomain()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { AdditionalAllowedDomains = new[] { "*.com" } } },
        });

        var row = TestStacks.Report(stack).Split('\n').Single(l => l.Contains("DNS firewall: allow-list", StringComparison.Ordinal));
        Assert.Contains("| **weakened** |", row, StringComparison.Ordinal);
        Assert.Contains("`*.com`", row, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowList_RejectsADomainDecidedAtDeployTime()
    {
        var stack = TestStacks.Create();
        var domain = new Amazon.CDK.CfnParameter(stack, "Domain", new Amazon.CDK.CfnParameterProps { Type = "String", Default = "*" }).ValueAsString;

        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { AdditionalAllowedDomains = new[] { domain } } },
        }));

        Assert.Contains("DnsFirewall.AdditionalAllowedDomains: received", error.Message, StringComparison.Ordinal);
        Assert.Contains("decided at deploy time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowList_OverriddenToAllowEverything_FailsSynth_AndTheReportSaysSo()
    {
        // GIVEN the allow-list overridden to '*' (the BLOCK rule still follows the ALLOW rule)
        var (stack, workspace) = TestStacks.Workspace();
        var list = (Amazon.CDK.CfnResource)workspace.Network.Node.FindChild("DnsFirewall").Node.FindChild("AllowedDomains");
        list.AddPropertyOverride("Domains", new[] { "*" });

        // THEN
        Assert.Contains(TestStacks.Errors(stack), e => e.StartsWith("[" + RuleIds.DnsFirewall + "]", StringComparison.Ordinal));
        var row = TestStacks.Report(stack).Split('\n').Single(l => l.Contains("DNS firewall: allow-list", StringComparison.Ordinal));
        Assert.DoesNotContain("| **on** |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAllowAllRuleGroup_EvaluatedFirst_FailsSynth_AndTheReportRowSaysOff()
    {
        // GIVEN a second rule group that allows every domain, associated with the workspace's VPC at a lower priority (evaluated first)
        var (stack, workspace) = TestStacks.Workspace();
        var every = new Amazon.CDK.AWS.Route53Resolver.CfnFirewallDomainList(stack, "Every", new Amazon.CDK.AWS.Route53Resolver.CfnFirewallDomainListProps { Domains = new[] { "*" } });
        var open = new Amazon.CDK.AWS.Route53Resolver.CfnFirewallRuleGroup(stack, "Open", new Amazon.CDK.AWS.Route53Resolver.CfnFirewallRuleGroupProps
        {
            FirewallRules = new[] { new Amazon.CDK.AWS.Route53Resolver.CfnFirewallRuleGroup.FirewallRuleProperty { Action = "ALLOW", Priority = 1, FirewallDomainListId = every.AttrId } },
        });
        _ = new Amazon.CDK.AWS.Route53Resolver.CfnFirewallRuleGroupAssociation(stack, "OpenFirst", new Amazon.CDK.AWS.Route53Resolver.CfnFirewallRuleGroupAssociationProps
        {
            FirewallRuleGroupId = open.AttrId, VpcId = workspace.Vpc.VpcId, Priority = 100,
        });

        // THEN the checker and the report agree: the earlier ALLOW of '*' defeats the workspace's BLOCK
        Assert.Contains(TestStacks.Errors(stack), e => e.StartsWith("[" + RuleIds.DnsFirewall + "]", StringComparison.Ordinal) && e.Contains("earlier ALLOW", StringComparison.Ordinal));
        var row = TestStacks.Report(stack).Split('\n').Single(l => l.Contains("DNS firewall: allow-list", StringComparison.Ordinal));
        Assert.Contains("earlier ALLOW", row, StringComparison.Ordinal);
        Assert.DoesNotContain("| **on** |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Firewall_IsAbsent_AndWarns_WhenDisabled()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { Enabled = false } } });

        // THEN: the warning, and the checker's rule on the VPC, which the test acknowledges to look at the rest
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.DnsFirewallDisabled, StringComparison.Ordinal));
        Assert.Contains(TestStacks.Errors(stack), e => e.StartsWith("[" + RuleIds.DnsFirewall + "]", StringComparison.Ordinal));
    }

    [Fact]
    public void Firewall_BlocksThreatListsFirst_AndAnswersNxDomain_WhenAsked()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { BlockResponse = DnsBlockResponse.NxDomain, ManagedThreatListIds = new[] { "rslvr-fdl-0123456789abcdef" } } },
        });

        // THEN
        var rules = Cfn.At(TestStacks.Synth(stack).Single("AWS::Route53Resolver::FirewallRuleGroup").Resource, "Properties", "FirewallRules").AsArray();
        Assert.Equal("rslvr-fdl-0123456789abcdef", (string?)rules.MinBy(r => Cfn.Number(r!, "Priority"))!["FirewallDomainListId"]);
        Assert.All(rules.Where(r => (string?)r!["Action"] == "BLOCK"), r => Assert.Equal("NXDOMAIN", (string?)r!["BlockResponse"]));
    }

    [Fact]
    public void BroughtVpc_GovernedElsewhere_GetsNoFirewall_AndWarnsWithTheRuleGroup()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var vpc = new Vpc(stack, "Existing", new VpcProps
        {
            NatGateways = 0, MaxAzs = 2, CreateInternetGateway = false,
            SubnetConfiguration = new ISubnetConfiguration[] { new SubnetConfiguration { Name = "Isolated", SubnetType = SubnetType.PRIVATE_ISOLATED } },
        });

        // WHEN
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { Vpc = vpc, DnsFirewall = new DnsFirewallProps { ExistingRuleGroupId = "rslvr-frg-0123456789abcdef" } },
        });
        Acknowledge.Finding(vpc, RuleIds.DnsFirewall, "The platform's central DNS firewall governs this VPC.");

        // THEN
        Assert.Empty(TestStacks.Synth(stack).OfType("AWS::Route53Resolver::FirewallRuleGroup"));
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.DnsFirewallDisabled, StringComparison.Ordinal) && w.Contains("rslvr-frg-0123456789abcdef", StringComparison.Ordinal));
    }
}

/// <summary>Wildcards in disguise (issue 24.1): the allow-list is judged against the Public Suffix List.</summary>
public class PublicSuffixTests
{
    [Theory]
    [InlineData("*.eu.org", true)]
    [InlineData("*.co.uk", true)]
    [InlineData("*.com", true)]
    [InlineData("*.github.io", true)]
    [InlineData("*.example.co.uk", false)]
    [InlineData("*.corp.example.com", false)]
    [InlineData("repo.eu.org", false)]
    [InlineData("*.s3.eu-west-1.amazonaws.com", false)]
    [InlineData("*.eu-west-1.compute.internal", false)]
    public void Wildcard_IsBroad_ExactlyWhenItsBaseIsAPublicSuffix(string domain, bool broad) =>
        Assert.Equal(broad, PrivateNetwork.IsBroad(domain));

    [Fact]
    public void WildcardOverAPrivateSuffix_RaisesBroadDnsAllowList_AndTheReportSaysWeakened()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { AdditionalAllowedDomains = new[] { "*.eu.org" } } },
        });
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.BroadDnsAllowList, StringComparison.Ordinal) && w.Contains("*.eu.org", StringComparison.Ordinal));
        Assert.Contains("**weakened**", TestStacks.Report(stack).Split('\n').First(l => l.Contains("| DNS firewall:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
