using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.Sagemaker;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>Organization scale (issue 25): a workspace in every account of an OU through a service-managed StackSet.</summary>
public class StackSetTests
{
    private static readonly Lazy<(Stack Stack, WorkspaceStackSet StackSet, Cfn Cfn)> Default = new(() =>
    {
        var stack = TestStacks.Create();
        var stackSet = new WorkspaceStackSet(stack, "Workspaces", new WorkspaceStackSetProps
        {
            StackSetName = "SecureSageMakerWorkspaces",
            OrganizationalUnitIds = new[] { "ou-ab12-cdef3456" },
            Regions = new[] { "eu-west-1", "us-east-1" },
            Template = template =>
            {
                _ = new SageMakerLogGroups(template, "SageMakerLogGroups");
                _ = new SecureMlWorkspace(template, "Workspace");
            },
        });
        return (stack, stackSet, TestStacks.Synth(stack));
    });

    private static WorkspaceStackSet Minimal(Stack stack, Action<Stack>? template = null, string[]? regions = null, bool? retain = null) =>
        new(stack, "Set", new WorkspaceStackSetProps
        {
            StackSetName = "SecureSageMakerTest",
            OrganizationalUnitIds = new[] { "ou-ab12-cdef3456" },
            Regions = regions ?? new[] { "eu-west-1" },
            Template = template ?? (t => _ = new Amazon.CDK.AWS.SSM.StringParameter(t, "P", new Amazon.CDK.AWS.SSM.StringParameterProps { StringValue = "x" })),
            RetainStacksOnAccountRemoval = retain,
        });

