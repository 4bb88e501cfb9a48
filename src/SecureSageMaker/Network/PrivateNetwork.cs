using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Encryption;
using SecureSageMaker.Internal;
using SecureSageMaker.Storage;

namespace SecureSageMaker.Network;

/// <summary>
/// A VPC whose only way out is PrivateLink: isolated subnets, interface endpoints with private DNS
/// and restrictive policies, an S3 gateway endpoint limited to named buckets, a workload security
/// group whose egress reaches only those endpoints, and encrypted VPC flow logs.
/// </summary>
public sealed class PrivateNetwork : Construct
{
    private readonly Dictionary<WorkspaceEndpoint, InterfaceVpcEndpoint> _endpoints = new();
    private readonly HashSet<WorkspaceEndpoint> _removed;
    private readonly PolicyStatement _s3BucketsStatement;
    private readonly string? _organizationId;
    private readonly GatewayVpcEndpoint _s3Endpoint;
    private bool _studioTraffic;
    private bool _s3BucketsStatementAdded;
    private readonly StackInfo _stack;
    private string[]? _subnetIds;

    /// <summary>Creates the network.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix.</exception>
    public PrivateNetwork(Construct scope, string id, PrivateNetworkProps? props = null)
        : base(scope, Validate(scope, id, props ?? new PrivateNetworkProps()))
    {
        props ??= new PrivateNetworkProps();
        _stack = StackInfo.Of(this);
        _organizationId = props.OrganizationId;
        _removed = new HashSet<WorkspaceEndpoint>(props.RemovedEndpoints ?? Array.Empty<WorkspaceEndpoint>());

        if (props.Vpc is null)
        {
            Vpc = CreateVpc(props);
            WorkloadSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED };
        }
        else
        {
            Vpc = props.Vpc;
            WorkloadSubnets = new SubnetSelection { SubnetType = ChooseSubnetType(props.Vpc) };
            var paths = new List<string>();
            if (props.Vpc.PublicSubnets.Length > 0)
            {
                paths.Add("it has public subnets");
            }

            if (WorkloadSubnets.SubnetType == SubnetType.PRIVATE_WITH_EGRESS)
            {
                paths.Add("the workloads run in private subnets with egress (a NAT or similar route), for lack of isolated subnets in two zones");
            }

            if (paths.Count > 0)
            {
                Internal.Weakening.Warn(this, WarningIds.VpcHasInternetPath,
                    "The VPC brought to this workspace may have an internet path: " + string.Join("; ", paths) + ". Remove the internet gateway and NAT routes, or bring isolated subnets in two zones, to keep data from leaving.");
            }
        }

        AvailabilityZoneCount = Vpc.SelectSubnets(WorkloadSubnets).AvailabilityZones.Distinct().Count();

