using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-VP2: every VPC in the template has a DNS firewall that blocks every domain it does not allow.</summary>
internal sealed class DnsFirewallRule : GuardrailRule
{
    public override string Id => RuleIds.DnsFirewall;

    public override string What => "Each VPC in the template is associated with DNS Firewall rule groups whose first deciding rule on an unlisted name, in Route 53 Resolver's order (association priority, then rule priority), is a BLOCK of a '*' domain list; no ALLOW before it allows '*' or is unreadable, and no group before it is outside the template.";

    public override string Why => "The VPC's resolver forwards public names to the internet: without a block-by-default firewall, code can tunnel data out in DNS queries.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::EC2::VPC")
        {
            return RuleFinding.NotApplicable;
        }

        var associations = resource.Template.Values
            .Where(r => r.Type == "AWS::Route53Resolver::FirewallRuleGroupAssociation" && JsonRead.ReferencedId(r.Get("VpcId")) == resource.LogicalId)
            .ToList();
        if (associations.Count == 0)
        {
            return RuleFinding.NonCompliant("No DNS firewall rule group is associated with the VPC.");
        }

        // Route 53 Resolver evaluates the rule groups associated with a VPC in ascending association priority, and each group's
        // rules in ascending priority; the first ALLOW or BLOCK rule that matches decides (ALERT goes on). So the effective
        // behaviour is the first catch-all BLOCK in that order, unless an ALLOW before it lets every name through. An unknown
        // priority is taken as first (fail closed); a group or list the template cannot show, before the catch-all, cannot be
        // verified; what comes after the catch-all is never reached.
        var ordered = associations
            .Select(a => (Priority: JsonRead.Int(a.Get("Priority")), Group: resource.Template.GetValueOrDefault(JsonRead.ReferencedId(a.Get("FirewallRuleGroupId")) ?? string.Empty)))
            .OrderBy(a => a.Priority ?? int.MinValue)
            .ToList();
        foreach (var (priority, group) in ordered)
        {
            var where = "the rule group at association priority " + (priority?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(decided at deploy time)");
            if (group is null)
            {
                return RuleFinding.CannotVerify("The VPC's DNS firewall evaluates " + where + ", which is outside this template, before any rule that blocks every other domain.");
            }

            var rules = JsonRead.Items(group.Get("FirewallRules")).OrderBy(r => JsonRead.Int(JsonRead.Get(r, "Priority")) ?? int.MinValue).ToList();
            foreach (var rule in rules)
            {
                var action = JsonRead.String(JsonRead.Get(rule, "Action"));
                var domains = DomainsOf(group, rule);
                if (action == "ALLOW" && domains.Any(d => d is not null && d.Trim('.') == "*"))
                {
                    return RuleFinding.NonCompliant("The VPC's DNS firewall allows every domain in " + where + " before any rule blocks the rest: an earlier ALLOW of '*' defeats a later BLOCK.");
                }

                if (action == "ALLOW" && domains.Any(d => d is null))
                {
                    return RuleFinding.CannotVerify("An ALLOW domain list of " + where + " holds a value decided at deploy time (a parameter, an import, or a list outside the template), before any rule that blocks every other domain: it could allow every domain.");
                }

                if (action == "BLOCK" && domains.Contains("*"))
                {
                    return RuleFinding.Compliant;
                }
            }
        }

        return RuleFinding.NonCompliant("The VPC's DNS firewall does not block every domain it does not allow (no BLOCK rule on a '*' list after the ALLOW rules, in any rule group associated with it).");
    }

    /// <summary>
    /// Whether a rule group blocks a catch-all domain list at a lower precedence than every ALLOW rule,
    /// and allows no catch-all itself (an ALLOW of '*' before the BLOCK reopens every name).
    /// </summary>
    internal static bool BlocksEverythingElse(ResourceView group)
    {
        var rules = JsonRead.Items(group.Get("FirewallRules")).ToList();
        if (AllowRules(group).Any(r => DomainsOf(group, r).Any(d => d is not null && d.Trim('.') == "*")))
        {
            return false;
        }

        var catchAll = rules
            .Where(r => JsonRead.String(JsonRead.Get(r, "Action")) == "BLOCK" && DomainsOf(group, r).Contains("*"))
            .Select(r => JsonRead.Int(JsonRead.Get(r, "Priority")) ?? int.MinValue)
            .DefaultIfEmpty(int.MinValue).Max();
        var lastAllow = rules.Where(r => JsonRead.String(JsonRead.Get(r, "Action")) == "ALLOW")
            .Select(r => JsonRead.Int(JsonRead.Get(r, "Priority")) ?? int.MaxValue)
            .DefaultIfEmpty(int.MinValue).Max();
        return catchAll != int.MinValue && catchAll > lastAllow;
    }

    /// <summary>The domain patterns a rule group allows (those it can read).</summary>
    internal static IReadOnlyList<string> AllowedDomains(ResourceView group) =>
        AllowRules(group).SelectMany(r => DomainsOf(group, r)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Whether every ALLOW list of the group can be read from the template.</summary>
    internal static bool AllowListsReadable(ResourceView group) => AllowRules(group).All(r => DomainsOf(group, r).All(d => d is not null));

    private static IEnumerable<JsonNode?> AllowRules(ResourceView group) =>
        JsonRead.Items(group.Get("FirewallRules")).Where(r => JsonRead.String(JsonRead.Get(r, "Action")) == "ALLOW");

    /// <summary>
    /// The domains of a rule's list: literals, and joins of literals with the stack's pseudo parameters
    /// (region, URL suffix); null for anything else (a parameter, an import, a list outside the
    /// template), which could be '*'.
    /// </summary>
    private static IReadOnlyList<string?> DomainsOf(ResourceView group, JsonNode? rule)
    {
        var list = group.Template.GetValueOrDefault(JsonRead.ReferencedId(JsonRead.Get(rule, "FirewallDomainListId")) ?? string.Empty);
        if (list is null || JsonRead.IsIntrinsic(list.Get("Domains")))
        {
            return new string?[] { null };
        }

        return JsonRead.Items(list.Get("Domains")).Select(JsonRead.Text).ToList();
    }
}