    [Fact]
    public void StackSet_IsServiceManaged_WithAutoDeployment_RetainedStacks_AndCautiousOperations()
    {
        var (_, resource) = Default.Value.Cfn.Single("AWS::CloudFormation::StackSet");
        var p = resource["Properties"]!;
        Assert.Equal("SERVICE_MANAGED", (string?)p["PermissionModel"]);
        Assert.Equal("SELF", (string?)p["CallAs"]);
        Assert.True((bool)p["AutoDeployment"]!["Enabled"]!);
        Assert.True((bool)p["AutoDeployment"]!["RetainStacksOnAccountRemoval"]!);
        Assert.True((bool)p["ManagedExecution"]!["Active"]!);
        Assert.Equal(25, Cfn.Number(p, "OperationPreferences", "MaxConcurrentPercentage"));
        Assert.Equal(0, Cfn.Number(p, "OperationPreferences", "FailureTolerancePercentage"));
        Assert.Equal("SEQUENTIAL", (string?)p["OperationPreferences"]!["RegionConcurrencyType"]);
        Assert.Equal("SOFT_FAILURE_TOLERANCE", (string?)p["OperationPreferences"]!["ConcurrencyMode"]);
        Assert.Equal("SecureSageMakerWorkspaces", (string?)p["StackSetName"]);
        Assert.Equal("[\"eu-west-1\",\"us-east-1\"]", p["OperationPreferences"]!["RegionOrder"]!.ToJsonString());
        Assert.Equal("[\"ou-ab12-cdef3456\"]", p["StackInstancesGroup"]![0]!["DeploymentTargets"]!["OrganizationalUnitIds"]!.ToJsonString());
        Assert.Equal("[\"CAPABILITY_IAM\"]", p["Capabilities"]!.ToJsonString());
        Assert.Contains(".json", p["TemplateURL"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("RetainExceptOnCreate", (string?)resource["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)resource["UpdateReplacePolicy"]);
    }

    [Fact]
    public void Template_IsACompleteEnvironmentAgnosticWorkspace_WithTheAccountBaselineInTheSameTemplate()
    {
        var template = JsonNode.Parse(Default.Value.StackSet.TemplateJson)!;
        var types = template["Resources"]!.AsObject().Select(r => (string)r.Value!["Type"]!).ToHashSet();
        foreach (var type in new[] { "AWS::EC2::VPC", "AWS::EC2::VPCEndpoint", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::IAM::ManagedPolicy", "AWS::Route53Resolver::FirewallRuleGroupAssociation" })
        {
            Assert.Contains(type, types);
        }

        var text = template.ToJsonString();
        Assert.Contains("/aws/sagemaker/TrainingJobs", text, StringComparison.Ordinal);
        Assert.Contains("Fn::GetAZs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BootstrapVersion", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eu-west-1a", text, StringComparison.Ordinal);
        Assert.Contains("AWS::S3::Bucket", Default.Value.StackSet.RetainedResourceTypes);
        Assert.Contains("AWS::KMS::Key", Default.Value.StackSet.RetainedResourceTypes);
        Assert.True(File.Exists(Default.Value.StackSet.TemplateFile));
        Assert.DoesNotContain("AWS::CDK::Metadata", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateAsset_IsTheSame_AcrossSynths()
    {
        static string Hash()
        {
            var stack = TestStacks.Create();
            return Minimal(stack, t => _ = new SageMakerLogGroups(t, "Logs")).TemplateAsset.AssetHash;
        }

        Assert.Equal(Hash(), Hash());
    }

    [Fact]
    public void Template_IsJudgedByTheChecker_ItsErrorsStopTheSynth()
    {
        var error = Assert.Throws<ArgumentException>(() => Minimal(TestStacks.Create(), template: t =>
        {
            var workspace = new SecureMlWorkspace(t, "Workspace");
            _ = new CfnNotebookInstance(t, "Open", new CfnNotebookInstanceProps { InstanceType = "ml.t3.medium", RoleArn = workspace.JobRole.RoleArn, RootAccess = "Enabled" });
        }));
        Assert.Contains("Template: the template's stack has errors", error.Message, StringComparison.Ordinal);
        Assert.Contains("NB1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplateWithErrors_LeavesNothingInTheTree()
    {
        var stack = TestStacks.Create();
        _ = Assert.Throws<ArgumentException>(() => Minimal(stack, regions: new[] { "us-west-1" }, template: t =>
            _ = new CfnResource(t, "Mirror", new CfnResourceProps { Type = "AWS::CodeArtifact::Domain", Properties = new Dictionary<string, object> { ["DomainName"] = "mirror" } })));
        Assert.Null(stack.Node.TryFindChild("Set"));
    }

    [Fact]
    public void Regions_WithoutAFeatureTheTemplateUses_AreAnError_NamingTheRegion()
    {
        var error = Assert.Throws<ArgumentException>(() => Minimal(TestStacks.Create(), regions: new[] { "eu-west-1", "us-west-1" }, template: t =>
            _ = new CfnResource(t, "Mirror", new CfnResourceProps { Type = "AWS::CodeArtifact::Domain", Properties = new Dictionary<string, object> { ["DomainName"] = "mirror" } })));
        Assert.Contains("Regions: received 'us-west-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PackageMirror", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_WithAnAsset_IsAnError_NamingTemplate()
    {
        var file = Path.Combine(Path.GetTempPath(), "securesagemaker-asset-test.txt");
        File.WriteAllText(file, "x");
        var error = Assert.Throws<ArgumentException>(() => Minimal(TestStacks.Create(), template: t =>
            _ = new Amazon.CDK.AWS.S3.Assets.Asset(t, "A", new Amazon.CDK.AWS.S3.Assets.AssetProps { Path = file })));
        Assert.Contains("Template: the stack holds a file or image asset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Props_AreErrors_NamingEachProperty()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkspaceStackSet(TestStacks.Create(), "Set", new WorkspaceStackSetProps
        {
            OrganizationalUnitIds = new[] { "111122223333" },
            Regions = new[] { "mars-1", "eu-west-1", "eu-west-1" },
            Template = _ => { },
            MaxConcurrentPercentage = 0,
            AutoDeployment = false,
            RetainStacksOnAccountRemoval = true,
            StackSetName = "1bad",
        }));
        foreach (var part in new[] { "OrganizationalUnitIds: received '111122223333'", "Regions: received 'mars-1'", "Regions: received 'eu-west-1'", "MaxConcurrentPercentage", "RetainStacksOnAccountRemoval", "StackSetName: received '1bad'" })
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DeletingStacksOnAccountRemoval_Warns_ListingWhatTheAccountKeeps()
    {
        var stack = TestStacks.Create();
        _ = Minimal(stack, retain: false, template: t => _ = new SageMakerLogGroups(t, "Logs"));
        var warnings = TestStacks.Warnings(stack);
        Assert.True(warnings.Any(w => w.Contains(WarningIds.StackSetDeletesOnRemoval, StringComparison.Ordinal) && w.Contains("AWS::Logs::LogGroup", StringComparison.Ordinal)), string.Join(" | ", warnings));
    }
}
