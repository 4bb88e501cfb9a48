using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A VPC whose only way out is PrivateLink: isolated subnets, interface endpoints with private DNS
/// and restrictive policies, an S3 gateway endpoint limited to named buckets, a workload security
/// group whose egress reaches only those endpoints, encrypted VPC flow logs, and a DNS firewall that
/// blocks every domain the workspace does not need. A new VPC, its subnets and the workload security
/// group are retained on delete: a Studio domain's home volume (retained by SageMaker) keeps network
/// interfaces in them.
/// </summary>
public sealed partial class PrivateNetwork : Construct
{
    private readonly Dictionary<InterfaceEndpointService, InterfaceVpcEndpoint> _endpoints = new();
    private readonly HashSet<InterfaceEndpointService> _removed;
    private readonly string? _organizationId;
    private readonly GatewayVpcEndpoint _s3Endpoint;
    private readonly PolicyStatement _bucketsReadWrite;
    private readonly PolicyStatement _bucketsRead;
    private readonly DnsFirewall? _dnsFirewall;
    private readonly Stack _stack;
    private string[]? _subnetIds;
    private bool _bucketsReadWriteAdded;
    private bool _bucketsReadAdded;

    /// <summary>Creates the network.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public PrivateNetwork(Construct scope, string id, PrivateNetworkProps? props = null)
        : base(scope, Validate(scope, id, props ?? new PrivateNetworkProps()))
    {
        props ??= new PrivateNetworkProps();
        _stack = Stack.Of(this);
        _organizationId = props.OrganizationId;
        _removed = new HashSet<InterfaceEndpointService>(props.RemovedInterfaceEndpoints ?? Array.Empty<InterfaceEndpointService>());
        (Vpc, WorkloadSubnets) = props.Vpc is null ? NewVpc(props) : AdoptVpc(props.Vpc);
        (InterfaceEndpointSecurityGroup, WorkloadSecurityGroup) = SecurityGroups(props);
        if (props.Vpc is null)
        {
            RetainOnDelete();
        }

        _s3Endpoint = new GatewayVpcEndpoint(this, "S3Endpoint", new GatewayVpcEndpointProps
        {
            Vpc = Vpc,
            Service = GatewayVpcEndpointAwsService.S3,
            Subnets = new[] { WorkloadSubnets },
        });
        _bucketsReadWrite = IamJson.Allow("AllowWorkspaceBuckets", BucketReadWriteActions, Array.Empty<string>(), EndpointPolicies.PrincipalCondition(_stack, _organizationId), IamJson.AnyPrincipal());
        _bucketsRead = IamJson.Allow("AllowInputBuckets", BucketReadActions, Array.Empty<string>(), EndpointPolicies.PrincipalCondition(_stack, _organizationId), IamJson.AnyPrincipal());
        AllowAwsServiceBuckets();

        var logsKey = props.LogsKey ?? NewLogsKey();
        var retention = props.LogRetention ?? Defaults.LogRetention;
        FlowLogGroup = FlowLogs(logsKey, retention);
        _dnsFirewall = DnsFirewallFor(props, logsKey, retention);
        AddDefaultEndpoints(props);
    }

    /// <summary>The VPC (new or brought).</summary>
    public IVpc Vpc { get; }

    /// <summary>The subnets workloads and endpoints are placed in.</summary>
    public SubnetSelection WorkloadSubnets { get; }

    /// <summary>The security group of the interface endpoints: TCP 443 from the workload security group only.</summary>
    public ISecurityGroup InterfaceEndpointSecurityGroup { get; }

    /// <summary>The security group of notebooks, Studio apps, training, processing and models.</summary>
    public ISecurityGroup WorkloadSecurityGroup { get; }

    /// <summary>The S3 gateway endpoint.</summary>
    public IGatewayVpcEndpoint S3Endpoint => _s3Endpoint;

    /// <summary>The encrypted, retained log group of the VPC flow logs.</summary>
    public ILogGroup FlowLogGroup { get; }

