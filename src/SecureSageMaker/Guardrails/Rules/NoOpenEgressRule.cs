using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-SG2: no security group sends all protocols to anywhere.</summary>
public sealed class NoOpenEgressRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-SG2";

    /// <inheritdoc />
    public override string What => "No security group egress rule of all protocols (-1) to 0.0.0.0/0 or ::/0.";

    /// <inheritdoc />
    public override string Why => "All-protocol egress to anywhere is the default CDK opens and the first hop of exfiltration if a route appears (EC2RestrictedCommonPorts).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::EC2::SecurityGroup" or "AWS::EC2::SecurityGroupEgress";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        IEnumerable<JsonNode?> rules;
        switch (resource.Type)
        {
            case "AWS::EC2::SecurityGroup":
                rules = Json.Items(resource.Get("SecurityGroupEgress"));
                break;
            case "AWS::EC2::SecurityGroupEgress":
                rules = new JsonNode?[] { resource.Properties };
                break;
            default:
                return RuleFinding.NotApplicable;
        }

        return rules.Any(r => Json.AsString(Json.Get(r, "IpProtocol")) is "-1" or "all"
                && (Json.AsString(Json.Get(r, "CidrIp")) == "0.0.0.0/0" || Json.AsString(Json.Get(r, "CidrIpv6")) == "::/0"))
            ? RuleFinding.NonCompliant("An egress rule sends all protocols to anywhere.")
            : RuleFinding.Compliant;
    }
}
