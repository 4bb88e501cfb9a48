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
}
