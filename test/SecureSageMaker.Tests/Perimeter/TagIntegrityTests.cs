using SecureSageMaker.Guardrails;
using SecureSageMaker.Tests.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Perimeter;

/// <summary>Tag integrity (issue 22.7): the workspace tag that scopes the seats' rights cannot be moved or removed by them.</summary>
public class TagIntegrityTests
{
    private const string Key = "aws:ResourceTag/SecureSageMakerWorkspace";

    private static IReadOnlyList<GuardrailStatement> Statements => Shared.DefaultWorkspace.Guardrails.Statements;

    private static string Own => Shared.DefaultWorkspace.ExecutionRolePath.Trim('/').Split('/').Last();

    [Fact]
    public void Tagging_AnotherWorkspacesJob_IsDenied()
    {
        var context = new Dictionary<string, string[]> { [Key] = new[] { "OtherWorkspace0123ABCD" }, ["aws:RequestTag/SecureSageMakerWorkspace"] = new[] { Own } };
        Assert.Contains("DenyRetaggingOtherWorkspaces", PolicySimulator.DeniedBy(Statements, "sagemaker:AddTags", context));
    }

    [Fact]
    public void Tagging_AtCreate_OrOwnResources_IsNotDenied()
    {
        Assert.DoesNotContain("DenyRetaggingOtherWorkspaces", PolicySimulator.DeniedBy(Statements, "sagemaker:AddTags", new Dictionary<string, string[]>()));
        Assert.DoesNotContain("DenyRetaggingOtherWorkspaces", PolicySimulator.DeniedBy(Statements, "sagemaker:AddTags", new Dictionary<string, string[]> { [Key] = new[] { Own } }));
    }

    [Fact]
    public void RemovingTheWorkspaceTag_IsDenied_OtherTagsAreNot()
    {
        Assert.Contains("DenyWorkspaceTagRemoval", PolicySimulator.DeniedBy(Statements, "sagemaker:DeleteTags", new Dictionary<string, string[]> { ["aws:TagKeys"] = new[] { "team", "SecureSageMakerWorkspace" } }));
        Assert.Empty(PolicySimulator.DeniedBy(Statements, "sagemaker:DeleteTags", new Dictionary<string, string[]> { ["aws:TagKeys"] = new[] { "team" } }));
    }

