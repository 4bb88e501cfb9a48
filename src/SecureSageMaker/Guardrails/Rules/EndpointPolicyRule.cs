namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-EP1: VPC endpoints have a policy, and interface endpoints private DNS.</summary>
public sealed class EndpointPolicyRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-EP1";

    /// <inheritdoc />
    public override string What => "VPC endpoints have a PolicyDocument (not the allow-all default), and interface endpoints set PrivateDnsEnabled.";

    /// <inheritdoc />
    public override string Why => "An allow-all endpoint lets workloads reach other accounts' resources through PrivateLink; without private DNS, SDK calls go to public endpoints and hang.";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::EC2::VPCEndpoint";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::EC2::VPCEndpoint")
        {
            return RuleFinding.NotApplicable;
        }

        var problems = new List<string>();
        if (!resource.Has("PolicyDocument"))
        {
            problems.Add("The endpoint has no policy, so it allows everything.");
        }

        if (resource.GetString("VpcEndpointType") == "Interface" && !resource.IsTrue("PrivateDnsEnabled"))
        {
            problems.Add("PrivateDnsEnabled is not true.");
        }

        return RuleFinding.From(problems);
    }
}
