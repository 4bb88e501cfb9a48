using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Newtonsoft.Json.Linq;
using SecureSageMaker.Network;
using Xunit;
using AssertAnnotations = Amazon.CDK.Assertions.Annotations;

namespace SecureSageMaker.Tests;

public class NetworkTests
{
    private static readonly string[] DefaultServices =
        { "sagemaker.api", "sagemaker.runtime", "sts", "logs", "monitoring", "ecr.api", "ecr.dkr", "kms" };

    private static IEnumerable<JObject> InterfaceEndpoints(Template template) =>
        TemplateJson.Resources(template, "AWS::EC2::VPCEndpoint")
            .Select(r => (JObject)r.Resource["Properties"]!)
            .Where(p => (string?)p["VpcEndpointType"] == "Interface");

    private static string ServiceSuffix(JObject endpointProperties)
    {
        var name = endpointProperties["ServiceName"]!;
        return name.Type == JTokenType.String
            ? (string)name!
            : string.Concat(name["Fn::Join"]![1]!.Children().Select(t => t.Type == JTokenType.String ? (string)t! : "<region>"));
    }

    [Fact]
    public void Vpc_HasIsolatedSubnetsInTwoZones_WhenEveryDefault()
    {
        var template = Examples.Default;
        template.HasResourceProperties("AWS::EC2::VPC", new Dictionary<string, object>
        {
            ["CidrBlock"] = "10.42.0.0/16",
            ["EnableDnsHostnames"] = true,
            ["EnableDnsSupport"] = true,
        });
        template.ResourceCountIs("AWS::EC2::Subnet", 2);
        foreach (var (_, subnet) in TemplateJson.Resources(template, "AWS::EC2::Subnet"))
        {
            Assert.False((bool)subnet["Properties"]!["MapPublicIpOnLaunch"]!);
        }
    }

    [Fact]
    public void Vpc_SpansThreeZones_WhenAvailabilityZoneCountIsThreeInAFixedRegion()
    {
        var (workspace, template) = TestStacks.Workspace(new SecureMlWorkspaceProps { AvailabilityZoneCount = 3, VpcCidr = "10.1.0.0/20", SubnetCidrMask = 24 });
        template.ResourceCountIs("AWS::EC2::Subnet", 3);
        template.HasResourceProperties("AWS::EC2::VPC", new Dictionary<string, object> { ["CidrBlock"] = "10.1.0.0/20" });
        Assert.Equal(3, workspace.Network.AvailabilityZoneCount);
        Assert.Equal(8 * 3 * 7.3, workspace.EstimatedMonthlyEndpointCostUsd, 2);
    }

    [Fact]
    public void InterfaceEndpoints_AreTheDefaultSet_WhenEveryDefault()
    {
        var services = InterfaceEndpoints(Examples.Default).Select(ServiceSuffix).OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(DefaultServices.Select(s => "com.amazonaws.<region>." + s).OrderBy(s => s, StringComparer.Ordinal), services);
    }

