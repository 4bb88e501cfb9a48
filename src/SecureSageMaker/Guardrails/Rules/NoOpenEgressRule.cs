using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-SG2: no security group sends all protocols to anywhere.</summary>
internal sealed class NoOpenEgressRule : GuardrailRule
{
    public override string Id => RuleIds.NoOpenEgress;

    public override string What => "No security group egress rule of all protocols (-1) to 0.0.0.0/0 or ::/0.";

    public override string Why => "All-protocol egress to anywhere is the default CDK opens and the first hop of exfiltration if a route appears (EC2RestrictedCommonPorts).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        IEnumerable<JsonNode?> rules;
        var p = new Problems();
        switch (resource.Type)
        {
            case "AWS::EC2::SecurityGroup":
                rules = p.List(resource.Get("SecurityGroupEgress"), "SecurityGroupEgress");
                break;
            case "AWS::EC2::SecurityGroupEgress":
                rules = new JsonNode?[] { resource.Properties };
                break;
            default:
                return RuleFinding.NotApplicable;
        }

        foreach (var rule in rules)
        {
            var protocol = JsonRead.Get(rule, "IpProtocol");
            var v4 = JsonRead.Get(rule, "CidrIp");
            var v6 = JsonRead.Get(rule, "CidrIpv6");
            var cidr4 = JsonRead.Cidr(v4, resource.Template);
            var cidr6 = JsonRead.Cidr(v6, resource.Template);
            var allProtocols = JsonRead.String(protocol) is "-1" or "all";
            if (JsonRead.IsIntrinsic(protocol) || (allProtocols && ((v4 is not null && cidr4 is null) || (v6 is not null && cidr6 is null))))
            {
                p.Unverifiable("An egress rule's protocol, or the destination of an all-protocol rule, is decided outside this template.");
            }
            else if (allProtocols && (cidr4 == "0.0.0.0/0" || cidr6 == "::/0"))
            {
                p.Breach("An egress rule sends all protocols to anywhere.");
            }
        }

        return p.Finding;
    }
}
