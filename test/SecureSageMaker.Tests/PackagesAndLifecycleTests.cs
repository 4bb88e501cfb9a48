using System.Text;
using Amazon.CDK;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>Working inside the lock: a private package mirror, lifecycle configurations the workspace owns, idle shutdown.</summary>
public class PackagesAndLifecycleTests
{
    private static readonly Lazy<(Stack Stack, Cfn Cfn)> Workspace = new(() =>
    {
        var (stack, workspace) = TestStacks.Workspace(new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps(), IdleShutdown = Duration.Hours(2) });
        _ = workspace.AddNotebookInstance("Notebook");
        _ = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps { DomainName = "studio" });
        return (stack, TestStacks.Synth(stack));
    });

    private static Cfn Cfn => Workspace.Value.Cfn;

    [Fact]
    public void Mirror_IsAnEncryptedDomain_WithRepositoriesUpstreamOfThePublicRegistries()
    {
        var (_, domain) = Cfn.Single("AWS::CodeArtifact::Domain");
        Assert.Contains("WorkspaceKeysDataKey", Cfn.Text(domain, "Properties", "EncryptionKey"), StringComparison.Ordinal);
        var repositories = Cfn.OfType("AWS::CodeArtifact::Repository").Select(r => r.Resource).ToList();
        Assert.Contains(repositories, r => Cfn.Text(r, "Properties").Contains("public:pypi", StringComparison.Ordinal));
        Assert.Contains(repositories, r => Cfn.Text(r, "Properties").Contains("public:npmjs", StringComparison.Ordinal));
        var packages = repositories.Single(r => (string?)r["Properties"]!["RepositoryName"] == "packages");
        Assert.Equal(2, Cfn.At(packages, "Properties", "Upstreams").AsArray().Count);
    }

    [Fact]
    public void Mirror_AdmitsOnlyTheWorkspacesRoles_AndTheyOnlyRead()
    {
        var deny = Cfn.Text(Cfn.Single("AWS::CodeArtifact::Domain").Resource, "Properties", "PermissionsPolicyDocument");
        Assert.Contains("ArnNotLike", deny, StringComparison.Ordinal);
        Assert.Contains(":role/securesagemaker/", deny, StringComparison.Ordinal);
        var read = Cfn.Statements("AWS::IAM::Policy").Where(s => Cfn.Text(s, "Action").Contains("codeartifact:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(read);
        Assert.DoesNotContain(read, s => Cfn.Text(s, "Action").Contains("codeartifact:PublishPackageVersion", StringComparison.Ordinal) || Cfn.Text(s, "Action").Contains("codeartifact:*", StringComparison.Ordinal));
        Assert.Contains(Cfn.Statements("AWS::IAM::Policy"), s => s.ToJsonString().Contains("\"sts:AWSServiceName\":\"codeartifact.amazonaws.com\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Mirror_BringsItsEndpointsDomainsAndAssetBuckets()
    {
        var services = string.Join(" ", Cfn.OfType("AWS::EC2::VPCEndpoint").Select(e => Cfn.Text(e.Resource, "Properties", "ServiceName")));
        Assert.Contains(".codeartifact.api", services, StringComparison.Ordinal);
        Assert.Contains(".codeartifact.repositories", services, StringComparison.Ordinal);
        Assert.Contains("assets-438097961670-eu-west-1/*", Cfn.Text(Cfn.Statement("AWS::EC2::VPCEndpoint", "AllowPackageMirrorAssets"), "Resource"), StringComparison.Ordinal);
        Assert.Contains("*.d.codeartifact.eu-west-1.", Cfn.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LifecycleConfigs_AreTheWorkspacesOwn_AttachedToTheNotebookAndTheDomain()
    {
        var (_, notebookConfig) = Cfn.Single("AWS::SageMaker::NotebookInstanceLifecycleConfig");
        Assert.StartsWith("securesagemaker-", (string)notebookConfig["Properties"]!["NotebookInstanceLifecycleConfigName"]!, StringComparison.Ordinal);
        Assert.Contains("WorkspaceLifecycleNotebook", Cfn.Text(Cfn.Single("AWS::SageMaker::NotebookInstance").Resource, "Properties", "LifecycleConfigName"), StringComparison.Ordinal);
        var (_, studioConfig) = Cfn.Single("AWS::SageMaker::StudioLifecycleConfig");
        Assert.StartsWith("securesagemaker-", (string)studioConfig["Properties"]!["StudioLifecycleConfigName"]!, StringComparison.Ordinal);
        var jupyter = Cfn.At(Cfn.Single("AWS::SageMaker::Domain").Resource, "Properties", "DefaultUserSettings", "JupyterLabAppSettings");
        Assert.Contains("WorkspaceLifecycleStudio", Cfn.Text(jupyter, "LifecycleConfigArns"), StringComparison.Ordinal);
        Assert.Equal(120, Cfn.Number(jupyter, "AppLifecycleManagement", "IdleSettings", "IdleTimeoutInMinutes"));
        Assert.Empty(TestStacks.Errors(Workspace.Value.Stack));
    }

    [Fact]
    public void NotebookRole_MayStopOnlyNotebooksOfItsWorkspace()
    {
        var stop = Cfn.Statement("AWS::IAM::Policy", "StopIdleNotebooksOfThisWorkspace");
        Assert.Contains("aws:ResourceTag/SecureSageMakerWorkspace", Cfn.Text(stop, "Condition"), StringComparison.Ordinal);
        Assert.Contains("SecureSageMakerWorkspace", Cfn.Text(Cfn.Single("AWS::SageMaker::NotebookInstance").Resource, "Properties", "Tags"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notebook-on-start.sh", "aws codeartifact get-authorization-token", "pip.conf", ".npmrc", "/etc/cron.d/securesagemaker-package-mirror", "stop-notebook-instance", "/api/sessions")]
    [InlineData("studio-jupyterlab.sh", "aws codeartifact get-authorization-token", "pip.conf", ".npmrc", "sleep 21600")]
    public void Scripts_SayWhatTheyMustDo_AndFitSageMakersLimit(string name, params string[] expected)
    {
        var script = WorkspaceLifecycle.Script(name);
        Assert.All(expected, e => Assert.Contains(e, script, StringComparison.Ordinal));
        Assert.StartsWith("#!/bin/bash", script, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", script.Replace("https://localhost", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var filled = WorkspaceLifecycle.Fill(script, new Dictionary<string, string>
        {
            ["REGION"] = "ap-southeast-2", ["PACKAGE_MIRROR"] = "true", ["DOMAIN"] = new string('d', 50), ["DOMAIN_OWNER"] = "111122223333", ["REPOSITORY"] = "packages", ["IDLE_MINUTES"] = "525600",
        });
        Assert.DoesNotContain("{{", filled, StringComparison.Ordinal);
        Assert.True(Convert.ToBase64String(Encoding.UTF8.GetBytes(filled)).Length <= 16_384, name + " is too long for SageMaker once base64-encoded.");
    }

    [Fact]
    public void IdleShutdown_IsRejected_OutsideStudiosRange()
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { IdleShutdown = Duration.Minutes(5) }));
        Assert.Contains("IdleShutdown: received '5 minutes'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectiveControls_AreManagedConfigRules_ScopedToTheirTypes_WithoutLambda()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { DetectiveControls = new DetectiveControlsProps { Recorder = ConfigRecorder.UseExisting } });

        // THEN
        var cfn = TestStacks.Synth(stack);
        var rules = cfn.OfType("AWS::Config::ConfigRule").Select(r => r.Resource).ToList();
        Assert.Equal(DetectiveControls.Rules.Length, rules.Count);
        Assert.All(rules, r => Assert.Equal("\"AWS\"", Cfn.Text(r, "Properties", "Source", "Owner")));
        foreach (var identifier in new[] { "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS", "SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK", "SAGEMAKER_MODEL_ISOLATION_ENABLED", "S3_BUCKET_SSL_REQUESTS_ONLY", "CMK_BACKING_KEY_ROTATION_ENABLED", "VPC_FLOW_LOGS_ENABLED" })
        {
            Assert.Contains(rules, r => Cfn.Text(r, "Properties", "Source", "SourceIdentifier") == "\"" + identifier + "\"");
        }

        Assert.Contains("AWS::SageMaker::NotebookInstance", Cfn.Text(rules.First(r => Cfn.Text(r, "Properties", "Source", "SourceIdentifier").Contains("ROOT_ACCESS", StringComparison.Ordinal)), "Properties", "Scope"), StringComparison.Ordinal);
        Assert.Empty(cfn.OfType("AWS::Config::ConfigurationRecorder"));
        Assert.Empty(cfn.OfType("AWS::Lambda::Function"));
    }

    [Fact]
    public void DetectiveControls_CreateARecorderAndAnEncryptedDeliveryBucket_WhenAsked()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { DetectiveControls = new DetectiveControlsProps { Recorder = ConfigRecorder.CreateNew } });
        var cfn = TestStacks.Synth(stack);
        Assert.Single(cfn.OfType("AWS::Config::ConfigurationRecorder"));
        Assert.Contains("WorkspaceDetectiveControlsDeliveryBucketKey", Cfn.Text(cfn.Single("AWS::Config::DeliveryChannel").Resource, "Properties", "S3KmsKeyArn"), StringComparison.Ordinal);
        Assert.Empty(TestStacks.Errors(stack));
    }
}
