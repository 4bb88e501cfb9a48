using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-SG1: no security group admits traffic from anywhere.</summary>
internal sealed class NoOpenIngressRule : GuardrailRule
{
    public override string Id => RuleIds.NoOpenIngress;

    public override string What => "No security group ingress rule from 0.0.0.0/0 or ::/0.";

    public override string Why => "Open ingress invites connections that can pull data out (cdk-nag EC23).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        IEnumerable<JsonNode?> rules;
        var p = new Problems();
        switch (resource.Type)
        {
            case "AWS::EC2::SecurityGroup":
                rules = p.List(resource.Get("SecurityGroupIngress"), "SecurityGroupIngress");
                break;
            case "AWS::EC2::SecurityGroupIngress":
                rules = new JsonNode?[] { resource.Properties };
                break;
            default:
                return RuleFinding.NotApplicable;
        }

        foreach (var rule in rules)
        {
            var v4 = JsonRead.Get(rule, "CidrIp");
            var v6 = JsonRead.Get(rule, "CidrIpv6");
            var cidr4 = JsonRead.Cidr(v4, resource.Template);
            var cidr6 = JsonRead.Cidr(v6, resource.Template);
            if ((v4 is not null && cidr4 is null) || (v6 is not null && cidr6 is null))
            {
                p.Unverifiable("An ingress rule's source CIDR is decided outside this template.");
            }
            else if (cidr4 == "0.0.0.0/0")
            {
                p.Breach("An ingress rule admits IPv4 traffic from anywhere (0.0.0.0/0).");
            }
            else if (cidr6 == "::/0")
            {
                p.Breach("An ingress rule admits IPv6 traffic from anywhere (::/0).");
            }
        }

        return p.Finding;
    }
}
