namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-VP1: no internet gateway, NAT gateway, default route or public IP mapping.</summary>
internal sealed class NoInternetPathRule : GuardrailRule
{
    public override string Id => RuleIds.NoInternetPath;

    public override string What => "No internet gateway, egress-only internet gateway, NAT gateway, EIP or transit to the internet, no route to 0.0.0.0/0 or ::/0, and no subnet that maps public IPs.";

    public override string Why => "Any of these gives workloads a path out that bypasses PrivateLink (vpc-no-unrestricted-route-to-igw, subnet-auto-assign-public-ip-disabled).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        var p = new Problems();
        switch (resource.Type)
        {
            case "AWS::EC2::InternetGateway":
            case "AWS::EC2::EgressOnlyInternetGateway":
            case "AWS::EC2::NatGateway":
            case "AWS::EC2::EIP":
            case "AWS::EC2::VPCGatewayAttachment":
                p.Breach(resource.Type + " opens a path to the internet.");
                return p.Finding;
            case "AWS::EC2::Route":
                var v4 = resource.Get("DestinationCidrBlock");
                var v6 = resource.Get("DestinationIpv6CidrBlock");
                if (JsonRead.IsIntrinsic(v4) || JsonRead.IsIntrinsic(v6))
                {
                    p.Unverifiable("The route's destination is an intrinsic function.");
                }
                else if (JsonRead.String(v4) == "0.0.0.0/0" || JsonRead.String(v6) == "::/0")
                {
                    p.Breach("The route sends all traffic (" + (JsonRead.String(v4) ?? JsonRead.String(v6)) + ") out of the VPC.");
                }

                return p.Finding;
            case "AWS::EC2::Subnet":
                p.ExpectNotTrue(resource.Get("MapPublicIpOnLaunch"), "MapPublicIpOnLaunch", "The subnet maps public IPs on launch.");
                return p.Finding;
            default:
                return RuleFinding.NotApplicable;
        }
    }
}
