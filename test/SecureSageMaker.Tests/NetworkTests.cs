using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Xunit;

namespace SecureSageMaker.Tests;

public class NetworkTests
{
    private static Cfn Default => Shared.DefaultCfn;

    [Fact]
    public void Vpc_HasNoPathToTheInternet_WhenEveryDefault()
    {
        // THEN
        foreach (var type in new[] { "AWS::EC2::InternetGateway", "AWS::EC2::NatGateway", "AWS::EC2::EIP", "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::VPCGatewayAttachment" })
        {
            Assert.Empty(Default.OfType(type));
        }

        Assert.DoesNotContain(Default.OfType("AWS::EC2::Route"), r => Cfn.Text(r.Resource, "Properties").Contains("0.0.0.0/0", StringComparison.Ordinal));
        Assert.All(Default.OfType("AWS::EC2::Subnet"), s => Assert.NotEqual("true", s.Resource["Properties"]?["MapPublicIpOnLaunch"]?.ToJsonString()));
        Default.Template.HasResourceProperties("AWS::EC2::VPC", new Dictionary<string, object> { ["CidrBlock"] = "10.42.0.0/16", ["EnableDnsSupport"] = true, ["EnableDnsHostnames"] = true });
        Default.Template.ResourceCountIs("AWS::EC2::Subnet", 2);
    }

    [Fact]
    public void Vpc_SubnetsAndWorkloadSecurityGroup_AreRetained_WhenTheStackIsDeleted()
    {
        // THEN: a Studio domain's home volume keeps network interfaces in them
        Assert.Equal("Retain", (string?)Default.Single("AWS::EC2::VPC").Resource["DeletionPolicy"]);
        Assert.All(Default.OfType("AWS::EC2::Subnet"), s => Assert.Equal("Retain", (string?)s.Resource["DeletionPolicy"]));
        Assert.Equal("Retain", (string?)Default.Resource("WorkspaceNetworkWorkloadSecurityGroup")["DeletionPolicy"]);
    }

    [Fact]
    public void InterfaceEndpoints_AreTheMandatoryAndDefaultOnes_WithPrivateDns_WhenEveryDefault()
    {
        var services = Default.OfType("AWS::EC2::VPCEndpoint").Where(e => (string?)e.Resource["Properties"]!["VpcEndpointType"] == "Interface")
            .Select(e => Cfn.Text(e.Resource, "Properties", "ServiceName")).ToList();
        Assert.Equal(8, services.Count);
        foreach (var name in new[] { "sagemaker.api", "sagemaker.runtime", "sts", "logs", "monitoring", "ecr.api", "ecr.dkr", "kms" })
        {
            Assert.Contains(services, s => s.EndsWith("." + name + "\"]]}", StringComparison.Ordinal) || s.EndsWith("." + name + "\"", StringComparison.Ordinal));
        }

        Assert.All(Default.OfType("AWS::EC2::VPCEndpoint").Where(e => (string?)e.Resource["Properties"]!["VpcEndpointType"] == "Interface"),
            e => Assert.Equal("true", Cfn.Text(e.Resource, "Properties", "PrivateDnsEnabled")));
    }

    [Fact]
    public void InterfaceEndpointPolicies_AdmitOnlyThisAccount_WhenNoOrganizationIsGiven()
    {
        var statement = Default.Statement("AWS::EC2::VPCEndpoint", "AllowThisAccountOnly");
        Assert.Contains("aws:PrincipalAccount", Cfn.Text(statement, "Condition", "StringEquals"), StringComparison.Ordinal);
        Assert.Contains("aws:ResourceAccount", Cfn.Text(statement, "Condition", "StringEqualsIfExists"), StringComparison.Ordinal);
    }

