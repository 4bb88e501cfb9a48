using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests;

public class WorkspaceTests
{
    [Fact]
    public void Workspace_ExposesItsContract_ForWorkloads()
    {
        IMlWorkspace workspace = Shared.DefaultWorkspace;
        Assert.NotNull(workspace.Vpc);
        Assert.NotNull(workspace.WorkloadSecurityGroup);
        Assert.NotNull(workspace.DataKey);
        Assert.NotNull(workspace.ModelBucket);
        Assert.NotEmpty(workspace.GuardrailPolicies);
        Assert.NotNull(workspace.JobRole);
        Assert.StartsWith("/securesagemaker/", workspace.ExecutionRolePath, StringComparison.Ordinal);
        Assert.False(workspace.AllowsTrafficBetweenWorkloads);
    }

    [Fact]
    public void Validation_ReportsEveryProblemAtOnce_AndAddsNothingToTheTree()
    {
        // GIVEN
        var stack = TestStacks.Create();

        // WHEN
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { VpcCidr = "10.0.0.1/16" },
            PresignedUrlAllowedCidrs = new[] { "not-a-cidr" },
            Keys = new WorkspaceKeysProps { PendingWindowDays = 1 },
        }));

        // THEN
        Assert.Contains("(3 problems)", error.Message, StringComparison.Ordinal);
        Assert.Contains("VpcCidr: received '10.0.0.1/16'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PresignedUrlAllowedCidrs: received 'not-a-cidr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PendingWindowDays: received 1", error.Message, StringComparison.Ordinal);
        Assert.Null(stack.Node.TryFindChild("Workspace"));
    }

    [Fact]
    public void TwoApps_BuiltInOneProcess_DoNotSeeEachOther()
    {
        // GIVEN: one app weakens and acknowledges, the other does not
        var first = TestStacks.Create("First");
        _ = new SecureMlWorkspace(first, "Workspace", new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { AllowSelfReferencingTraffic = true } });
        Acknowledge.Warning(first, WarningIds.SelfReferencingTraffic, "Distributed training.");
        var second = TestStacks.Create("Second");
        _ = new SecureMlWorkspace(second, "Workspace");

        // WHEN
        var firstReport = TestStacks.Report(first);
        var secondReport = TestStacks.Report(second);

        // THEN
        Assert.Contains(WarningIds.SelfReferencingTraffic, firstReport, StringComparison.Ordinal);
        Assert.DoesNotContain(WarningIds.SelfReferencingTraffic, secondReport, StringComparison.Ordinal);
        Assert.DoesNotContain("Distributed training.", secondReport, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoWorkspaces_InOneStack_ShareOnePostureAndWriteTwoReports()
    {
        // GIVEN
        var stack = TestStacks.Create();
        _ = new SecureMlWorkspace(stack, "Workspace");
        _ = new SecureMlWorkspace(stack, "Second", new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { VpcCidr = "10.43.0.0/16" } });

        // THEN
        Assert.Contains("# Security posture: TestStack/Second", TestStacks.Report(stack, "Second"), StringComparison.Ordinal);
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Fact]
    public void InputBuckets_AreAdmittedReadOnly_AndWarn()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var input = Bucket.FromBucketName(stack, "Input", "team-input");

        // WHEN
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { InputBuckets = new[] { input } });

        // THEN
        var read = TestStacks.Synth(stack).Statement("AWS::EC2::VPCEndpoint", "AllowInputBuckets");
        Assert.Contains("team-input", Cfn.Text(read, "Resource"), StringComparison.Ordinal);
        Assert.DoesNotContain("s3:PutObject", Cfn.Text(read, "Action"), StringComparison.Ordinal);
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.UnverifiedInputBucket, StringComparison.Ordinal));
    }

    [Fact]
    public void JobRole_ReadsDataWritesModelsAndPullsFromThisAccountAndAwsImages()
    {
        var statements = Shared.DefaultCfn.Statements("AWS::IAM::Policy").Where(s => s.ToJsonString().Contains("ecr:BatchGetImage", StringComparison.Ordinal)).Select(s => Cfn.Text(s, "Resource")).ToList();
        Assert.Contains(statements, r => r.Contains(":111122223333:repository/*", StringComparison.Ordinal));
        Assert.Contains(statements, r => r.Contains("763104351884", StringComparison.Ordinal));
        var role = Shared.DefaultCfn.Resource("WorkspaceJobRole");
        Assert.Equal(3600, Cfn.Number(role, "Properties", "MaxSessionDuration"));
        Assert.Contains("WorkspaceGuardrailPolicy", Cfn.Text(role, "Properties", "ManagedPolicyArns"), StringComparison.Ordinal);
        Assert.DoesNotContain("FullAccess", Shared.DefaultCfn.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyGuardrails_AttachesBothPolicies_ToRolesUsersAndGroups_IncludingImportedRoles()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();
        var imported = Role.FromRoleArn(stack, "Imported", "arn:aws:iam::111122223333:role/DataScientists");
        var own = new Role(stack, "Own", new RoleProps { AssumedBy = new AccountRootPrincipal() });
        var user = new User(stack, "Person");
        var group = Group.FromGroupName(stack, "Team", "ml-team");

        // WHEN
        workspace.ApplyGuardrails(imported, own, user, group);

        // THEN
        var cfn = TestStacks.Synth(stack);
        var guardrail = cfn.Resource("WorkspaceGuardrailPolicyPeople1");
        Assert.Contains("DataScientists", Cfn.Text(guardrail, "Properties", "Roles"), StringComparison.Ordinal);
        Assert.Contains("ml-team", Cfn.Text(guardrail, "Properties", "Groups"), StringComparison.Ordinal);
        Assert.Contains("DataScientists", Cfn.Text(cfn.Resource("WorkspacePresignedUrlPolicy"), "Properties", "Roles"), StringComparison.Ordinal);
        Assert.Contains("WorkspacePresignedUrlPolicy", Cfn.Text(cfn.Resource("Own"), "Properties", "ManagedPolicyArns"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceGuardrailPolicyPeople1", Cfn.Text(cfn.Resource("Person"), "Properties", "ManagedPolicyArns"), StringComparison.Ordinal);
        Assert.Contains("**on**", TestStacks.Report(stack).Split('\n').Single(l => l.Contains("IAM guardrail policy", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::444455556666:role/Foreign", "belongs to account 444455556666")]
    [InlineData("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DS_0123", "IAM Identity Center")]
    public void ApplyGuardrails_IsRejected_ForRolesItCannotAttachTo(string arn, string expected)
    {
        var (stack, workspace) = TestStacks.Workspace();
        var role = Role.FromRoleArn(stack, "Role", arn);
        var error = Assert.Throws<ArgumentException>(() => workspace.ApplyGuardrails(role));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyGuardrails_IsRejected_ForSomethingThatIsNotAPrincipal()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var error = Assert.Throws<ArgumentException>(() => workspace.ApplyGuardrails(new Bucket(stack, "NotAPrincipal")));
        Assert.Contains("is not an IAM role, user or group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PresignedUrlPolicy_AdmitsTheCidrsAndTheApiEndpoint_Only()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { PresignedUrlAllowedCidrs = new[] { "203.0.113.0/24", "2001:db8::/32" } });

        // THEN
        var deny = TestStacks.Synth(stack).Statement("AWS::IAM::ManagedPolicy", "DenyPresignedUrlsOutsideCompanyNetwork");
        Assert.Equal("\"Deny\"", Cfn.Text(deny, "Effect"));
        Assert.Contains("2001:db8::/32", Cfn.Text(deny, "Condition", "NotIpAddressIfExists", "aws:SourceIp"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceNetworkSageMakerApiEndpoint", Cfn.Text(deny, "Condition", "StringNotEqualsIfExists", "aws:SourceVpce"), StringComparison.Ordinal);
        Assert.Contains("sagemaker:CreatePresignedDomainUrl", Cfn.Text(deny, "Action"), StringComparison.Ordinal);
        Assert.Contains("sagemaker:CreatePresignedMlflowTrackingServerUrl", Cfn.Text(deny, "Action"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("0.0.0.0/1", "128.0.0.0/1")]
    [InlineData("::/0")]
    public void PresignedUrlPolicy_Warns_WhenTheCidrsCoverEveryAddress(params string[] cidrs)
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { PresignedUrlAllowedCidrs = cidrs });
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.PresignedUrlsFromAnywhere, StringComparison.Ordinal));
    }

    [Fact]
    public void ImportedWorkspace_ServesWorkloads_AndRejectsAnEndpointItDoesNotList()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0", VpcCidrBlock = "10.42.0.0/16", AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
            IsolatedSubnetIds = new[] { "subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2" },
            IsolatedSubnetRouteTableIds = new[] { "rtb-0aaaaaaaaaaaaaaa1", "rtb-0aaaaaaaaaaaaaaa2" },
        });
        var workspace = SecureMlWorkspace.FromWorkspaceAttributes(stack, "Imported", new MlWorkspaceAttributes
        {
            Vpc = vpc,
            WorkloadSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            WorkloadSecurityGroup = SecurityGroup.FromSecurityGroupId(stack, "Sg", "sg-0123456789abcdef0"),
            DataKey = Key.FromKeyArn(stack, "Data", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            LogsKey = Key.FromKeyArn(stack, "Logs", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ac"),
            DataBucket = Bucket.FromBucketName(stack, "DataBucket", "data"),
            ModelBucket = Bucket.FromBucketName(stack, "ModelBucket", "models"),
            GuardrailPolicies = new[] { ManagedPolicy.FromManagedPolicyName(stack, "Guardrails", "guardrails") },
            JobRole = Role.FromRoleName(stack, "JobRole", "job"),
            ExecutionRolePath = "/securesagemaker/ws/",
            InterfaceEndpoints = new[] { InterfaceEndpointService.SageMakerApi },
        });

        // WHEN
        var model = new IsolatedModel(stack, "Model", new IsolatedModelProps { Workspace = workspace, Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311") });
        var error = Assert.Throws<ArgumentException>(() => new SecureNotebookInstance(stack, "Notebook", new SecureNotebookInstanceProps { Workspace = workspace }));

        // THEN
        Assert.Contains("subnet-0aaaaaaaaaaaaaaa1", Cfn.Text(TestStacks.Synth(stack).Resource("Model"), "Properties", "VpcConfig"), StringComparison.Ordinal);
        Assert.Contains("'notebook' interface endpoint", error.Message, StringComparison.Ordinal);
        Assert.NotNull(model.ModelArn);
    }

    [Fact]
    public void Props_AreRejected_NamingTheNestedProperty()
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { VpcCidr = "10.0.0.0/8" },
            Keys = new WorkspaceKeysProps { PendingWindowDays = 3 },
        }));

        Assert.Contains("- Network.VpcCidr: received '10.0.0.0/8'", error.Message, StringComparison.Ordinal);
        Assert.Contains("- Keys.PendingWindowDays: received 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportedWorkspace_IsRejected_WhenAttributesAreMissing()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => SecureMlWorkspace.FromWorkspaceAttributes(stack, "Imported", new MlWorkspaceAttributes
        {
            Vpc = null!, WorkloadSubnets = null!, WorkloadSecurityGroup = null!, DataKey = null!, LogsKey = null!, DataBucket = null!,
            ModelBucket = null!, GuardrailPolicies = null!, JobRole = null!, ExecutionRolePath = "no-slashes", InterfaceEndpoints = null!,
        }));
        Assert.Contains("Vpc: received nothing (null)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExecutionRolePath: received 'no-slashes'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OfflineZones_AnswersTheZoneLookup_AndIsRejectedAfterChildren()
    {
        // GIVEN
        var stack = new Stack(new App(), "Fixed", new StackProps { Env = TestStacks.Env });

        // WHEN
        OfflineZones.Use(stack, "eu-west-1a", "eu-west-1b");
        _ = new SecureMlWorkspace(stack, "Workspace");
        var late = Assert.Throws<ArgumentException>(() => OfflineZones.Use(stack, "eu-west-1a", "eu-west-1b"));

        // THEN
        Assert.Equal(new[] { "eu-west-1a", "eu-west-1b" }, stack.AvailabilityZones);
        Assert.Contains("right after new Stack", late.Message, StringComparison.Ordinal);
        Assert.Empty(Amazon.CDK.Assertions.Annotations.FromStack(stack).FindError("*", Amazon.CDK.Assertions.Match.StringLikeRegexp(".*lookup.*")));
    }
}
