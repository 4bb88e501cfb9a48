using Xunit;

namespace SecureSageMaker.Tests;

public class StudioTests
{
    private static readonly Lazy<(Amazon.CDK.Stack Stack, Cfn Cfn, SecureStudioDomain Domain)> Studio = new(() =>
    {
        var (stack, workspace) = TestStacks.Workspace();
        var domain = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps { DomainName = "studio", UserProfileNames = new[] { "data-scientist" } });
        return (stack, TestStacks.Synth(stack), domain);
    });

    [Fact]
    public void Domain_IsVpcOnlyEncryptedAndRetained()
    {
        var (_, domain) = Studio.Value.Cfn.Single("AWS::SageMaker::Domain");
        Assert.Equal("\"VpcOnly\"", Cfn.Text(domain, "Properties", "AppNetworkAccessType"));
        Assert.Equal("\"IAM\"", Cfn.Text(domain, "Properties", "AuthMode"));
        Assert.Contains("WorkspaceKeysDataKey", Cfn.Text(domain, "Properties", "KmsKeyId"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceNetworkWorkloadSecurityGroup", Cfn.Text(domain, "Properties", "DefaultUserSettings", "SecurityGroups"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceNetworkWorkloadSecurityGroup", Cfn.Text(domain, "Properties", "DefaultSpaceSettings", "SecurityGroups"), StringComparison.Ordinal);
        Assert.Equal("Retain", (string?)domain["DeletionPolicy"]);
        Assert.Contains("WorkspaceNetworkWorkloadSecurityGroup", Cfn.Text(Studio.Value.Cfn.Single("AWS::SageMaker::UserProfile").Resource, "Properties", "UserSettings", "SecurityGroups"), StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_OpensNfsAndAppTraffic_AndBringsTheStudioEndpoint()
    {
        var cfn = Studio.Value.Cfn;
        Assert.Contains("2049", cfn.Json.ToJsonString(), StringComparison.Ordinal);
        cfn.Template.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Dictionary<string, object> { ["FromPort"] = 8192, ["ToPort"] = 65535 });
        var endpoint = cfn.Statement("AWS::EC2::VPCEndpoint", "AllowStudioOfThisAccount");
        Assert.Contains("sagemaker:CreateApp", Cfn.Text(endpoint, "Action"), StringComparison.Ordinal);
        Assert.Contains("sagemaker:CreatePresignedDomainUrl", Cfn.Text(endpoint, "Action"), StringComparison.Ordinal);
        Assert.Contains("*.efs.eu-west-1.", cfn.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StudioRole_ActsOnlyOnItsOwnDomain()
    {
        var statement = Studio.Value.Cfn.Statement("AWS::IAM::Policy", "UseStudioAppsOfThisDomain");
        var resources = Cfn.Text(statement, "Resource");
        Assert.Contains("WorkspaceStudio", resources, StringComparison.Ordinal);
        Assert.Contains("DomainId", resources, StringComparison.Ordinal);
        Assert.DoesNotContain("\"*\"", resources, StringComparison.Ordinal);
        Assert.Empty(TestStacks.Errors(Studio.Value.Stack));
    }

    [Fact]
    public void Domain_ExposesItsArns()
    {
        Assert.Single(Studio.Value.Domain.UserProfileArns);
        Assert.NotNull(Studio.Value.Domain.DomainArn);
    }

    [Fact]
    public void UserProfiles_AreRejected_WhenTheyCollideOrAreTokens()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var error = Assert.Throws<ArgumentException>(() => workspace.AddStudioDomain("Studio", new SecureStudioDomainProps
        {
            DomainName = "studio",
            UserProfileNames = new[] { "data-scientist", "data--scientist", new Amazon.CDK.CfnParameter(stack, "Name").ValueAsString },
        }));
        Assert.Contains("names differing only in hyphens collide", error.Message, StringComparison.Ordinal);
        Assert.Contains("UserProfileNames: received 'a token'", error.Message, StringComparison.Ordinal);
    }
}
