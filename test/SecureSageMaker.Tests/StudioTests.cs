using Amazon.CDK.Assertions;
using Newtonsoft.Json.Linq;
using SecureSageMaker.Studio;
using Xunit;

namespace SecureSageMaker.Tests;

public class StudioTests
{
    [Fact]
    public void Domain_IsVpcOnlyEncryptedAndRetained_WhenAdded()
    {
        var (_, domain) = TemplateJson.Resources(Examples.Full, "AWS::SageMaker::Domain").Single();
        var p = domain["Properties"]!;
        Assert.Equal("VpcOnly", (string?)p["AppNetworkAccessType"]);
        Assert.Equal("IAM", (string?)p["AuthMode"]);
        Assert.StartsWith("WorkspaceKeysDataKey", (string)p["KmsKeyId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.Equal(2, p["SubnetIds"]!.Count());
        foreach (var settings in new[] { "DefaultUserSettings", "DefaultSpaceSettings" })
        {
            Assert.StartsWith("WorkspaceNetworkWorkloadSecurityGroup", (string)p[settings]!["SecurityGroups"]![0]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
            Assert.NotNull(p[settings]!["ExecutionRole"]);
        }

        Assert.Equal("Retain", (string?)domain["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)domain["UpdateReplacePolicy"]);
    }

    [Fact]
    public void Domain_BringsTheStudioEndpointAndNfsRules_WhenAdded()
    {
        var studio = TemplateJson.Resources(Examples.Full, "AWS::EC2::VPCEndpoint").Select(r => r.Resource["Properties"]!)
            .Single(e => e["ServiceName"]!.ToString().Contains(".studio", StringComparison.Ordinal));
        Assert.Equal("sagemaker:CreatePresignedDomainUrl", (string?)studio["PolicyDocument"]!["Statement"]![0]!["Action"]);
        Examples.Full.HasResourceProperties("AWS::EC2::SecurityGroup", new Dictionary<string, object>
        {
            ["SecurityGroupEgress"] = Match.ArrayWith(new object[] { Match.ObjectLike(new Dictionary<string, object> { ["FromPort"] = 2049, ["ToPort"] = 2049, ["IpProtocol"] = "tcp" }) }),
        });
        Examples.Full.HasResourceProperties("AWS::EC2::SecurityGroupIngress", new Dictionary<string, object> { ["FromPort"] = 8192, ["ToPort"] = 65535 });
    }

    [Fact]
    public void UserProfiles_UseTheWorkspaceSecurityGroup_WhenRequested()
    {
        var profile = (JObject)TemplateJson.Resources(Examples.Full, "AWS::SageMaker::UserProfile").Single().Resource["Properties"]!;
        Assert.Equal("data-scientist", (string?)profile["UserProfileName"]);
        Assert.StartsWith("WorkspaceNetworkWorkloadSecurityGroup", (string)profile["UserSettings"]!["SecurityGroups"]![0]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_Throws_WhenNamesAreInvalid()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var error = Assert.Throws<ArgumentException>(() => workspace.AddStudioDomain("Studio", new SecureStudioDomainProps
        {
            DomainName = "-studio",
            UserProfileNames = new[] { "", "ana", "ana" },
        }));
        Assert.Contains("DomainName: received '-studio'", error.Message, StringComparison.Ordinal);
        Assert.Contains("UserProfileNames: received ''", error.Message, StringComparison.Ordinal);
        Assert.Contains("UserProfileNames: received ['ana', 'ana']", error.Message, StringComparison.Ordinal);
    }
}
