namespace SecureSageMaker.Guardrails.Rules;

/// <summary>
/// SecureSageMaker-VP1: no way out of the VPC but its endpoints: no internet or NAT gateway, EIP,
/// transit gateway, peering, VPN or other attachment, no route at all (gateway endpoints route
/// without one), and no subnet that maps public IPs.
/// </summary>
internal sealed class NoInternetPathRule : GuardrailRule
{
    /// <summary>Resource types that connect a VPC to a network beyond it.</summary>
    internal static readonly IReadOnlySet<string> PathOutTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::EC2::InternetGateway", "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::NatGateway", "AWS::EC2::EIP", "AWS::EC2::VPCGatewayAttachment",
        "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment", "AWS::EC2::VPCPeeringConnection", "AWS::EC2::VPNGateway",
        "AWS::EC2::VPNConnection", "AWS::EC2::VPNGatewayRoutePropagation", "AWS::EC2::CarrierGateway", "AWS::EC2::LocalGatewayRouteTableVPCAssociation",
        "AWS::EC2::ClientVpnEndpoint", "AWS::VpcLattice::ServiceNetworkVpcAssociation",
    };

    public override string Id => RuleIds.NoInternetPath;

    public override string What => "No internet gateway, NAT gateway, EIP, transit gateway, peering, VPN, carrier or local gateway, Client VPN or VPC Lattice association; no route (the S3 gateway endpoint routes without one); no subnet that maps public IPs.";

    public override string Why => "Each of these gives workloads a path out that bypasses PrivateLink, to the internet or to another network (vpc-no-unrestricted-route-to-igw, subnet-auto-assign-public-ip-disabled).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        var p = new Problems();
        if (PathOutTypes.Contains(resource.Type))
        {
            p.Breach(resource.Type + " opens a path out of the VPC.");
            return p.Finding;
        }

        switch (resource.Type)
        {
            case "AWS::EC2::Route":
                p.Breach("The route sends " + Destination(resource) + " to " + Target(resource) + ": a path out of the VPC that is not an endpoint.");
                return p.Finding;
            case "AWS::EC2::Subnet":
                p.ExpectNotTrue(resource.Get("MapPublicIpOnLaunch"), "MapPublicIpOnLaunch", "The subnet maps public IPs on launch.");
                return p.Finding;
            default:
                return RuleFinding.NotApplicable;
        }
    }

    /// <summary>The route's destination, as the template fixes it.</summary>
    internal static string Destination(ResourceView route) =>
        new[] { "DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId" }
            .Select(k => route.Get(k)).Where(v => v is not null).Select(v => JsonRead.String(v) ?? "a destination decided at deploy time").FirstOrDefault() ?? "traffic";

    /// <summary>The property that names the route's target (GatewayId, TransitGatewayId, VpcPeeringConnectionId, ...).</summary>
    internal static string Target(ResourceView route) =>
        route.Properties.Select(p => p.Key).FirstOrDefault(k => k.EndsWith("Id", StringComparison.Ordinal) && k is not "RouteTableId" and not "DestinationPrefixListId")
        ?? route.Properties.Select(p => p.Key).FirstOrDefault(k => k.EndsWith("Arn", StringComparison.Ordinal))
        ?? "a target";
}