    [Fact]
    public void InterfaceEndpoints_HavePrivateDnsAndTheEndpointSecurityGroup_Always()
    {
        foreach (var template in new[] { Examples.Default, Examples.Full })
        {
            foreach (var endpoint in InterfaceEndpoints(template))
            {
                Assert.True((bool)endpoint["PrivateDnsEnabled"]!);
                var groups = endpoint["SecurityGroupIds"]!.Children().ToList();
                Assert.Single(groups);
                Assert.StartsWith("WorkspaceNetworkEndpointSecurityGroup", (string)groups[0]["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void InterfaceEndpointPolicies_AdmitThisAccountOnly_Always()
    {
        foreach (var endpoint in InterfaceEndpoints(Examples.Full))
        {
            var statements = endpoint["PolicyDocument"]!["Statement"]!.Children<JObject>().ToList();
            Assert.NotEmpty(statements);
            foreach (var statement in statements)
            {
                Assert.Equal("Allow", (string?)statement["Effect"]);
                Assert.Equal("AWS::AccountId", (string?)statement["Condition"]!["StringEquals"]!["aws:PrincipalAccount"]!["Ref"]);
            }

            var allowAll = statements.SingleOrDefault(s => (string?)s["Sid"] == "AllowThisAccountOnly");
            if (allowAll is not null)
            {
                Assert.Equal("AWS::AccountId", (string?)allowAll["Condition"]!["StringEqualsIfExists"]!["aws:ResourceAccount"]!["Ref"]);
            }
        }
    }

    [Fact]
    public void EcrEndpointPolicies_AllowPullOnlyFromOtherAccounts_WhenEveryDefault()
    {
        var ecr = InterfaceEndpoints(Examples.Default).Where(e => ServiceSuffix(e).Contains(".ecr.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ecr.Count);
        foreach (var endpoint in ecr)
        {
            var pull = endpoint["PolicyDocument"]!["Statement"]!.Children<JObject>().Single(s => (string?)s["Sid"] == "AllowImagePullFromAnyAccount");
            var actions = pull["Action"]!.Values<string>().ToList();
            Assert.DoesNotContain(actions, a => a!.Contains("Put", StringComparison.Ordinal) || a.Contains("Upload", StringComparison.Ordinal) || a == "*");
        }
    }

    [Fact]
    public void EndpointPolicies_AdmitTheOrganization_WhenOrganizationIdIsSet()
    {
        var (_, template) = TestStacks.Workspace(new SecureMlWorkspaceProps { OrganizationId = "o-a1b2c3d4e5" });
        foreach (var endpoint in InterfaceEndpoints(template))
        {
            var statement = endpoint["PolicyDocument"]!["Statement"]!.Children<JObject>().Last();
            Assert.Equal("o-a1b2c3d4e5", (string?)statement["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]);
            Assert.Equal("o-a1b2c3d4e5", (string?)statement["Condition"]!["StringEqualsIfExists"]!["aws:ResourceOrgID"]);
        }
    }

    [Fact]
    public void AdditionalEndpoints_AreAdded_WhenListed()
    {
        var (workspace, template) = TestStacks.Workspace(new SecureMlWorkspaceProps { AdditionalEndpoints = new[] { WorkspaceEndpoint.Ssm } });
        Assert.Contains(InterfaceEndpoints(template), e => ServiceSuffix(e) == "com.amazonaws.eu-west-1.ssm");
        Assert.Equal(9, workspace.InterfaceEndpointCount);
    }

    [Fact]
    public void RemovedEndpoint_IsAbsentWithAWarning_WhenADefaultEndpointIsRemoved()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { RemovedEndpoints = new[] { WorkspaceEndpoint.Monitoring } });
        var template = Template.FromStack(stack);
        Assert.DoesNotContain(InterfaceEndpoints(template), e => ServiceSuffix(e).EndsWith(".monitoring", StringComparison.Ordinal));
        Assert.Equal(7, workspace.InterfaceEndpointCount);
        AssertAnnotations.FromStack(stack).HasWarning("/TestStack/Workspace/Network", Match.StringLikeRegexp("monitoring.*" + WarningIds.OptionalEndpointRemoved));
    }

    [Theory]
    [InlineData("sts")]
    [InlineData("logs")]
    [InlineData("sagemaker.api")]
    [InlineData("kms")]
    public void RemovedEndpoints_Throws_WhenAMandatoryEndpointIsRemoved(string name)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            RemovedEndpoints = new[] { WorkspaceEndpoint.FromName(name) },
        }));
        Assert.Contains("RemovedEndpoints: received '" + name + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be removed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdditionalEndpoints_Throws_WhenDuplicatedOrAlreadyDefault()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            AdditionalEndpoints = new[] { WorkspaceEndpoint.Ssm, WorkspaceEndpoint.Ssm, WorkspaceEndpoint.Sts },
        }));
        Assert.Contains("AdditionalEndpoints: received 'ssm'. List each endpoint once.", error.Message, StringComparison.Ordinal);
        Assert.Contains("AdditionalEndpoints: received 'sts'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromName_Throws_WhenTheNameIsUnknown()
    {
        var error = Assert.Throws<ArgumentException>(() => WorkspaceEndpoint.FromName("sagemaker.apii"));
        Assert.Contains("Unknown endpoint name 'sagemaker.apii'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sagemaker.api", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_HasUniqueNamesAndIds_Always()
    {
        Assert.Equal(WorkspaceEndpoint.Catalog.Count, WorkspaceEndpoint.Catalog.Select(e => e.Name).Distinct().Count());
        Assert.Equal(WorkspaceEndpoint.Catalog.Count, WorkspaceEndpoint.Catalog.Select(e => e.ConstructId).Distinct().Count());
        Assert.Equal(new[] { "kms", "logs", "sagemaker.api", "sts" },
            WorkspaceEndpoint.Catalog.Where(e => e.Presence == EndpointPresence.Mandatory).Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void EndpointSecurityGroup_AdmitsOnlyHttpsFromWorkloads_WhenEveryDefault()
    {
        var template = Examples.Default;
        var ingress = TemplateJson.Resources(template, "AWS::EC2::SecurityGroupIngress").Select(r => r.Resource["Properties"]!).ToList();
        Assert.Single(ingress);
        Assert.Equal("tcp", (string?)ingress[0]["IpProtocol"]);
        Assert.Equal(443, (int)ingress[0]["FromPort"]!);
        Assert.Equal(443, (int)ingress[0]["ToPort"]!);
        Assert.StartsWith("WorkspaceNetworkWorkloadSecurityGroup", (string)ingress[0]["SourceSecurityGroupId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.StartsWith("WorkspaceNetworkEndpointSecurityGroup", (string)ingress[0]["GroupId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);

        // No inline ingress anywhere, and the endpoint group has no real egress.
        foreach (var (id, group) in TemplateJson.Resources(template, "AWS::EC2::SecurityGroup"))
        {
            Assert.Null(group["Properties"]!["SecurityGroupIngress"]);
            if (id.StartsWith("WorkspaceNetworkEndpointSecurityGroup", StringComparison.Ordinal))
            {
                var egress = Assert.Single(group["Properties"]!["SecurityGroupEgress"]!.Children());
                Assert.Equal("255.255.255.255/32", (string?)egress["CidrIp"]);
            }
        }
    }

    [Fact]
    public void WorkloadSecurityGroup_EgressIsHttpsOnly_WhenEveryDefault()
    {
        var template = Examples.Default;
        var inline = TemplateJson.Resources(template, "AWS::EC2::SecurityGroup")
            .Where(r => r.Id.StartsWith("WorkspaceNetworkWorkloadSecurityGroup", StringComparison.Ordinal))
            .SelectMany(r => r.Resource["Properties"]!["SecurityGroupEgress"]!.Children()).ToList();
        var separate = TemplateJson.Resources(template, "AWS::EC2::SecurityGroupEgress").Select(r => r.Resource["Properties"]!).ToList();
        foreach (var rule in inline.Concat(separate))
        {
            Assert.Equal("tcp", (string?)rule["IpProtocol"]);
            Assert.Equal(443, (int)rule["FromPort"]!);
            Assert.Equal(443, (int)rule["ToPort"]!);
        }

        Assert.Single(separate);
        Assert.StartsWith("WorkspaceNetworkEndpointSecurityGroup", (string)separate[0]["DestinationSecurityGroupId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.Null(inline.Single()["CidrIpv6"]);
    }

    [Fact]
    public void WorkloadSecurityGroup_EgressNamesThePrefixList_WhenS3PrefixListIdIsSet()
    {
        var (_, template) = TestStacks.Workspace(new SecureMlWorkspaceProps { S3PrefixListId = "pl-6da54004" });
        template.HasResourceProperties("AWS::EC2::SecurityGroupEgress", new Dictionary<string, object>
        {
            ["DestinationPrefixListId"] = "pl-6da54004",
            ["FromPort"] = 443,
            ["ToPort"] = 443,
            ["IpProtocol"] = "tcp",
        });
        Assert.DoesNotContain("0.0.0.0/0", TemplateJson.Of(template).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WorkloadSecurityGroup_AdmitsItself_OnlyWhenSelfReferencingTrafficIsAllowed()
    {
        var stack = TestStacks.Create();
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { AllowSelfReferencingTraffic = true });
        var template = Template.FromStack(stack);
        template.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Dictionary<string, object> { ["IpProtocol"] = "-1" });
        AssertAnnotations.FromStack(stack).HasWarning("/TestStack/Workspace/Network", Match.StringLikeRegexp(WarningIds.SelfReferencingTraffic));
        Assert.DoesNotContain(TemplateJson.Resources(Examples.Default, "AWS::EC2::SecurityGroupIngress"), r => (string?)r.Resource["Properties"]!["IpProtocol"] == "-1");
    }

    [Fact]
    public void EndpointSecurityGroup_AdmitsTheVpcCidr_OnlyWhenAsked()
    {
        var stack = TestStacks.Create();
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { AllowEndpointAccessFromVpcCidr = true });
        Template.FromStack(stack).HasResourceProperties("AWS::EC2::SecurityGroup", new Dictionary<string, object>
        {
            ["SecurityGroupIngress"] = Match.ArrayWith(new object[] { Match.ObjectLike(new Dictionary<string, object> { ["FromPort"] = 443, ["CidrIp"] = Match.AnyValue() }) }),
        });
        AssertAnnotations.FromStack(stack).HasWarning("/TestStack/Workspace/Network", Match.StringLikeRegexp(WarningIds.EndpointOpenToVpcCidr));
    }

    [Fact]
    public void S3GatewayEndpoint_IsOnEveryRouteTableWithANamedBucketPolicy_WhenEveryDefault()
    {
        var template = Examples.Default;
        var gateway = TemplateJson.Resources(template, "AWS::EC2::VPCEndpoint").Select(r => r.Resource["Properties"]!)
            .Single(p => (string?)p["VpcEndpointType"] == "Gateway");
        Assert.Equal(TemplateJson.Resources(template, "AWS::EC2::RouteTable").Count(), gateway["RouteTableIds"]!.Count());
        var statements = gateway["PolicyDocument"]!["Statement"]!.Children<JObject>().ToList();
        Assert.Equal(new[] { "AllowEcrImageLayers", "AllowJumpStartCache", "AllowWorkspaceBuckets" }, statements.Select(s => (string)s["Sid"]!));
        Assert.All(statements, s => Assert.NotEqual("\"*\"", s["Resource"]!.ToString(Newtonsoft.Json.Formatting.None)));
        Assert.Contains("-starport-layer-bucket/*", statements[0]["Resource"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("jumpstart-cache-prod-", statements[1]["Resource"]!.ToString(), StringComparison.Ordinal);
        var buckets = statements[2]["Resource"]!.ToString();
        Assert.Contains("WorkspaceDataBucket", buckets, StringComparison.Ordinal);
        Assert.Contains("WorkspaceModelBucket", buckets, StringComparison.Ordinal);
        Assert.Equal("AWS::AccountId", (string?)statements[2]["Condition"]!["StringEquals"]!["aws:PrincipalAccount"]!["Ref"]);
    }

    [Fact]
    public void FlowLog_CoversTheVpcIntoAnEncryptedRetainedLogGroup_WhenEveryDefault()
    {
        var template = Examples.Default;
        template.HasResourceProperties("AWS::EC2::FlowLog", new Dictionary<string, object>
        {
            ["ResourceType"] = "VPC",
            ["TrafficType"] = "ALL",
            ["LogDestinationType"] = "cloud-watch-logs",
        });
        var flowLog = TemplateJson.Resources(template, "AWS::EC2::FlowLog").Single().Resource["Properties"]!;
        var groupId = (string)flowLog["LogGroupName"]!["Ref"]!;
        var group = (JObject)TemplateJson.Of(template)["Resources"]![groupId]!;
        Assert.Equal("Retain", (string?)group["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)group["UpdateReplacePolicy"]);
        Assert.Equal(365, (int)group["Properties"]!["RetentionInDays"]!);
        Assert.StartsWith("WorkspaceKeysLogsKey", (string)group["Properties"]!["KmsKeyId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void PrivateNetwork_CreatesItsOwnFlowLogsKey_WhenUsedAlone()
    {
        var template = TestStacks.Synth(scope => _ = new PrivateNetwork(scope, "Network"));
        template.ResourceCountIs("AWS::KMS::Key", 1);
        template.HasResource("AWS::KMS::Key", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object> { ["EnableKeyRotation"] = true }),
        });
        template.ResourceCountIs("AWS::EC2::FlowLog", 1);
    }

    [Fact]
    public void BroughtVpc_IsUsedWithAWarning_WhenItHasPublicSubnets()
    {
        var stack = TestStacks.Create();
        var vpc = new Vpc(stack, "Existing", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = 1,
            RestrictDefaultSecurityGroup = false,
            SubnetConfiguration = new ISubnetConfiguration[]
            {
                new SubnetConfiguration { Name = "Public", SubnetType = SubnetType.PUBLIC },
                new SubnetConfiguration { Name = "Private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            },
        });
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Vpc = vpc });
        Assert.Same(vpc, workspace.Vpc);
        AssertAnnotations.FromStack(stack).HasWarning("/TestStack/Workspace/Network", Match.StringLikeRegexp("public subnets; the workloads run in private subnets with egress.*" + WarningIds.VpcHasInternetPath));
        var endpoint = TemplateJson.Resources(Template.FromStack(stack), "AWS::EC2::VPCEndpoint").Select(r => r.Resource["Properties"]!)
            .First(p => (string?)p["VpcEndpointType"] == "Interface");
        Assert.All(endpoint["SubnetIds"]!.Children(), s => Assert.Contains("PrivateSubnet", (string)s["Ref"]!, StringComparison.Ordinal));
    }

    [Fact]
    public void BroughtVpc_Throws_WhenItHasOnlyPublicSubnets()
    {
        var stack = TestStacks.Create();
        var vpc = Vpc.FromVpcAttributes(stack, "PublicOnly", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0",
            AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
            PublicSubnetIds = new[] { "subnet-0a", "subnet-0b" },
        });
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Vpc = vpc }));
        Assert.Contains("Vpc: received 'TestStack/PublicOnly'", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least two zones", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BroughtVpc_UsesIsolatedSubnets_WhenItHasThem()
    {
        var stack = TestStacks.Create();
        var vpc = Vpc.FromVpcAttributes(stack, "Isolated", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0",
            AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
            IsolatedSubnetIds = new[] { "subnet-0a", "subnet-0b" },
            IsolatedSubnetRouteTableIds = new[] { "rtb-0a", "rtb-0b" },
        });
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Vpc = vpc });
        Assert.Equal(new[] { "subnet-0a", "subnet-0b" }, workspace.Network.SubnetIds);
        AssertAnnotations.FromStack(stack).HasNoWarning("*", Match.StringLikeRegexp(WarningIds.VpcHasInternetPath));
        Template.FromStack(stack).HasResourceProperties("AWS::EC2::VPCEndpoint", new Dictionary<string, object>
        {
            ["VpcEndpointType"] = "Gateway",
            ["RouteTableIds"] = new[] { "rtb-0a", "rtb-0b" },
        });
    }

    [Theory]
    [InlineData("10.0.0.0/33", null, null, "VpcCidr: received '10.0.0.0/33'")]
    [InlineData("not-a-cidr", null, null, "VpcCidr: received 'not-a-cidr'")]
    [InlineData("10.0.0.0/26", null, null, "VpcCidr: received '10.0.0.0/26'. Use a prefix from /16 to /24")]
    [InlineData("10.0.0.0/24", 24, null, "SubnetCidrMask: received 24")]
    [InlineData("10.0.0.0/24", 25, 3, "VpcCidr: received '10.0.0.0/24'. A /24 holds 2 subnet(s) of /25 but 3 zones need 3")]
    [InlineData(null, null, 1, "AvailabilityZoneCount: received 1")]
    public void Network_Throws_WhenTheShapeIsInvalid(string? cidr, int? mask, int? zones, string expected)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new PrivateNetwork(stack, "Network", new PrivateNetworkProps
        {
            VpcCidr = cidr,
            SubnetCidrMask = mask,
            AvailabilityZoneCount = zones,
        }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Null(stack.Node.TryFindChild("Network"));
    }

    [Fact]
    public void Network_Throws_WhenThreeZonesAreAskedOfAStackWithoutRegion()
    {
        var stack = TestStacks.Create(fixedEnvironment: false);
        var error = Assert.Throws<ArgumentException>(() => new PrivateNetwork(stack, "Network", new PrivateNetworkProps { AvailabilityZoneCount = 3 }));
        Assert.Contains("set AvailabilityZones", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Network_UsesNamedZones_WhenAvailabilityZonesAreGiven()
    {
        var template = TestStacks.Synth(scope => _ = new PrivateNetwork(scope, "Network", new PrivateNetworkProps
        {
            AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b", "eu-west-1c" },
        }));
        template.ResourceCountIs("AWS::EC2::Subnet", 3);
        template.HasResourceProperties("AWS::EC2::Subnet", new Dictionary<string, object> { ["AvailabilityZone"] = "eu-west-1c" });
    }

    [Fact]
    public void Network_Throws_WhenOrganizationOrPrefixListIdsAreMalformed()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            OrganizationId = "my-org",
            S3PrefixListId = "s3",
        }));
        Assert.Contains("OrganizationId: received 'my-org'", error.Message, StringComparison.Ordinal);
        Assert.Contains("S3PrefixListId: received 's3'", error.Message, StringComparison.Ordinal);
    }
}