    [Fact]
    public void InterfaceEndpointPolicies_AdmitTheOrganization_WhenOrganizationIdIsSet()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { OrganizationId = "o-a1b2c3d4e5" } });

        // WHEN
        var cfn = TestStacks.Synth(stack);

        // THEN
        var statement = cfn.Statement("AWS::EC2::VPCEndpoint", "AllowThisOrganizationOnly");
        Assert.Equal("\"o-a1b2c3d4e5\"", Cfn.Text(statement, "Condition", "StringEquals", "aws:PrincipalOrgID"));
        Assert.Equal("\"o-a1b2c3d4e5\"", Cfn.Text(statement, "Condition", "StringEqualsIfExists", "aws:ResourceOrgID"));
        Assert.DoesNotContain(cfn.Statements("AWS::EC2::VPCEndpoint"), s => (string?)s["Sid"] == "AllowThisAccountOnly");
    }

    [Fact]
    public void EcrEndpoints_AllowImagePullFromAnyAccount_ButNoPush()
    {
        var pull = Default.Statement("AWS::EC2::VPCEndpoint", "AllowImagePullFromAnyAccount");
        var actions = Cfn.Text(pull, "Action");
        Assert.Contains("ecr:BatchGetImage", actions, StringComparison.Ordinal);
        Assert.DoesNotContain("ecr:PutImage", actions, StringComparison.Ordinal);
        Assert.DoesNotContain("ecr:InitiateLayerUpload", actions, StringComparison.Ordinal);
    }

    [Fact]
    public void S3GatewayEndpoint_AdmitsTheWorkspaceBucketsAndAwsOwnedOnes_AndNothingElse()
    {
        var statements = Default.OfType("AWS::EC2::VPCEndpoint").Single(e => (string?)e.Resource["Properties"]!["VpcEndpointType"] == "Gateway").Resource;
        var sids = Cfn.At(statements, "Properties", "PolicyDocument", "Statement").AsArray().Select(s => (string?)s!["Sid"]).ToList();
        Assert.Equal(new[] { "AllowEcrImageLayers", "AllowJumpStartCache", "AllowWorkspaceBuckets" }, sids.OrderBy(s => s));
        var buckets = Default.Statement("AWS::EC2::VPCEndpoint", "AllowWorkspaceBuckets");
        Assert.Equal(4, Cfn.At(buckets, "Resource").AsArray().Count);
        Assert.DoesNotContain("s3:*", Cfn.Text(buckets, "Action"), StringComparison.Ordinal);
        Assert.Contains("starport-layer-bucket", Cfn.Text(Default.Statement("AWS::EC2::VPCEndpoint", "AllowEcrImageLayers"), "Resource"), StringComparison.Ordinal);
    }

    [Fact]
    public void SecurityGroups_AdmitOnlyHttpsFromWorkloadsToEndpoints()
    {
        var endpoints = Default.Resource("WorkspaceNetworkEndpointSecurityGroup");
        Assert.Null(endpoints["Properties"]!["SecurityGroupIngress"]);
        var ingress = Default.OfType("AWS::EC2::SecurityGroupIngress").Select(r => r.Resource).ToList();
        var https = Assert.Single(ingress);
        Assert.Equal(443, Cfn.Number(https, "Properties", "FromPort"));
        Assert.Contains("WorkspaceNetworkWorkloadSecurityGroup", Cfn.Text(https, "Properties", "SourceSecurityGroupId"), StringComparison.Ordinal);
        Assert.All(Default.OfType("AWS::EC2::SecurityGroup"), g => Assert.DoesNotContain("\"-1\"", Cfn.Text(g.Resource, "Properties"), StringComparison.Ordinal));
    }

    [Fact]
    public void WorkloadSecurityGroup_SendsOnlyHttps_WhenEveryDefault()
    {
        var egress = Default.Resource("WorkspaceNetworkWorkloadSecurityGroup")["Properties"]!["SecurityGroupEgress"]!.AsArray();
        Assert.All(egress, rule => Assert.Equal(443, Cfn.Number(rule!, "FromPort")));
        Assert.All(Default.OfType("AWS::EC2::SecurityGroupEgress"), r => Assert.Equal(443, Cfn.Number(r.Resource, "Properties", "FromPort")));
    }

    [Fact]
    public void WorkloadSecurityGroup_NamesThePrefixList_WhenS3PrefixListIdIsSet()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { S3PrefixListId = "pl-6ea54007" } });

        // THEN
        var cfn = TestStacks.Synth(stack);
        Assert.DoesNotContain("0.0.0.0/0", Cfn.Text(cfn.Resource("WorkspaceNetworkWorkloadSecurityGroup"), "Properties"), StringComparison.Ordinal);
        cfn.Template.HasResourceProperties("AWS::EC2::SecurityGroupEgress", new Dictionary<string, object> { ["DestinationPrefixListId"] = "pl-6ea54007", ["FromPort"] = 443 });
    }

    [Fact]
    public void SelfReferencingTraffic_OpensTheGroupToItself_AndWarns_WhenAllowed()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { AllowSelfReferencingTraffic = true } });

        // THEN
        TestStacks.Synth(stack).Template.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Dictionary<string, object> { ["IpProtocol"] = "-1" });
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.SelfReferencingTraffic, StringComparison.Ordinal));
    }

    [Fact]
    public void Warnings_OnlySayThatNoPersonIsGuardedYet_WhenEveryDefault()
    {
        // Every control is on; until ApplyGuardrails names a person, the console says the two policies protect nobody.
        var warnings = TestStacks.Warnings(Shared.DefaultStack);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("attached to no", w, StringComparison.Ordinal));
        Assert.Empty(TestStacks.Errors(Shared.DefaultStack));
    }

    [Fact]
    public void EndpointSecurityGroup_AdmitsTheVpcCidr_AndWarns_WhenAllowEndpointAccessFromVpcCidr()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { AllowEndpointAccessFromVpcCidr = true } });

        // THEN
        Assert.Contains("CidrBlock", Cfn.Text(TestStacks.Synth(stack).Resource("WorkspaceNetworkEndpointSecurityGroup"), "Properties", "SecurityGroupIngress"), StringComparison.Ordinal);
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.EndpointOpenToVpcCidr, StringComparison.Ordinal));
    }

    [Fact]
    public void RemovedEndpoint_IsLeftOut_AndWarns()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { RemovedInterfaceEndpoints = new[] { InterfaceEndpointService.Monitoring } } });

        // THEN
        Assert.Equal(7, TestStacks.Synth(stack).OfType("AWS::EC2::VPCEndpoint").Count(e => (string?)e.Resource["Properties"]!["VpcEndpointType"] == "Interface"));
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.OptionalEndpointRemoved, StringComparison.Ordinal) && w.Contains("monitoring", StringComparison.Ordinal));
    }

    [Fact]
    public void AddInterfaceEndpoint_IsIdempotent_AndRejectsARemovedOne()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { RemovedInterfaceEndpoints = new[] { InterfaceEndpointService.SageMakerRuntime } } });

        // WHEN
        var first = workspace.Network.AddInterfaceEndpoint(InterfaceEndpointService.Ssm);
        var second = workspace.Network.AddInterfaceEndpoint(InterfaceEndpointService.Ssm);
        var error = Assert.Throws<ArgumentException>(() => workspace.Network.AddInterfaceEndpoint(InterfaceEndpointService.SageMakerRuntime));

        // THEN
        Assert.Same(first, second);
        Assert.Contains("RemovedInterfaceEndpoints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlowLogs_CoverTheVpc_IntoAnEncryptedRetainedLogGroup()
    {
        var (_, flowLog) = Default.Single("AWS::EC2::FlowLog");
        Assert.Equal("\"VPC\"", Cfn.Text(flowLog, "Properties", "ResourceType"));
        Assert.Equal("\"ALL\"", Cfn.Text(flowLog, "Properties", "TrafficType"));
        var group = Default.Resource("WorkspaceNetworkFlowLogGroup");
        Assert.Contains("WorkspaceKeysLogsKey", Cfn.Text(group, "Properties", "KmsKeyId"), StringComparison.Ordinal);
        Assert.Equal(365, Cfn.Number(group, "Properties", "RetentionInDays"));
        Assert.Equal("Retain", (string?)group["DeletionPolicy"]);
    }

    [Fact]
    public void BroughtVpc_IsUsed_WithItsIsolatedSubnets_AndNoNewVpc()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var vpc = new Vpc(stack, "Existing", new VpcProps
        {
            NatGateways = 0, MaxAzs = 2, CreateInternetGateway = false,
            SubnetConfiguration = new ISubnetConfiguration[] { new SubnetConfiguration { Name = "Isolated", SubnetType = SubnetType.PRIVATE_ISOLATED } },
        });

        // WHEN
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { Vpc = vpc } });

        // THEN
        var cfn = TestStacks.Synth(stack);
        cfn.Template.ResourceCountIs("AWS::EC2::VPC", 1);
        Assert.DoesNotContain(TestStacks.Warnings(stack), w => w.Contains(WarningIds.VpcHasInternetPath, StringComparison.Ordinal));
    }

    [Fact]
    public void BroughtVpc_Warns_WhenWorkloadsMustRunInPrivateSubnetsWithEgress()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var vpc = new Vpc(stack, "Existing", new VpcProps { NatGateways = 1, MaxAzs = 2 });

        // WHEN
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { Vpc = vpc } });

        // THEN
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.VpcHasInternetPath, StringComparison.Ordinal) && w.Contains("public subnets", StringComparison.Ordinal));
    }

    [Fact]
    public void BroughtVpc_IsRejected_WhenItsSubnetsHaveNoRouteTables()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var vpc = Vpc.FromVpcAttributes(stack, "Imported", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0", AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
            IsolatedSubnetIds = new[] { "subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2" },
        });

        // WHEN
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { Vpc = vpc } }));

        // THEN
        Assert.Contains("IsolatedSubnetRouteTableIds", error.Message, StringComparison.Ordinal);
        Assert.Null(stack.Node.TryFindChild("Workspace"));
    }

    [Theory]
    [InlineData("10.0.0.1/16", null, null, "VpcCidr: received '10.0.0.1/16'")]
    [InlineData("10.0.0.0/12", null, null, "VpcCidr: received '10.0.0.0/12'. Use a prefix from /16 to /24")]
    [InlineData(null, 1, null, "AvailabilityZoneCount: received 1")]
    [InlineData(null, null, 30, "SubnetCidrMask: received 30")]
    public void NewVpc_IsRejected_WithTheProperty_WhenItsShapeIsInvalid(string? cidr, int? zones, int? mask, string expected)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { VpcCidr = cidr, AvailabilityZoneCount = zones, SubnetCidrMask = mask },
        }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid props for construct 'TestStack/Workspace'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewVpc_IsRejected_WhenItsCidrIsAToken()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { VpcCidr = new CfnParameter(stack, "Cidr").ValueAsString },
        }));
        Assert.Contains("VpcCidr: received 'a token'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zones_AreRejected_WhenTheyNameTwoRegionsANullOrAnotherRegion()
    {
        var stack = TestStacks.Create();
        var twoRegions = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "A", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { AvailabilityZones = new[] { "eu-west-1a", "us-east-1a" } },
        }));
        var withNull = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "B", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { AvailabilityZones = new[] { "eu-west-1a", null! } },
        }));
        Assert.Contains("Name zones of one region", twoRegions.Message, StringComparison.Ordinal);
        Assert.Contains("AvailabilityZones: received a list with an empty (null) entry", withNull.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("org-1234", null, "OrganizationId: received 'org-1234'")]
    [InlineData(null, "prefix", "S3PrefixListId: received 'prefix'")]
    public void NetworkIds_AreRejected_WhenMalformed(string? organization, string? prefixList, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { OrganizationId = organization, S3PrefixListId = prefixList },
        }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoints_AreRejected_WhenAMandatoryOneIsRemovedOrOneIsAddedTwice()
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps
            {
                RemovedInterfaceEndpoints = new[] { InterfaceEndpointService.Sts },
                AdditionalInterfaceEndpoints = new[] { InterfaceEndpointService.Ssm, InterfaceEndpointService.Ssm },
            },
        }));
        Assert.Contains("RemovedInterfaceEndpoints: received 'sts'. This endpoint cannot be removed", error.Message, StringComparison.Ordinal);
        Assert.Contains("AdditionalInterfaceEndpoints: received 'ssm'. List each endpoint once.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_FindsEndpointsByName_AndNamesTheKnownOnes_WhenUnknown()
    {
        Assert.Same(InterfaceEndpointService.Ssm, InterfaceEndpointService.FromName("ssm"));
        var error = Assert.Throws<ArgumentException>(() => InterfaceEndpointService.FromName("nope"));
        Assert.Contains("sagemaker.api", error.Message, StringComparison.Ordinal);
    }
}