        EndpointSecurityGroup = new SecurityGroup(this, "EndpointSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Interface VPC endpoints of the SageMaker workspace: TCP 443 from workspace workloads only.",
            AllowAllOutbound = false,
            AllowAllIpv6Outbound = false,
        });
        WorkloadSecurityGroup = new SecurityGroup(this, "WorkloadSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "SageMaker workspace workloads: egress to the VPC endpoints on TCP 443 only.",
            AllowAllOutbound = false,
            AllowAllIpv6Outbound = false,
        });

        EndpointSecurityGroup.AddIngressRule(WorkloadSecurityGroup, Port.Tcp(443), "HTTPS from workspace workloads");
        WorkloadSecurityGroup.AddEgressRule(EndpointSecurityGroup, Port.Tcp(443), "HTTPS to the interface endpoints");
        if (props.S3PrefixListId is null)
        {
            WorkloadSecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443),
                "HTTPS to S3: with no internet route, only the S3 gateway endpoint is reachable");
        }
        else
        {
            WorkloadSecurityGroup.AddEgressRule(Peer.PrefixList(props.S3PrefixListId), Port.Tcp(443), "HTTPS to S3 through the gateway endpoint");
        }

        if (props.AllowSelfReferencingTraffic ?? Defaults.AllowSelfReferencingTraffic)
        {
            WorkloadSecurityGroup.AddIngressRule(WorkloadSecurityGroup, Port.AllTraffic(), "Distributed training between workspace workloads");
            WorkloadSecurityGroup.AddEgressRule(WorkloadSecurityGroup, Port.AllTraffic(), "Distributed training between workspace workloads");
            Internal.Weakening.Warn(this, WarningIds.SelfReferencingTraffic,
                "Workloads in the workspace security group can reach each other on every port (AllowSelfReferencingTraffic). Keep it for distributed training only.");
        }

        if (props.AllowEndpointAccessFromVpcCidr ?? false)
        {
            EndpointSecurityGroup.AddIngressRule(Peer.Ipv4(Vpc.VpcCidrBlock), Port.Tcp(443), "HTTPS from the whole VPC");
            Internal.Weakening.Warn(this, WarningIds.EndpointOpenToVpcCidr,
                "The interface endpoints admit TCP 443 from the whole VPC CIDR (AllowEndpointAccessFromVpcCidr), not only from the workspace's security group.");
        }

        _s3Endpoint = new GatewayVpcEndpoint(this, "S3Endpoint", new GatewayVpcEndpointProps
        {
            Vpc = Vpc,
            Service = GatewayVpcEndpointAwsService.S3,
            Subnets = new[] { WorkloadSubnets },
        });
        _s3BucketsStatement = Statements.Allow("AllowWorkspaceBuckets", new[] { "s3:*" }, Array.Empty<string>(),
            EndpointPolicies.PrincipalCondition(_stack, _organizationId), Statements.AnyPrincipal);
        AddSageMakerServiceBuckets();

        foreach (var endpoint in WorkspaceEndpoint.Catalog.Where(e => e.Presence is EndpointPresence.Mandatory or EndpointPresence.DefaultOn))
        {
            if (_removed.Contains(endpoint))
            {
                Internal.Weakening.Warn(this, WarningIds.OptionalEndpointRemoved, string.Format(CultureInfo.InvariantCulture,
                    "The '{0}' interface endpoint was removed (RemovedEndpoints); calls to that service from the workspace will fail or hang.", endpoint.Name));
                continue;
            }

            AddEndpoint(endpoint);
        }

        foreach (var endpoint in props.AdditionalEndpoints ?? Array.Empty<WorkspaceEndpoint>())
        {
            AddEndpoint(endpoint);
        }

        var flowLogsKey = props.FlowLogsKey;
        if (flowLogsKey is null)
        {
            var key = WorkspaceKey.Create(this, "FlowLogsKey", "Encrypts the VPC flow logs of a SageMaker workspace.");
            WorkspaceKey.AdmitCloudWatchLogs(key);
            flowLogsKey = key;
        }

        FlowLogGroup = EncryptedLogGroup.Create(this, "FlowLogGroup", flowLogsKey, props.FlowLogRetention ?? Defaults.LogRetention);
        FlowLog = new FlowLog(this, "FlowLog", new FlowLogProps
        {
            ResourceType = FlowLogResourceType.FromVpc(Vpc),
            TrafficType = FlowLogTrafficType.ALL,
            Destination = FlowLogDestination.ToCloudWatchLogs(FlowLogGroup),
        });
    }

    /// <summary>The VPC (new or brought).</summary>
    public IVpc Vpc { get; }

    /// <summary>The subnets workloads and endpoints are placed in.</summary>
    public SubnetSelection WorkloadSubnets { get; }

    /// <summary>The security group of the interface endpoints.</summary>
    public ISecurityGroup EndpointSecurityGroup { get; }

    /// <summary>The security group of notebooks, Studio apps, training, processing and models.</summary>
    public ISecurityGroup WorkloadSecurityGroup { get; }

    /// <summary>The S3 gateway endpoint.</summary>
    public IGatewayVpcEndpoint S3Endpoint => _s3Endpoint;

    /// <summary>The VPC flow log.</summary>
    public FlowLog FlowLog { get; }

    /// <summary>The flow log group.</summary>
    public ILogGroup FlowLogGroup { get; }

    /// <summary>Number of availability zones the workloads and endpoints span.</summary>
    public int AvailabilityZoneCount { get; }

    /// <summary>The interface endpoints, by catalog entry.</summary>
    public IReadOnlyDictionary<WorkspaceEndpoint, IInterfaceVpcEndpoint> InterfaceEndpoints =>
        _endpoints.ToDictionary(p => p.Key, p => (IInterfaceVpcEndpoint)p.Value);

    /// <summary>Number of interface endpoints.</summary>
    public int InterfaceEndpointCount => _endpoints.Count;

    /// <summary>
    /// Estimated fixed monthly cost of the interface endpoints in USD: endpoints x AZs x 730 hours x
    /// USD 0.01 (us-east-1 list price per endpoint per AZ-hour; data processing is extra).
    /// </summary>
    public double EstimatedMonthlyEndpointCostUsd =>
        Math.Round(InterfaceEndpointCount * AvailabilityZoneCount * Defaults.HoursPerMonth * Defaults.InterfaceEndpointUsdPerAzHour, 2);

    /// <summary>The subnet ids workloads run in.</summary>
    public string[] SubnetIds => _subnetIds ??= Vpc.SelectSubnets(WorkloadSubnets).SubnetIds;

    /// <summary>Adds an interface endpoint from the catalog; adding one twice returns the first.</summary>
    /// <exception cref="ArgumentException">The endpoint was removed through <see cref="PrivateNetworkProps.RemovedEndpoints"/>.</exception>
    public IInterfaceVpcEndpoint AddEndpoint(WorkspaceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (_endpoints.TryGetValue(endpoint, out var existing))
        {
            return existing;
        }

        if (_removed.Contains(endpoint))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0}: the '{1}' endpoint is needed by a feature but was listed in RemovedEndpoints. Remove it from RemovedEndpoints.",
                Node.Path, endpoint.Name), nameof(endpoint));
        }

        var created = new InterfaceVpcEndpoint(this, endpoint.ConstructId, new InterfaceVpcEndpointProps
        {
            Vpc = Vpc,
            Service = endpoint.ToService(_stack.Region),
            PrivateDnsEnabled = true,
            Open = false,
            SecurityGroups = new[] { EndpointSecurityGroup },
            Subnets = WorkloadSubnets,
        });
        foreach (var statement in EndpointPolicies.For(endpoint, _stack, _organizationId))
        {
            created.AddToPolicy(statement);
        }

        _endpoints[endpoint] = created;
        return created;
    }

    /// <summary>
    /// Adds the rules a VpcOnly Studio domain needs: NFS (TCP 2049) to its EFS mount targets in the
    /// VPC, and TCP 8192-65535 between Studio apps in the workload security group. Idempotent.
    /// </summary>
    public void AllowStudioTraffic()
    {
        if (_studioTraffic)
        {
            return;
        }

        _studioTraffic = true;
        WorkloadSecurityGroup.AddEgressRule(Peer.Ipv4(Vpc.VpcCidrBlock), Port.Tcp(2049), "NFS to the Studio domain's EFS volume");
        WorkloadSecurityGroup.AddIngressRule(WorkloadSecurityGroup, Port.TcpRange(8192, 65535), "Between Studio apps");
        WorkloadSecurityGroup.AddEgressRule(WorkloadSecurityGroup, Port.TcpRange(8192, 65535), "Between Studio apps");
    }

    /// <summary>Whether the network has the endpoint.</summary>
    public bool HasEndpoint(WorkspaceEndpoint endpoint) => _endpoints.ContainsKey(endpoint);

    /// <summary>Admits a bucket (and its objects) through the S3 gateway endpoint, for principals of this account or organization.</summary>
    public void AllowS3Bucket(IBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (!_s3BucketsStatementAdded)
        {
            _s3BucketsStatementAdded = true;
            _s3Endpoint.AddToPolicy(_s3BucketsStatement);
        }

        _s3BucketsStatement.AddResources(bucket.BucketArn, bucket.ArnForObjects("*"));
    }

    private void AddSageMakerServiceBuckets()
    {
        var stack = _stack;
        _s3Endpoint.AddToPolicy(Statements.Allow("AllowEcrImageLayers", new[] { "s3:GetObject" },
            new[] { "arn:" + stack.Partition + ":s3:::prod-" + stack.Region + "-starport-layer-bucket/*" }, null, Statements.AnyPrincipal));
        _s3Endpoint.AddToPolicy(Statements.Allow("AllowJumpStartCache", new[] { "s3:GetObject", "s3:ListBucket" },
            new[]
            {
                "arn:" + stack.Partition + ":s3:::jumpstart-cache-prod-" + stack.Region,
                "arn:" + stack.Partition + ":s3:::jumpstart-cache-prod-" + stack.Region + "/*",
            },
            null, Statements.AnyPrincipal));
    }

    private Vpc CreateVpc(PrivateNetworkProps props)
    {
        return new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr(props.VpcCidr ?? Defaults.VpcCidr),
            MaxAzs = props.AvailabilityZones is null ? props.AvailabilityZoneCount ?? Defaults.AvailabilityZoneCount : null,
            AvailabilityZones = props.AvailabilityZones,
            NatGateways = 0,
            CreateInternetGateway = false,
            EnableDnsHostnames = true,
            EnableDnsSupport = true,
            RestrictDefaultSecurityGroup = false,
            SubnetConfiguration = new ISubnetConfiguration[]
            {
                new SubnetConfiguration
                {
                    Name = "Isolated",
                    SubnetType = SubnetType.PRIVATE_ISOLATED,
                    CidrMask = props.SubnetCidrMask ?? Defaults.SubnetCidrMask,
                },
            },
        });
    }

    private static int Zones(ISubnet[] subnets) => subnets.Select(s => s.AvailabilityZone).Distinct().Count();

    private static SubnetType ChooseSubnetType(IVpc vpc) =>
        Zones(vpc.IsolatedSubnets) >= 2 ? SubnetType.PRIVATE_ISOLATED : SubnetType.PRIVATE_WITH_EGRESS;

    private static string Validate(Construct scope, string id, PrivateNetworkProps props)
    {
        var v = new PropsValidator(scope, id);
        Check(v, scope, props);
        v.Throw();
        return id;
    }

    /// <summary>Adds every problem with <paramref name="props"/> to <paramref name="v"/>.</summary>
    internal static void Check(PropsValidator v, IConstruct scope, PrivateNetworkProps props)
    {
        if (props.Vpc is not null)
        {
            var isolated = Zones(props.Vpc.IsolatedSubnets);
            var privateZones = Zones(props.Vpc.PrivateSubnets);
            v.Require(isolated >= 2 || privateZones >= 2, "Vpc", props.Vpc.Node.Path,
                string.Format(CultureInfo.InvariantCulture,
                    "The VPC has isolated subnets in {0} and private subnets in {1} availability zone(s); bring a VPC with private or isolated subnets in at least two zones (public-only VPCs cannot hold a workspace).",
                    isolated, privateZones));
            foreach (var (name, value) in new (string, object?)[]
                     {
                         ("VpcCidr", props.VpcCidr), ("AvailabilityZoneCount", props.AvailabilityZoneCount),
                         ("AvailabilityZones", props.AvailabilityZones), ("SubnetCidrMask", props.SubnetCidrMask),
                     })
            {
                v.Require(value is null, name, value, "Leave it unset when bringing a VPC: it only shapes a new VPC.");
            }
        }
        else
        {
            ValidateNewVpc(v, scope, props);
        }

        ValidateEndpoints(v, props);
        if (props.OrganizationId is not null && !Internal.Tokens.IsUnresolved(props.OrganizationId))
        {
            v.Require(System.Text.RegularExpressions.Regex.IsMatch(props.OrganizationId, "^o-[a-z0-9]{10,32}$"),
                "OrganizationId", props.OrganizationId, "Use an AWS Organizations id such as 'o-a1b2c3d4e5'.");
        }

        if (props.S3PrefixListId is not null && !Internal.Tokens.IsUnresolved(props.S3PrefixListId))
        {
            v.Require(System.Text.RegularExpressions.Regex.IsMatch(props.S3PrefixListId, "^pl-[0-9a-f]{8,17}$"),
                "S3PrefixListId", props.S3PrefixListId, "Use the id of the region's S3 prefix list, such as 'pl-63a5400a'.");
        }

        if (props.FlowLogRetention is { } retention)
        {
            v.Require(Enum.IsDefined(retention), "FlowLogRetention", (int)retention, "Use a RetentionDays value that CloudWatch Logs accepts.");
        }
    }

    private static void ValidateNewVpc(PropsValidator v, IConstruct scope, PrivateNetworkProps props)
    {
        var cidrText = props.VpcCidr ?? Defaults.VpcCidr;
        var mask = props.SubnetCidrMask ?? Defaults.SubnetCidrMask;
        var zoneCount = props.AvailabilityZones?.Length ?? props.AvailabilityZoneCount ?? Defaults.AvailabilityZoneCount;

        if (props.AvailabilityZones is not null)
        {
            v.Require(props.AvailabilityZoneCount is null || props.AvailabilityZoneCount == props.AvailabilityZones.Length,
                "AvailabilityZoneCount", props.AvailabilityZoneCount, "Set either AvailabilityZones or AvailabilityZoneCount, or make them agree.");
            v.Require(props.AvailabilityZones.Distinct(StringComparer.Ordinal).Count() == props.AvailabilityZones.Length,
                "AvailabilityZones", props.AvailabilityZones, "Name each availability zone once.");
        }

        v.Require(zoneCount >= 2, props.AvailabilityZones is null ? "AvailabilityZoneCount" : "AvailabilityZones", zoneCount,
            "Use at least 2 availability zones: SageMaker endpoints and Studio need subnets in two zones.");
        if (props.AvailabilityZones is null && zoneCount > 2 && Internal.Tokens.IsUnresolved(Stack.Of(scope).Region))
        {
            v.Fail("AvailabilityZoneCount", zoneCount,
                "A stack without a fixed region can only address 2 zones; set AvailabilityZones, or give the stack an env with account and region.");
        }

        if (Internal.Tokens.IsUnresolved(cidrText))
        {
            return;
        }

        if (!Cidr.TryParse(cidrText, out var cidr) || !cidr.IsNetworkAddress)
        {
            v.Fail("VpcCidr", cidrText, "Use an IPv4 CIDR block such as '10.42.0.0/16' whose host bits are zero.");
            return;
        }

        v.Require(cidr.PrefixLength is >= 16 and <= 24, "VpcCidr", cidrText, "Use a prefix from /16 to /24 (VPCs allow /16 to /28; subnets in two zones need room).");
        if (mask is < 16 or > 28 || mask <= cidr.PrefixLength)
        {
            v.Fail("SubnetCidrMask", mask, string.Format(CultureInfo.InvariantCulture,
                "Use a prefix length from {0} to 28, longer than the VPC's /{1}.", Math.Max(16, cidr.PrefixLength + 1), cidr.PrefixLength));
            return;
        }

        var capacity = 1L << (mask - cidr.PrefixLength);
        v.Require(capacity >= zoneCount, "VpcCidr", cidrText, string.Format(CultureInfo.InvariantCulture,
            "A /{0} holds {1} subnet(s) of /{2} but {3} zones need {3}; use a larger VPC prefix or a longer SubnetCidrMask.",
            cidr.PrefixLength, capacity, mask, zoneCount));
    }

    private static void ValidateEndpoints(PropsValidator v, PrivateNetworkProps props)
    {
        var added = props.AdditionalEndpoints ?? Array.Empty<WorkspaceEndpoint>();
        var removed = props.RemovedEndpoints ?? Array.Empty<WorkspaceEndpoint>();
        foreach (var dup in added.GroupBy(e => e).Where(g => g.Count() > 1))
        {
            v.Fail("AdditionalEndpoints", dup.Key.Name, "List each endpoint once.");
        }

        foreach (var e in added.Where(e => e.Presence is EndpointPresence.Mandatory or EndpointPresence.DefaultOn))
        {
            v.Fail("AdditionalEndpoints", e.Name, "This endpoint is already in every workspace; remove it from AdditionalEndpoints.");
        }

        foreach (var dup in removed.GroupBy(e => e).Where(g => g.Count() > 1))
        {
            v.Fail("RemovedEndpoints", dup.Key.Name, "List each endpoint once.");
        }

        foreach (var e in removed.Where(e => e.Presence != EndpointPresence.DefaultOn))
        {
            v.Fail("RemovedEndpoints", e.Name, e.Presence == EndpointPresence.Mandatory
                ? "This endpoint cannot be removed: without it jobs hang or the workspace cannot work."
                : "Only default endpoints can be removed; this one is not added unless a feature or AdditionalEndpoints asks for it.");
        }
    }
}