    /// <summary>The encrypted, retained log group of the DNS queries, or null when the DNS firewall is off.</summary>
    public ILogGroup? DnsQueryLogGroup => _dnsFirewall?.QueryLogGroup;

    /// <summary>Id of the DNS firewall rule group, or null when the DNS firewall is off.</summary>
    public string? DnsFirewallRuleGroupId => _dnsFirewall?.RuleGroup.AttrId;

    /// <summary>The interface endpoints, by service.</summary>
    public IReadOnlyDictionary<InterfaceEndpointService, IInterfaceVpcEndpoint> InterfaceEndpoints =>
        _endpoints.ToDictionary(p => p.Key, p => (IInterfaceVpcEndpoint)p.Value);

    internal string[] SubnetIds => _subnetIds ??= Vpc.SelectSubnets(WorkloadSubnets).SubnetIds;

    internal static readonly string[] BucketReadActions = { "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation" };

    internal static readonly string[] BucketReadWriteActions = BucketReadActions
        .Concat(new[] { "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads" }).ToArray();

    /// <summary>
    /// Adds an interface endpoint from the catalog, and its DNS names to the DNS firewall's allow-list;
    /// adding one twice returns the first.
    /// </summary>
    /// <exception cref="ArgumentException">The endpoint was removed through <see cref="PrivateNetworkProps.RemovedInterfaceEndpoints"/>.</exception>
    public IInterfaceVpcEndpoint AddInterfaceEndpoint(InterfaceEndpointService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (_endpoints.TryGetValue(service, out var existing))
        {
            return existing;
        }

        if (_removed.Contains(service))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0}: the '{1}' interface endpoint is needed by a feature but was listed in RemovedInterfaceEndpoints. Remove it from RemovedInterfaceEndpoints.",
                Node.Path, service.Name), nameof(service));
        }

        var created = new InterfaceVpcEndpoint(this, service.ConstructId, new InterfaceVpcEndpointProps
        {
            Vpc = Vpc,
            Service = service.ToService(_stack.Region),
            PrivateDnsEnabled = true,
            Open = false,
            SecurityGroups = new[] { InterfaceEndpointSecurityGroup },
            Subnets = WorkloadSubnets,
        });
        foreach (var statement in EndpointPolicies.For(service, _stack, _organizationId))
        {
            created.AddToPolicy(statement);
        }

        _endpoints[service] = created;
        _dnsFirewall?.Allow(service);
        return created;
    }

    /// <summary>Admits a bucket and its objects through the S3 gateway endpoint for reading and writing, for principals of this account or organization.</summary>
    public void AllowBucketReadWrite(IBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (!_bucketsReadWriteAdded)
        {
            _bucketsReadWriteAdded = true;
            _s3Endpoint.AddToPolicy(_bucketsReadWrite);
        }

        _bucketsReadWrite.AddResources(bucket.BucketArn, bucket.ArnForObjects("*"));
    }

    /// <summary>Admits a bucket and its objects through the S3 gateway endpoint for reading only (input buckets).</summary>
    public void AllowBucketRead(IBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (!_bucketsReadAdded)
        {
            _bucketsReadAdded = true;
            _s3Endpoint.AddToPolicy(_bucketsRead);
        }

        _bucketsRead.AddResources(bucket.BucketArn, bucket.ArnForObjects("*"));
    }

    /// <summary>
    /// Admits reads of the buckets where AWS CodeArtifact keeps package assets in this region
    /// (<c>assets-&lt;account&gt;-&lt;region&gt;</c>): pip and npm download package files from them.
    /// </summary>
    public void AllowPackageAssets(IReadOnlyCollection<PackageSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        // "PyPI packages do not need the S3 endpoint" (CodeArtifact User Guide, "Create the Amazon S3 gateway endpoint"):
        // a PyPI-only mirror admits no asset bucket.
        if (sources.All(s => s == PackageSource.PyPi))
        {
            return;
        }

        // The guide names the asset bucket of each region (Data/codeartifact-asset-buckets.json): a fixed region admits
        // that one bucket; a region decided at deploy time admits assets-*-<region>, read-only (the closing note of 0.3).
        if (Jsii.Tokens.IsLiteral(_stack.Region))
        {
            if (CodeArtifactAssetBuckets.Value.TryGetValue(_stack.Region, out var known))
            {
                var bucketArn = _stack.FormatArn(new ArnComponents { Service = "s3", Region = string.Empty, Account = string.Empty, Resource = known, ResourceName = "*" });
                _s3Endpoint.AddToPolicy(IamJson.Allow("AllowPackageMirrorAssets", new[] { "s3:GetObject" }, new[] { bucketArn }, null, IamJson.AnyPrincipal()));
            }

            return;
        }

        // A region decided at deploy time: the bucket name's pattern, held to the account that owns the region's asset
        // bucket (s3:ResourceAccount from a mapping of the guide's table), so no bucket of anyone else's matches.
        const string id = "SecureSageMakerCodeArtifactAssets";
        var mapping = _stack.Node.TryFindChild(id) as CfnMapping ?? new CfnMapping(_stack, id, new CfnMappingProps
        {
            Mapping = CodeArtifactAssetBuckets.Value.ToDictionary(p => p.Key, p => (IDictionary<string, object>)new Dictionary<string, object> { ["account"] = p.Value.Split('-')[1] }),
        });
        var assets = _stack.FormatArn(new ArnComponents { Service = "s3", Region = string.Empty, Account = string.Empty, Resource = "assets-*-" + _stack.Region, ResourceName = "*" });
        _s3Endpoint.AddToPolicy(IamJson.Allow("AllowPackageMirrorAssets", new[] { "s3:GetObject" }, new[] { assets },
            IamJson.Condition("StringEquals", "s3:ResourceAccount", mapping.FindInMap(Aws.REGION, "account")), IamJson.AnyPrincipal()));
    }

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CodeArtifactAssetBuckets = new(() =>
    {
        using var stream = typeof(PrivateNetwork).Assembly.GetManifestResourceStream("SecureSageMaker.Data.codeartifact-asset-buckets.json")
            ?? throw new InvalidOperationException("The CodeArtifact asset bucket table is missing from the assembly.");
        return System.Text.Json.Nodes.JsonNode.Parse(stream)!["buckets"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
    });

    private (IVpc, SubnetSelection) NewVpc(PrivateNetworkProps props)
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps
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
        return (vpc, new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED });
    }

    private (IVpc, SubnetSelection) AdoptVpc(IVpc vpc)
    {
        var selection = new SubnetSelection { SubnetType = Zones(vpc.IsolatedSubnets) >= 2 ? SubnetType.PRIVATE_ISOLATED : SubnetType.PRIVATE_WITH_EGRESS };
        var paths = new List<string>();
        if (vpc.PublicSubnets.Length > 0)
        {
            paths.Add("it has public subnets");
        }

        if (selection.SubnetType == SubnetType.PRIVATE_WITH_EGRESS)
        {
            paths.Add("the workloads run in private subnets with egress (a NAT or similar route), for lack of isolated subnets in two zones");
        }

        if (paths.Count > 0)
        {
            Posture.StackPosture.Warn(this, WarningIds.VpcHasInternetPath,
                "The VPC brought to this workspace may have an internet path: " + string.Join("; ", paths) + ". Remove the internet gateway and NAT routes, or bring isolated subnets in two zones, to keep data from leaving.");
        }

        return (vpc, selection);
    }

    private (ISecurityGroup Endpoints, ISecurityGroup Workloads) SecurityGroups(PrivateNetworkProps props)
    {
        var endpoints = new SecurityGroup(this, "EndpointSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Interface VPC endpoints of the SageMaker workspace: TCP 443 from workspace workloads only.",
            AllowAllOutbound = false,
            AllowAllIpv6Outbound = false,
        });
        var workloads = new SecurityGroup(this, "WorkloadSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "SageMaker workspace workloads: egress to the VPC endpoints on TCP 443 only.",
            AllowAllOutbound = false,
            AllowAllIpv6Outbound = false,
        });

        endpoints.AddIngressRule(workloads, Port.Tcp(443), "HTTPS from workspace workloads");
        workloads.AddEgressRule(endpoints, Port.Tcp(443), "HTTPS to the interface endpoints");
        workloads.AddEgressRule(props.S3PrefixListId is null ? Peer.AnyIpv4() : Peer.PrefixList(props.S3PrefixListId), Port.Tcp(443),
            props.S3PrefixListId is null ? "HTTPS to S3: with no internet route, only the S3 gateway endpoint is reachable" : "HTTPS to S3 through the gateway endpoint");
        if (props.AllowSelfReferencingTraffic ?? Defaults.AllowSelfReferencingTraffic)
        {
            workloads.AddIngressRule(workloads, Port.AllTraffic(), "Distributed training between workspace workloads");
            workloads.AddEgressRule(workloads, Port.AllTraffic(), "Distributed training between workspace workloads");
            foreach (var rule in workloads.Node.Children.OfType<CfnResource>().Where(r => (r as CfnSecurityGroupIngress)?.IpProtocol == "-1" || (r as CfnSecurityGroupEgress)?.IpProtocol == "-1"))
            {
                Guardrails.Suppressions.SelfReferencingRule(rule);
            }

            Posture.StackPosture.Warn(this, WarningIds.SelfReferencingTraffic,
                "Workloads in the workspace security group can reach each other on every port (AllowSelfReferencingTraffic). Keep it for distributed training only.");
        }

        if (props.AllowEndpointAccessFromVpcCidr ?? false)
        {
            endpoints.AddIngressRule(Peer.Ipv4(Vpc.VpcCidrBlock), Port.Tcp(443), "HTTPS from the whole VPC");
            Posture.StackPosture.Warn(this, WarningIds.EndpointOpenToVpcCidr,
                "The interface endpoints admit TCP 443 from the whole VPC CIDR (AllowEndpointAccessFromVpcCidr), not only from the workspace's security group.");
        }

        return (endpoints, workloads);
    }

    private void RetainOnDelete()
    {
        Vpc.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        foreach (var subnet in Vpc.IsolatedSubnets)
        {
            subnet.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        }

        WorkloadSecurityGroup.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    private void AllowAwsServiceBuckets()
    {
        var layers = _stack.FormatArn(new ArnComponents { Service = "s3", Region = string.Empty, Account = string.Empty, Resource = "prod-" + _stack.Region + "-starport-layer-bucket", ResourceName = "*" });
        var jumpStart = _stack.FormatArn(new ArnComponents { Service = "s3", Region = string.Empty, Account = string.Empty, Resource = "jumpstart-cache-prod-" + _stack.Region });
        _s3Endpoint.AddToPolicy(IamJson.Allow("AllowEcrImageLayers", new[] { "s3:GetObject" }, new[] { layers }, null, IamJson.AnyPrincipal()));
        _s3Endpoint.AddToPolicy(IamJson.Allow("AllowJumpStartCache", new[] { "s3:GetObject", "s3:ListBucket" }, new[] { jumpStart, jumpStart + "/*" }, null, IamJson.AnyPrincipal()));
    }

    private void AddDefaultEndpoints(PrivateNetworkProps props)
    {
        foreach (var service in InterfaceEndpointService.Catalog.Where(e => e.Presence is EndpointPresence.Mandatory or EndpointPresence.DefaultOn))
        {
            if (_removed.Contains(service))
            {
                Posture.StackPosture.Warn(this, WarningIds.OptionalEndpointRemoved, string.Format(CultureInfo.InvariantCulture,
                    "The '{0}' interface endpoint was removed (RemovedInterfaceEndpoints); calls to that service from the workspace will fail or hang.", service.Name));
                continue;
            }

            _ = AddInterfaceEndpoint(service);
        }

        foreach (var service in props.AdditionalInterfaceEndpoints ?? Array.Empty<InterfaceEndpointService>())
        {
            _ = AddInterfaceEndpoint(service);
        }
    }

    private Key NewLogsKey()
    {
        var key = KeyFactory.Create(this, "FlowLogsKey", "Encrypts the VPC flow logs and DNS query logs of a SageMaker workspace.");
        KeyFactory.AdmitCloudWatchLogs(key);
        return key;
    }

    private ILogGroup FlowLogs(IKey key, RetentionDays retention)
    {
        var group = LogGroups.Create(this, "FlowLogGroup", key, retention);
        var flowLog = new FlowLog(this, "FlowLog", new FlowLogProps
        {
            ResourceType = FlowLogResourceType.FromVpc(Vpc),
            TrafficType = FlowLogTrafficType.ALL,
            Destination = FlowLogDestination.ToCloudWatchLogs(group),
        });
        if (flowLog.IamRole?.Node.TryFindChild("DefaultPolicy") is { } policy)
        {
            Guardrails.Suppressions.RoleDefaultPolicy(Guardrails.Suppressions.Resource(policy));
        }

        return group;
    }

    private DnsFirewall? DnsFirewallFor(PrivateNetworkProps props, IKey key, RetentionDays retention)
    {
        var settings = props.DnsFirewall ?? new DnsFirewallProps();
        if (settings.ExistingRuleGroupId is { } existing)
        {
            Posture.StackPosture.Warn(this, WarningIds.DnsFirewallDisabled,
                "The workspace adds no DNS firewall of its own: DNS of the brought VPC is left to rule group '" + existing + "' (DnsFirewall.ExistingRuleGroupId), which this stack cannot verify.");
            return null;
        }

        if (settings.Enabled == false)
        {
            Posture.StackPosture.Warn(this, WarningIds.DnsFirewallDisabled,
                "The DNS firewall is off (DnsFirewall.Enabled false): code in the workspace can tunnel data out in DNS queries through the VPC's resolver.");
            return null;
        }

        foreach (var broad in (settings.AdditionalAllowedDomains ?? Array.Empty<string>()).Where(IsBroad))
        {
            Posture.StackPosture.Warn(this, WarningIds.BroadDnsAllowList,
                "The DNS firewall allows '" + broad + "', a whole top-level or public suffix domain: anyone who registers a name under it can receive data in DNS queries.");
        }

        return new DnsFirewall(this, "DnsFirewall", Vpc, key, retention, settings);
    }

    /// <summary>
    /// A wildcard over a public suffix (<c>*.com</c>, <c>*.co.uk</c>, <c>*.eu.org</c>, by the Public Suffix List): anyone can
    /// register a name under it and receive the queries, a DNS tunnel. Zones AWS answers for are not broad.
    /// </summary>
    internal static bool IsBroad(string domain) =>
        domain.StartsWith("*", StringComparison.Ordinal) && PublicSuffixes.IsPublicSuffix(domain.TrimStart('*', '.'));

    private static int Zones(ISubnet[] subnets) => subnets.Select(s => s.AvailabilityZone).Distinct().Count();

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
            v.IdOfKind(props.Vpc.VpcId, "Vpc", "vpc", "a VPC");
            CheckBroughtVpc(v, props);
        }
        else
        {
            CheckNewVpc(v, scope, props);
        }

        CheckEndpoints(v, props);
        if (Tokens.IsLiteral(props.OrganizationId))
        {
            v.Require(OrganizationIdPattern().IsMatch(props.OrganizationId!), "OrganizationId", props.OrganizationId, "Use an AWS Organizations id such as 'o-a1b2c3d4e5'.");
        }

        if (Tokens.IsLiteral(props.S3PrefixListId))
        {
            v.Require(PrefixListPattern().IsMatch(props.S3PrefixListId!), "S3PrefixListId", props.S3PrefixListId, "Use the id of the region's S3 prefix list, such as 'pl-63a5400a'.");
        }

        if (props.LogRetention is { } retention)
        {
            v.Require(Enum.IsDefined(retention), "LogRetention", (int)retention, "Use a RetentionDays value that CloudWatch Logs accepts.");
        }

        if (props.LogsKey is { } key)
        {
            WorkspaceKeys.CheckKeyArn(v, "LogsKey", key.KeyArn);
        }

        CheckDnsFirewall(v, props);
    }

    private static void CheckBroughtVpc(PropsValidator v, PrivateNetworkProps props)
    {
        var vpc = props.Vpc!;
        var isolated = Zones(vpc.IsolatedSubnets);
        var privateZones = Zones(vpc.PrivateSubnets);
        v.Require(isolated >= 2 || privateZones >= 2, "Vpc", vpc.Node.Path, string.Format(CultureInfo.InvariantCulture,
            "The VPC has isolated subnets in {0} and private subnets in {1} availability zone(s); bring a VPC with private or isolated subnets in at least two zones (public-only VPCs cannot hold a workspace).",
            isolated, privateZones));
        var chosen = isolated >= 2 ? vpc.IsolatedSubnets : vpc.PrivateSubnets;
        if (chosen.Any(s => !HasRouteTable(s)))
        {
            v.Fail("Vpc", vpc.Node.Path, "The VPC's subnets have no route table ids, which the S3 gateway endpoint needs; import it with Vpc.FromVpcAttributes including IsolatedSubnetRouteTableIds (or PrivateSubnetRouteTableIds), or with Vpc.FromLookup.");
        }

        foreach (var (name, value) in new (string, object?)[]
                 {
                     ("VpcCidr", props.VpcCidr), ("AvailabilityZoneCount", props.AvailabilityZoneCount),
                     ("AvailabilityZones", props.AvailabilityZones), ("SubnetCidrMask", props.SubnetCidrMask),
                 })
        {
            v.Require(value is null, name, value, "Leave it unset when bringing a VPC: it only shapes a new VPC.");
        }
    }

    private static bool HasRouteTable(ISubnet subnet)
    {
        try
        {
            return !string.IsNullOrEmpty(subnet.RouteTable?.RouteTableId);
        }
        catch (Exception e) when (e.Message.Contains("route table", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("routeTable", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    /// <summary>Ranges AWS documents as conflicting with SageMaker, with the documentation's reason.</summary>
    internal static readonly (string Cidr, string Why)[] ReservedCidrs =
    {
        ("172.17.0.0/16", "SageMaker notebook instances and Studio apps run Docker, whose default bridge network uses it, so addresses in it are unreachable from them (SageMaker Developer Guide: notebook instances in a VPC)."),
    };

    private static void CheckNewVpc(PropsValidator v, IConstruct scope, PrivateNetworkProps props)
    {
        var cidrText = props.VpcCidr ?? Defaults.VpcCidr;
        var mask = props.SubnetCidrMask ?? Defaults.SubnetCidrMask;
        var zoneCount = props.AvailabilityZones?.Length ?? props.AvailabilityZoneCount ?? Defaults.AvailabilityZoneCount;
        if (props.AvailabilityZones is { } zones && v.NoNullEntries(zones, "AvailabilityZones"))
        {
            CheckZones(v, scope, props, zones);
        }

        v.Require(zoneCount >= 2, props.AvailabilityZones is null ? "AvailabilityZoneCount" : "AvailabilityZones", zoneCount,
            "Use at least 2 availability zones: SageMaker endpoints and Studio need subnets in two zones.");
        if (props.AvailabilityZones is null && zoneCount > 2 && Tokens.IsUnresolved(Stack.Of(scope).Region))
        {
            v.Fail("AvailabilityZoneCount", zoneCount, "A stack without a fixed region can only address 2 zones; set AvailabilityZones, or give the stack an env with account and region.");
        }

        if (Tokens.IsUnresolved(cidrText))
        {
            v.Fail("VpcCidr", "a token", "Give the VPC CIDR as a literal such as '10.42.0.0/16': the subnets are carved out of it at synth.");
            return;
        }

        if (!Cidr.TryParse(cidrText, out var cidr) || !cidr.IsNetworkAddress || cidr.IsIpv6)
        {
            v.Fail("VpcCidr", cidrText, "Use an IPv4 CIDR block such as '10.42.0.0/16' whose host bits are zero.");
            return;
        }

        v.Require(cidr.PrefixLength is >= 16 and <= 24, "VpcCidr", cidrText, "Use a prefix from /16 to /24 (VPCs allow /16 to /28; subnets in two zones need room).");
        // "Docker on notebook instances uses 172.17.0.0/16; a VPC that overlaps it cannot reach the instance's endpoints"
        // (SageMaker Developer Guide, notebook instances: "Connect a notebook instance in a VPC to external resources").
        foreach (var (reserved, why) in ReservedCidrs)
        {
            v.Require(!(Cidr.TryParse(reserved, out var block) && cidr.Overlaps(block)), "VpcCidr", cidrText,
                "Use a block that does not overlap " + reserved + ": " + why);
        }
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

    private static void CheckZones(PropsValidator v, IConstruct scope, PrivateNetworkProps props, string[] zones)
    {
        v.Require(props.AvailabilityZoneCount is null || props.AvailabilityZoneCount == zones.Length,
            "AvailabilityZoneCount", props.AvailabilityZoneCount, "Set either AvailabilityZones or AvailabilityZoneCount, or make them agree.");
        v.Require(zones.Distinct(StringComparer.Ordinal).Count() == zones.Length, "AvailabilityZones", zones, "Name each availability zone once.");
        var literal = zones.Where(Tokens.IsLiteral).ToList();
        foreach (var zone in literal.Where(z => !ZonePattern().IsMatch(z)))
        {
            v.Fail("AvailabilityZones", zone, "Use an availability zone name such as 'eu-west-1a'.");
        }

        var regions = literal.Where(z => ZonePattern().IsMatch(z)).Select(z => z[..^1]).Distinct().ToList();
        var stackRegion = Stack.Of(scope).Region;
        if (regions.Count > 1)
        {
            v.Fail("AvailabilityZones", zones, "Name zones of one region: a VPC cannot span regions.");
        }
        else if (regions.Count == 1 && Tokens.IsLiteral(stackRegion) && regions[0] != stackRegion)
        {
            v.Fail("AvailabilityZones", zones, "Name zones of the stack's region '" + stackRegion + "'.");
        }
    }

    private static void CheckEndpoints(PropsValidator v, PrivateNetworkProps props)
    {
        var added = props.AdditionalInterfaceEndpoints ?? Array.Empty<InterfaceEndpointService>();
        var removed = props.RemovedInterfaceEndpoints ?? Array.Empty<InterfaceEndpointService>();
        if (!v.NoNullEntries(added, "AdditionalInterfaceEndpoints") | !v.NoNullEntries(removed, "RemovedInterfaceEndpoints"))
        {
            return;
        }

        foreach (var dup in added.GroupBy(e => e).Where(g => g.Count() > 1))
        {
            v.Fail("AdditionalInterfaceEndpoints", dup.Key.Name, "List each endpoint once.");
        }

        foreach (var e in added.Where(e => e.Presence is EndpointPresence.Mandatory or EndpointPresence.DefaultOn))
        {
            v.Fail("AdditionalInterfaceEndpoints", e.Name, "This endpoint is already in every workspace; remove it from AdditionalInterfaceEndpoints.");
        }

        foreach (var dup in removed.GroupBy(e => e).Where(g => g.Count() > 1))
        {
            v.Fail("RemovedInterfaceEndpoints", dup.Key.Name, "List each endpoint once.");
        }

        foreach (var e in removed.Where(e => e.Presence != EndpointPresence.DefaultOn))
        {
            v.Fail("RemovedInterfaceEndpoints", e.Name, e.Presence == EndpointPresence.Mandatory
                ? "This endpoint cannot be removed: without it jobs hang or the workspace cannot work."
                : "Only default endpoints can be removed; this one is not added unless a feature or AdditionalInterfaceEndpoints asks for it.");
        }
    }

    private static void CheckDnsFirewall(PropsValidator v, PrivateNetworkProps props)
    {
        if (props.DnsFirewall is not { } dns)
        {
            return;
        }

        if (dns.ExistingRuleGroupId is { } existing)
        {
            v.Require(props.Vpc is not null, "DnsFirewall.ExistingRuleGroupId", existing, "Only a brought VPC can be governed by another rule group; a new VPC gets the workspace's own.");
            v.Require(Tokens.IsUnresolved(existing) || RuleGroupPattern().IsMatch(existing), "DnsFirewall.ExistingRuleGroupId", existing, "Use a DNS firewall rule group id such as 'rslvr-frg-0123456789abcdef'.");
        }

        if (v.NoNullEntries(dns.AdditionalAllowedDomains, "DnsFirewall.AdditionalAllowedDomains"))
        {
            foreach (var domain in dns.AdditionalAllowedDomains ?? Array.Empty<string>())
            {
                v.Require(Tokens.IsLiteral(domain) && domain.Trim('.') != "*" && DomainPattern().IsMatch(domain), "DnsFirewall.AdditionalAllowedDomains", domain,
                    "Name a literal domain such as 'repo.example.internal' or '*.example.internal'; a bare '*', or a value decided at deploy time (which could be '*'), would reopen DNS tunnelling.");
                v.Require(domain.Length <= 255, "DnsFirewall.AdditionalAllowedDomains", domain.Length + " characters",
                    "Keep each domain to 255 characters, the Route 53 Resolver limit of a domain list entry.");
            }

            // The domain list is a set (uniqueItems in its CloudFormation schema): a repeated entry fails the deploy.
            foreach (var duplicate in (dns.AdditionalAllowedDomains ?? Array.Empty<string>()).GroupBy(d => d.TrimEnd('.').ToLowerInvariant()).Where(g => g.Count() > 1))
            {
                v.Fail("DnsFirewall.AdditionalAllowedDomains", duplicate.Key, "Name each domain once: the domain list takes no duplicates.");
            }
        }

        if (v.NoNullEntries(dns.ManagedThreatListIds, "DnsFirewall.ManagedThreatListIds"))
        {
            foreach (var list in (dns.ManagedThreatListIds ?? Array.Empty<string>()).Where(Tokens.IsLiteral))
            {
                v.Require(DomainListPattern().IsMatch(list), "DnsFirewall.ManagedThreatListIds", list, "Use the id of an AWS-managed domain list such as 'rslvr-fdl-0123456789abcdef' (aws route53resolver list-firewall-domain-lists).");
            }
        }
    }

    [GeneratedRegex("^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrganizationIdPattern();

    [GeneratedRegex("^pl-[0-9a-f]{8,17}$")]
    private static partial Regex PrefixListPattern();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9][a-z]$")]
    private static partial Regex ZonePattern();

    [GeneratedRegex("^rslvr-frg-[0-9a-f]{8,17}$")]
    private static partial Regex RuleGroupPattern();

    [GeneratedRegex("^rslvr-fdl-[0-9a-f]{8,17}$")]
    private static partial Regex DomainListPattern();

    [GeneratedRegex("^(\\*\\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?$")]
    private static partial Regex DomainPattern();
}
