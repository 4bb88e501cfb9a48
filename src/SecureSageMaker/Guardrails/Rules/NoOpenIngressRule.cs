using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-SG1: no security group admits traffic from anywhere.</summary>
public sealed class NoOpenIngressRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-SG1";

    /// <inheritdoc />
    public override string What => "No security group ingress rule from 0.0.0.0/0 or ::/0.";

    /// <inheritdoc />
    public override string Why => "Open ingress invites connections that can pull data out (cdk-nag EC23).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::EC2::SecurityGroup" or "AWS::EC2::SecurityGroupIngress";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        IEnumerable<JsonNode?> rules = resource.Type switch
        {
            "AWS::EC2::SecurityGroup" => Json.Items(resource.Get("SecurityGroupIngress")),
            "AWS::EC2::SecurityGroupIngress" => new JsonNode?[] { resource.Properties },
            _ => Array.Empty<JsonNode?>(),
        };
        if (resource.Type is not ("AWS::EC2::SecurityGroup" or "AWS::EC2::SecurityGroupIngress"))
        {
            return RuleFinding.NotApplicable;
        }

        return rules.Any(r => Json.AsString(Json.Get(r, "CidrIp")) == "0.0.0.0/0" || Json.AsString(Json.Get(r, "CidrIpv6")) == "::/0")
            ? RuleFinding.NonCompliant("An ingress rule admits traffic from anywhere.")
            : RuleFinding.Compliant;
    }
}
