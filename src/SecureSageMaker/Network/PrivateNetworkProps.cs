using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;

namespace SecureSageMaker.Network;

/// <summary>Props of <see cref="PrivateNetwork"/>.</summary>
public sealed record PrivateNetworkProps
{
    /// <summary>A VPC to use instead of a new one. It must have private or isolated subnets in at least two AZs.</summary>
    /// <remarks><strong>Default</strong>: a new VPC with isolated subnets only, no internet gateway and no NAT gateway.</remarks>
    public IVpc? Vpc { get; init; }

    /// <summary>CIDR block of a new VPC (IPv4, prefix /16 to /24).</summary>
    /// <remarks><strong>Default</strong>: <c>10.42.0.0/16</c>.</remarks>
    public string? VpcCidr { get; init; }

    /// <summary>How many availability zones a new VPC spans (2 or more). A stack without a fixed region supports 2 unless <see cref="AvailabilityZones"/> names them.</summary>
    /// <remarks><strong>Default</strong>: 2. Each zone adds one subnet and one endpoint network interface per interface endpoint (billed per AZ-hour).</remarks>
    public int? AvailabilityZoneCount { get; init; }

    /// <summary>The availability zones of a new VPC, by name, instead of the first <see cref="AvailabilityZoneCount"/> of the region.</summary>
    /// <remarks><strong>Default</strong>: the first zones of the stack's region (no context lookup for an environment-agnostic stack).</remarks>
    public string[]? AvailabilityZones { get; init; }

    /// <summary>Prefix length of each isolated subnet of a new VPC (16 to 28, longer than the VPC prefix).</summary>
    /// <remarks><strong>Default</strong>: 22 (1,024 addresses a subnet).</remarks>
    public int? SubnetCidrMask { get; init; }

    /// <summary>Endpoints added beyond the mandatory, default and feature ones (for example <see cref="WorkspaceEndpoint.Ssm"/>).</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public WorkspaceEndpoint[]? AdditionalEndpoints { get; init; }

    /// <summary>Default endpoints to leave out (only <see cref="EndpointPresence.DefaultOn"/> ones; each raises warning <see cref="WarningIds.OptionalEndpointRemoved"/>).</summary>
    /// <remarks><strong>Default</strong>: none removed.</remarks>
    public WorkspaceEndpoint[]? RemovedEndpoints { get; init; }

    /// <summary>An AWS Organizations id (<c>o-...</c>): endpoint policies then admit principals and resources of the organization instead of this account only.</summary>
    /// <remarks><strong>Default</strong>: principals and resources of this account only.</remarks>
    public string? OrganizationId { get; init; }

    /// <summary>Key that encrypts the flow log group. The key policy must admit CloudWatch Logs.</summary>
    /// <remarks><strong>Default</strong>: a new customer-managed key with rotation, retained, that admits CloudWatch Logs for this account's log groups.</remarks>
    public IKey? FlowLogsKey { get; init; }

    /// <summary>Retention of the flow log group.</summary>
    /// <remarks><strong>Default</strong>: one year.</remarks>
    public RetentionDays? FlowLogRetention { get; init; }

    /// <summary>Id of the region's S3 managed prefix list (<c>pl-...</c>, see <c>aws ec2 describe-prefix-lists</c>). With it, the workload security group's S3 egress names the prefix list.</summary>
    /// <remarks><strong>Default</strong>: S3 egress is TCP 443 to any address; with no internet gateway or NAT the only route it can take is the S3 gateway endpoint, whose policy admits the workspace's buckets only.</remarks>
    public string? S3PrefixListId { get; init; }

    /// <summary>Let workloads in the workload security group reach each other on all ports (distributed training). Raises warning <see cref="WarningIds.SelfReferencingTraffic"/>.</summary>
    /// <remarks><strong>Default</strong>: false.</remarks>
    public bool? AllowSelfReferencingTraffic { get; init; }

    /// <summary>Admit TCP 443 to the interface endpoints from the whole VPC CIDR, for other workloads in a shared VPC. Raises warning <see cref="WarningIds.EndpointOpenToVpcCidr"/>.</summary>
    /// <remarks><strong>Default</strong>: false: only the workload security group is admitted.</remarks>
    public bool? AllowEndpointAccessFromVpcCidr { get; init; }
}
