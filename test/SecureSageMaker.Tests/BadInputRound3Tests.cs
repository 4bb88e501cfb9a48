using Amazon.CDK;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>Bad input, round 3 (issue 24): each GIVEN is a realistic mistake; THEN the message names the property, the value and what is allowed.</summary>
public class BadInputRound3Tests
{
    [Theory]
    [InlineData("172.17.0.0/16")]
    [InlineData("172.16.0.0/12")]
    [InlineData("172.17.128.0/20")]
    public void VpcCidr_OverlappingDockersBridge_IsRejected_WithTheDocumentedReason(string cidr)
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { VpcCidr = cidr } }));
        Assert.Contains("Network.VpcCidr: received '" + cidr + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("172.17.0.0/16", error.Message, StringComparison.Ordinal);
        Assert.Contains("Docker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VpcCidr_BesideDockersBridge_IsAccepted()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { VpcCidr = "172.18.0.0/16" } });
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Fact]
    public void OfflineZones_TheSameZoneTwice_IsRejected()
    {
        var stack = new Stack(new App(), "Zones", new StackProps { Env = TestStacks.Env });
        var error = Assert.Throws<ArgumentException>(() => OfflineZones.Use(stack, "eu-west-1a", "eu-west-1a"));
        Assert.Contains("received [eu-west-1a, eu-west-1a]", error.Message, StringComparison.Ordinal);
        Assert.Contains("each once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageMirrorSources_AnUndefinedValue_IsAClearError_NotAKeyNotFoundException()
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps { Sources = new[] { (PackageSource)99 } } }));
        Assert.True(error.Message.Contains("PackageMirror.Sources: received", StringComparison.Ordinal) && error.Message.Contains("99", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void PackageMirrorSources_AnEmptyList_IsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps { Sources = Array.Empty<PackageSource>() } }));
        Assert.Contains("PackageMirror.Sources: received '(empty)'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployRolePrincipalArns_AnEmptyList_IsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => new SecureSageMaker.Guardrails.OrganizationGuardrails(TestStacks.Create(), "Guardrails", new SecureSageMaker.Guardrails.OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" }, StackSetsExecution = true, DeployRolePrincipalArns = Array.Empty<string>(),
        }));
        Assert.Contains("DeployRolePrincipalArns: received '(empty list)'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectiveControls_ARecorderChoiceContradictedByTheObsoleteAlias_IsAnError()
    {
#pragma warning disable CS0618 // the obsolete alias is what this test feeds
        var props = new DetectiveControlsProps { Recorder = ConfigRecorder.UseExisting, CreateRecorder = true };
#pragma warning restore CS0618
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { DetectiveControls = props }));
        Assert.Contains("DetectiveControls.CreateRecorder: received", error.Message, StringComparison.Ordinal);
        Assert.Contains("contradicts Recorder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointName_LongerThan54_IsAnError_ForItsSuffix()
    {
        var (_, workspace) = TestStacks.Workspace();
        var model = workspace.AddModel("Model", new IsolatedModelProps
        {
            Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311"),
            ModelData = ModelData.FromUrl("s3://artifacts-bucket/models/churn/model.tar.gz"),
        });
        var name = new string('e', 55);
        var error = Assert.Throws<ArgumentException>(() => workspace.AddEndpoint("Endpoint", new EncryptedEndpointProps { Model = model, EndpointName = name }));
        Assert.Contains("EndpointName: received '" + name + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 54", error.Message, StringComparison.Ordinal);
    }

    // Class 3: limits that only show in combination.
    [Fact]
    public void NotebookOnStartScript_ThatFitsAloneButNotAfterTheWorkspacesOwn_IsAnError()
    {
        var (_, workspace) = TestStacks.Workspace(new SecureMlWorkspaceProps { IdleShutdown = Duration.Hours(2) });
        var script = "#!/bin/bash\n" + new string('#', 12_000) + "\n";
        var error = Assert.Throws<ArgumentException>(() => workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { OnStartScript = script }));
        Assert.Contains("OnStartScript: received '", error.Message, StringComparison.Ordinal);
        Assert.Contains("The workspace's own start script", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowListDomains_TooLongOrRepeated_AreErrors()
    {
        var longDomain = string.Join(".", Enumerable.Repeat(new string('a', 60), 5)) + ".example.com";
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { DnsFirewall = new DnsFirewallProps { AdditionalAllowedDomains = new[] { longDomain, "repo.example.internal", "Repo.example.internal." } } },
        }));
        Assert.Contains("Network.DnsFirewall.AdditionalAllowedDomains: received '" + longDomain.Length + " characters'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Network.DnsFirewall.AdditionalAllowedDomains: received 'repo.example.internal'", error.Message, StringComparison.Ordinal);
    }

    // Class 4: account, region and ownership of what is brought in.
    [Fact]
    public void ImportedWorkspace_WithAKeyOfAnotherRegion_AndAVpcEndpointIdAsVpc_IsAnError()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => SecureMlWorkspace.FromWorkspaceAttributes(stack, "Imported", new MlWorkspaceAttributes
        {
            Vpc = Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(stack, "Vpc", new Amazon.CDK.AWS.EC2.VpcAttributes { VpcId = "vpce-0123456789abcdef0", AvailabilityZones = new[] { "eu-west-1a" }, IsolatedSubnetIds = new[] { "subnet-0123456789abcdef0" } }),
            WorkloadSubnets = new Amazon.CDK.AWS.EC2.SubnetSelection { SubnetType = Amazon.CDK.AWS.EC2.SubnetType.PRIVATE_ISOLATED },
            WorkloadSecurityGroup = Amazon.CDK.AWS.EC2.SecurityGroup.FromSecurityGroupId(stack, "Sg", "sg-0123456789abcdef0"),
            DataKey = Amazon.CDK.AWS.KMS.Key.FromKeyArn(stack, "Data", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            LogsKey = Amazon.CDK.AWS.KMS.Key.FromKeyArn(stack, "Logs", "arn:aws:kms:eu-west-1:111122223333:alias/logs"),
            DataBucket = Amazon.CDK.AWS.S3.Bucket.FromBucketName(stack, "DataB", "data-bucket"),
            ModelBucket = Amazon.CDK.AWS.S3.Bucket.FromBucketName(stack, "ModelB", "model-bucket"),
            GuardrailPolicies = new[] { Amazon.CDK.AWS.IAM.ManagedPolicy.FromManagedPolicyArn(stack, "G", "arn:aws:iam::444455556666:policy/securesagemaker/G") },
            JobRole = Amazon.CDK.AWS.IAM.Role.FromRoleArn(stack, "Job", "arn:aws:iam::111122223333:role/securesagemaker/W/JobRole"),
            ExecutionRolePath = "/securesagemaker/W/",
            InterfaceEndpoints = Array.Empty<InterfaceEndpointService>(),
        }));
        Assert.Contains("Vpc: received 'vpce-0123456789abcdef0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DataKey: received 'us-east-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("LogsKey: received 'arn:aws:kms:eu-west-1:111122223333:alias/logs'", error.Message, StringComparison.Ordinal);
        Assert.Contains("GuardrailPolicies: received 'arn:aws:iam::444455556666:policy/securesagemaker/G'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelData_InABucketOutsideTheWorkspace_IsAnError_NotAReadGrant()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var foreign = Amazon.CDK.AWS.S3.Bucket.FromBucketName(stack, "Foreign", "someone-elses-bucket");
        var error = Assert.Throws<ArgumentException>(() => workspace.AddModel("Model", new IsolatedModelProps
        {
            Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311"),
            ModelData = ModelData.FromBucket(foreign, "model.tar.gz"),
        }));
        Assert.Contains("ModelData: received 'someone-elses-bucket'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EcrRepository_OfAnotherRegion_IsAnError()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var repository = Amazon.CDK.AWS.ECR.Repository.FromRepositoryArn(stack, "Repo", "arn:aws:ecr:us-east-1:111122223333:repository/models");
        var error = Assert.Throws<ArgumentException>(() => workspace.AddModel("Model", new IsolatedModelProps { Image = ContainerImage.FromEcrRepository(repository, "v1") }));
        Assert.Contains("Image: received 'us-east-1'", error.Message, StringComparison.Ordinal);
    }

    // Class 5: singletons.
    [Fact]
    public void SageMakerLogGroups_TwiceForOneAccountAndRegion_IsAnError()
    {
        var app = new App();
        _ = new SageMakerLogGroups(new Stack(app, "A", new StackProps { Env = TestStacks.Env }), "Logs");
        var error = Assert.Throws<ArgumentException>(() => new SageMakerLogGroups(new Stack(app, "B", new StackProps { Env = TestStacks.Env }), "Logs"));
        Assert.Contains("once per account and region", error.Message, StringComparison.Ordinal);
        Assert.Contains("A/Logs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoConfigRecorders_InOneAccountAndRegion_AreAnError()
    {
        var stack = TestStacks.Create();
        _ = new SecureMlWorkspace(stack, "First", new SecureMlWorkspaceProps { DetectiveControls = new DetectiveControlsProps { Recorder = ConfigRecorder.CreateNew } });
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Second", new SecureMlWorkspaceProps { DetectiveControls = new DetectiveControlsProps { Recorder = ConfigRecorder.CreateNew } }));
        Assert.Contains("DetectiveControls.Recorder: received 'ConfigRecorder.CreateNew'", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseExisting", error.Message, StringComparison.Ordinal);
    }

    // Class 6: encoding mistakes.
    [Fact]
    public void Base64EncodedScript_IsAnError_ItWouldBeEncodedTwice()
    {
        var (_, workspace) = TestStacks.Workspace();
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("#!/bin/bash\nset -e\necho hello\n"));
        var error = Assert.Throws<ArgumentException>(() => workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { OnCreateScript = encoded }));
        Assert.Contains("OnCreateScript: received '", error.Message, StringComparison.Ordinal);
        Assert.Contains("plain text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyAlias_WhereAKeyIsNeeded_IsAnError()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SageMakerLogGroups(stack, "Logs", new SageMakerLogGroupsProps { EncryptionKey = Amazon.CDK.AWS.KMS.Key.FromKeyArn(stack, "K", "arn:aws:kms:eu-west-1:111122223333:alias/logs") }));
        Assert.Contains("EncryptionKey: received 'arn:aws:kms:eu-west-1:111122223333:alias/logs'", error.Message, StringComparison.Ordinal);
    }

    // Class 10: ids of the wrong kind.
    [Fact]
    public void VpcId_WhereAVpcEndpointIdIsExpected_IsAnError()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureBucket(stack, "Bucket", new SecureBucketProps
        {
            AllowedVpcEndpoint = Amazon.CDK.AWS.EC2.GatewayVpcEndpoint.FromGatewayVpcEndpointId(stack, "E", "vpc-0123456789abcdef0"),
        }));
        Assert.Contains("AllowedVpcEndpoint: received 'vpc-0123456789abcdef0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'vpc-' is the id of another kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageDigests_AreAddressedWithAnAt_AndADigestAfterAColonIsAnError()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var digest = "sha256:" + new string('a', 64);
        var model = workspace.AddModel("Model", new IsolatedModelProps { Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", digest) });
        Assert.Contains("/pytorch-inference@" + digest, Cfn.Flat(TestStacks.Synth(stack).Single("AWS::SageMaker::Model").Resource["Properties"]!["PrimaryContainer"]!["Image"]!), StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => workspace.AddModel("Other", new IsolatedModelProps { Image = ContainerImage.FromImageUri("111122223333.dkr.ecr.eu-west-1.amazonaws.com/models:" + digest) }));
        Assert.Contains("Address a digest with '@'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(model);
    }
}
