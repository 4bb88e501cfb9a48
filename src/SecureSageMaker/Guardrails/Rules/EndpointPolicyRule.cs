namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-EP1: VPC endpoints have a policy, and interface endpoints private DNS.</summary>
internal sealed class EndpointPolicyRule : GuardrailRule
{
    public override string Id => RuleIds.EndpointPolicy;

    public override string What => "VPC endpoints have a PolicyDocument (not the allow-all default), and interface endpoints set PrivateDnsEnabled.";

    public override string Why => "An allow-all endpoint lets workloads reach other accounts' resources through PrivateLink; without private DNS, SDK calls go to public endpoints and hang.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::EC2::VPCEndpoint")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectPresent(resource.Get("PolicyDocument"), "The endpoint has no policy, so it allows everything.");
        var type = resource.Get("VpcEndpointType");
        if (JsonRead.IsIntrinsic(type))
        {
            p.Unverifiable("VpcEndpointType is an intrinsic function.");
        }
        else if (JsonRead.String(type) == "Interface")
        {
            p.ExpectTrue(resource.Get("PrivateDnsEnabled"), "PrivateDnsEnabled", "PrivateDnsEnabled is not true.");
        }

        return p.Finding;
    }
}