    [Fact]
    public void SeatRights_AddTheTagOnlyWhereItIsAbsentOrTheirs()
    {
        var (stack, workspace) = TestStacks.Workspace();
        _ = workspace.AddNotebookInstance("Notebook");
        var statement = TestStacks.Synth(stack).Statement("AWS::IAM::Policy", "TagWhatTheWorkspaceStarts");
        Assert.Equal("\"sagemaker:AddTags\"", statement["Action"]!.ToJsonString());
        Assert.Contains("StringEqualsIfExists", statement["Condition"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sagemaker:AddTags", TestStacks.Synth(stack).Statement("AWS::IAM::Policy", "StartWorkspaceJobsAndModels")["Action"]!.ToJsonString(), StringComparison.Ordinal);
    }
}

/// <summary>Protect the protections (issue 22.2): a guarded person with IAM rights cannot detach or rewrite the workspace's managed policies.</summary>
public class PolicyProtectionTests
{
    private static IReadOnlyList<GuardrailStatement> Statements => Shared.DefaultWorkspace.Guardrails.Statements;

    [Theory]
    [InlineData("iam:DetachRolePolicy")]
    [InlineData("iam:DetachUserPolicy")]
    [InlineData("iam:DetachGroupPolicy")]
    public void Detaching_AWorkspacePolicy_IsDenied(string action)
    {
        var context = new Dictionary<string, string[]> { ["iam:PolicyARN"] = new[] { "arn:aws:iam::111122223333:policy/securesagemaker/WorkspaceGuardrailPolicy-ABC" } };
        Assert.Contains("DenyGuardrailPolicyDetachment", PolicySimulator.DeniedBy(Statements, action, context));
        context["iam:PolicyARN"] = new[] { "arn:aws:iam::111122223333:policy/TeamPolicy" };
        Assert.DoesNotContain("DenyGuardrailPolicyDetachment", PolicySimulator.DeniedBy(Statements, action, context));
    }

    [Theory]
    [InlineData("iam:CreatePolicyVersion")]
    [InlineData("iam:SetDefaultPolicyVersion")]
    [InlineData("iam:DeletePolicy")]
    public void Rewriting_AWorkspacePolicy_IsDenied(string action)
    {
        Assert.Contains("DenyGuardrailPolicyChanges", PolicySimulator.DeniedBy(Statements, action, new Dictionary<string, string[]>(), resource: "arn:aws:iam::111122223333:policy/securesagemaker/WorkspaceGuardrailPolicy-ABC"));
        Assert.Empty(PolicySimulator.DeniedBy(Statements, action, new Dictionary<string, string[]>(), resource: "arn:aws:iam::111122223333:policy/TeamPolicy"));
    }

    [Fact]
    public void WorkspacePolicies_LiveUnderTheProtectedPath()
    {
        var policies = Shared.DefaultCfn.OfType("AWS::IAM::ManagedPolicy").Where(p => p.Id.Contains("GuardrailPolicy", StringComparison.Ordinal) || p.Id.Contains("PresignedUrlPolicy", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(policies);
        Assert.All(policies, p => Assert.Equal("\"/securesagemaker/\"", Cfn.Text(p.Resource, "Properties", "Path")));
    }
}

/// <summary>The S3 gateway endpoint names the package mirror's asset bucket of the region, not a wildcard (issue 22.4).</summary>
public class AssetBucketTests
{
    private static string Assets(PackageSource[]? sources, bool fixedRegion = true)
    {
        var stack = TestStacks.Create(fixedEnvironment: fixedRegion);
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps { Sources = sources } });
        var statements = TestStacks.Synth(stack).Statements("AWS::EC2::VPCEndpoint").Where(s => (string?)s["Sid"] == "AllowPackageMirrorAssets").ToList();
        return statements.Count == 0 ? "(none)" : statements[0]["Resource"]!.ToJsonString();
    }

    [Fact]
    public void FixedRegion_AdmitsTheDocumentedAssetBucketOnly()
    {
        var resource = Assets(null);
        Assert.Contains("assets-438097961670-eu-west-1/*", resource, StringComparison.Ordinal);
        Assert.DoesNotContain("*-eu-west-1", resource, StringComparison.Ordinal);
    }

    [Fact]
    public void PyPiOnlyMirror_AdmitsNoAssetBucket()
    {
        Assert.Equal("(none)", Assets(new[] { PackageSource.PyPi }));
        Assert.NotEqual("(none)", Assets(new[] { PackageSource.Npm }));
    }
}

/// <summary>Red-team findings of this round, each closed with the statement that decides it.</summary>
public class RedTeamRound3Tests
{
    [Theory]
    [InlineData("route53profiles:AssociateProfile")]
    [InlineData("route53profiles:AssociateResourceToProfile")]
    [InlineData("route53profiles:UpdateProfileResourceAssociation")]
    [InlineData("route53resolver:AssociateFirewallRuleGroup")]
    [InlineData("route53resolver:ImportFirewallDomains")]
    [InlineData("route53resolver:CreateResolverEndpoint")]
    public void ChangingWhatTheResolverAnswers_IsDenied_ThroughProfilesToo(string action) =>
        Assert.Contains("DenyDnsFirewallChanges", PolicySimulator.DeniedBy(GuardrailStatements.All(), action, new Dictionary<string, string[]>()));

    [Fact]
    public void LeavingAGuardedGroup_IsDenied()
    {
        var statements = Shared.DefaultWorkspace.Guardrails.Statements;
        Assert.Contains("DenyLeavingGuardedGroups", PolicySimulator.DeniedBy(statements, "iam:RemoveUserFromGroup", new Dictionary<string, string[]>()));
    }

    [Fact]
    public void EnvironmentAgnosticMirror_HoldsTheAssetBucketToTheRegionsOwner()
    {
        var stack = TestStacks.Create(fixedEnvironment: false);
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps() });
        var cfn = TestStacks.Synth(stack);
        var statement = cfn.Statements("AWS::EC2::VPCEndpoint").Single(s => (string?)s["Sid"] == "AllowPackageMirrorAssets");
        Assert.Contains("SecureSageMakerCodeArtifactAssets", statement["Condition"]!["StringEquals"]!["s3:ResourceAccount"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("438097961670", (string?)cfn.Json["Mappings"]!["SecureSageMakerCodeArtifactAssets"]!["eu-west-1"]!["account"]);
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Fact]
    public void WideningToEveryAction_NeverHappens_OnGlobalKeys()
    {
        var statement = new GuardrailStatement("Probe", new[] { "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob" },
            new Dictionary<string, IReadOnlyDictionary<string, object>> { ["ForAnyValue:StringEquals"] = new Dictionary<string, object> { ["aws:TagKeys"] = "k" } }, "probe");
        Assert.NotEqual("sagemaker:*", statement.ToScpJson(null)["Action"] as string);
    }

    [Theory]
    [InlineData("/securesagemaker/Ws1/", "/securesagemaker/seats/Ws1/")]
    [InlineData("/custom/path/Ws2/", "/securesagemaker/seats/Ws2/")]
    public void SeatPath_IsNeverUnderTheExecutionRolesPath(string executionPath, string seatPath)
    {
        Assert.Equal(seatPath, ExecutionRoles.SeatPath(executionPath));
        Assert.False(seatPath.StartsWith(executionPath, StringComparison.Ordinal));
    }
}

/// <summary>Legitimate work keeps working (issue 22.8): seats invoke the endpoints their workspace lets them use, and no other.</summary>
public class SeatInvokeTests
{
    [Fact]
    public void Seats_InvokeOnlyEndpointsWithTheirWorkspacesTag_AndAnEndpointCarriesItOnlyWhenAsked()
    {
        var (stack, workspace) = TestStacks.Workspace();
        _ = workspace.AddNotebookInstance("Notebook");
        var model = workspace.AddModel("Model", new IsolatedModelProps
        {
            Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311"),
            ModelData = ModelData.FromUrl("s3://artifacts-bucket/models/churn/model.tar.gz"),
        });
        _ = workspace.AddEndpoint("Shared", new EncryptedEndpointProps { Model = model, EndpointName = "shared", InvokableBySeats = true });
        _ = workspace.AddEndpoint("Private", new EncryptedEndpointProps { Model = model, EndpointName = "private" });
        var cfn = TestStacks.Synth(stack);

        var invoke = cfn.Statement("AWS::IAM::Policy", "InvokeWorkspaceEndpoints");
        Assert.Contains("sagemaker:InvokeEndpoint", invoke["Action"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Shared.DefaultWorkspace.ExecutionRolePath.Length > 0 ? workspace.ExecutionRolePath.Trim('/').Split('/').Last() : string.Empty,
            (string?)invoke["Condition"]!["StringEquals"]!["aws:ResourceTag/SecureSageMakerWorkspace"]);
        Assert.Contains("WorkspaceNetworkVpc", invoke["Condition"]!["StringEquals"]!["aws:SourceVpc"]!.ToJsonString(), StringComparison.Ordinal);
        var endpoints = cfn.OfType("AWS::SageMaker::Endpoint").ToDictionary(e => e.Id, e => e.Resource);
        Assert.Contains("SecureSageMakerWorkspace", Cfn.Text(endpoints.Single(e => e.Key.Contains("Shared", StringComparison.Ordinal)).Value, "Properties"), StringComparison.Ordinal);
        Assert.DoesNotContain("SecureSageMakerWorkspace", Cfn.Text(endpoints.Single(e => e.Key.Contains("Private", StringComparison.Ordinal)).Value, "Properties"), StringComparison.Ordinal);
    }
}
