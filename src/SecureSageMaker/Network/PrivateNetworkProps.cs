using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;

namespace SecureSageMaker;

/// <summary>
/// Props of <see cref="PrivateNetwork"/>, and of a workspace's network (<see cref="SecureMlWorkspaceProps.Network"/>):
/// either bring a VPC (<see cref="Vpc"/>) or shape a new one; both get the endpoints, security groups,
/// flow logs and DNS firewall.
/// </summary>
public sealed record PrivateNetworkProps
{
    /// <summary>A VPC to use instead of a new one. It must have private or isolated subnets in at least two AZs, and route table ids for the S3 gateway endpoint.</summary>
    /// <remarks><strong>Default</strong>: a new VPC with isolated subnets only, no internet gateway and no NAT gateway.</remarks>
    public IVpc? Vpc { get; init; }

    /// <summary>CIDR block of a new VPC (IPv4, prefix /16 to /24).</summary>
    /// <remarks><strong>Default</strong>: <c>10.42.0.0/16</c>.</remarks>
    public string? VpcCidr { get; init; }

    /// <summary>How many availability zones a new VPC spans (2 or more). A stack without a fixed region supports 2 unless <see cref="AvailabilityZones"/> names them.</summary>
    /// <remarks><strong>Default</strong>: 2. Each zone adds one subnet and one endpoint network interface per interface endpoint (billed per AZ-hour).</remarks>
    public int? AvailabilityZoneCount { get; init; }

    /// <summary>The availability zones of a new VPC, by name, instead of the first <see cref="AvailabilityZoneCount"/> of the region.</summary>
    /// <remarks><strong>Default</strong>: the first zones of the stack's region.</remarks>
    public string[]? AvailabilityZones { get; init; }

    /// <summary>Prefix length of each isolated subnet of a new VPC (16 to 28, longer than the VPC prefix).</summary>
    /// <remarks><strong>Default</strong>: 22 (1,024 addresses a subnet).</remarks>
    public int? SubnetCidrMask { get; init; }

    /// <summary>Interface endpoints added beyond the mandatory, default and feature ones (for example <see cref="InterfaceEndpointService.Ssm"/>).</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public InterfaceEndpointService[]? AdditionalInterfaceEndpoints { get; init; }

    /// <summary>Default interface endpoints to leave out (only <see cref="EndpointPresence.DefaultOn"/> ones; each raises warning <see cref="WarningIds.OptionalEndpointRemoved"/>).</summary>
    /// <remarks><strong>Default</strong>: none removed.</remarks>
    public InterfaceEndpointService[]? RemovedInterfaceEndpoints { get; init; }

    /// <summary>An AWS Organizations id (<c>o-...</c>): endpoint policies then admit principals and resources of the organization instead of this account only.</summary>
    /// <remarks><strong>Default</strong>: principals and resources of this account only.</remarks>
    public string? OrganizationId { get; init; }

    /// <summary>Key that encrypts the flow log and DNS query log groups. Its policy must admit CloudWatch Logs.</summary>
    /// <remarks><strong>Default</strong>: in a workspace, the workspace's logs key; alone, a new customer-managed key with rotation, retained, that admits CloudWatch Logs.</remarks>
    public IKey? LogsKey { get; init; }

    /// <summary>Retention of the flow log and DNS query log groups.</summary>
    /// <remarks><strong>Default</strong>: in a workspace, its <see cref="SecureMlWorkspaceProps.LogRetention"/>; alone, one year.</remarks>
    public RetentionDays? LogRetention { get; init; }

    /// <summary>Id of the region's S3 managed prefix list (<c>pl-...</c>, see <c>aws ec2 describe-prefix-lists</c>). With it, the workload security group's S3 egress names the prefix list.</summary>
    /// <remarks><strong>Default</strong>: S3 egress is TCP 443 to any address; in a new VPC with no internet gateway or NAT the only route it can take is the S3 gateway endpoint, whose policy admits the workspace's buckets only.</remarks>
    public string? S3PrefixListId { get; init; }

    /// <summary>Let workloads in the workload security group reach each other on all ports (distributed training). Raises warning <see cref="WarningIds.SelfReferencingTraffic"/>.</summary>
    /// <remarks><strong>Default</strong>: false.</remarks>
    public bool? AllowSelfReferencingTraffic { get; init; }

    /// <summary>Admit TCP 443 to the interface endpoints from the whole VPC CIDR, for other workloads in a shared VPC. Raises warning <see cref="WarningIds.EndpointOpenToVpcCidr"/>.</summary>
    /// <remarks><strong>Default</strong>: false: only the workload security group is admitted.</remarks>
    public bool? AllowEndpointAccessFromVpcCidr { get; init; }

    /// <summary>The DNS firewall of the VPC (Route 53 Resolver DNS Firewall and query logging).</summary>
    /// <remarks><strong>Default</strong>: on: the domains of the interface endpoints and of S3 are allowed, every other domain is blocked with NODATA, queries are logged.</remarks>
    public DnsFirewallProps? DnsFirewall { get; init; }
}
