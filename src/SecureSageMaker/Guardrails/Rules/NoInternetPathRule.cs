namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-VP1: no internet gateway, NAT gateway, default route or public IP mapping.</summary>
public sealed class NoInternetPathRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-VP1";

    /// <inheritdoc />
    public override string What => "No internet gateway, egress-only internet gateway, NAT gateway or EIP, no route to 0.0.0.0/0 or ::/0, and no subnet that maps public IPs.";

    /// <inheritdoc />
    public override string Why => "Any of these gives workloads a path out that bypasses PrivateLink (vpc-no-unrestricted-route-to-igw, subnet-auto-assign-public-ip-disabled).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::EC2::Route" or "AWS::EC2::Subnet";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        switch (resource.Type)
        {
            case "AWS::EC2::InternetGateway":
            case "AWS::EC2::EgressOnlyInternetGateway":
            case "AWS::EC2::NatGateway":
            case "AWS::EC2::EIP":
                return RuleFinding.NonCompliant(resource.Type + " opens a path to the internet.");
            case "AWS::EC2::Route":
                var cidr = resource.GetString("DestinationCidrBlock");
                var ipv6 = resource.GetString("DestinationIpv6CidrBlock");
                return cidr == "0.0.0.0/0" || ipv6 == "::/0"
                    ? RuleFinding.NonCompliant("The route sends all traffic (" + (cidr ?? ipv6) + ") out of the VPC.")
                    : RuleFinding.Compliant;
            case "AWS::EC2::Subnet":
                return resource.IsTrue("MapPublicIpOnLaunch")
                    ? RuleFinding.NonCompliant("The subnet maps public IPs on launch.")
                    : RuleFinding.Compliant;
            default:
                return RuleFinding.NotApplicable;
        }
    }
}
