using Amazon.CDK;
using Amazon.CDK.Assertions;
using Newtonsoft.Json.Linq;
using SecureSageMaker.Notebooks;
using Xunit;
using AssertAnnotations = Amazon.CDK.Assertions.Annotations;

namespace SecureSageMaker.Tests;

public class NotebookTests
{
    [Fact]
    public void Notebook_IsLockedDown_WhenEveryDefault()
    {
        var notebook = (JObject)TemplateJson.Resources(Examples.Full, "AWS::SageMaker::NotebookInstance").Single().Resource["Properties"]!;
        Assert.Equal("Disabled", (string?)notebook["DirectInternetAccess"]);
        Assert.Equal("Disabled", (string?)notebook["RootAccess"]);
        Assert.Equal("notebook-al2023-v1", (string?)notebook["PlatformIdentifier"]);
        Assert.Equal("2", (string?)notebook["InstanceMetadataServiceConfiguration"]!["MinimumInstanceMetadataServiceVersion"]);
        Assert.StartsWith("WorkspaceKeysDataKey", (string)notebook["KmsKeyId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.StartsWith("WorkspaceNetworkVpcIsolatedSubnet", (string)notebook["SubnetId"]!["Ref"]!, StringComparison.Ordinal);
        Assert.StartsWith("WorkspaceNetworkWorkloadSecurityGroup", (string)notebook["SecurityGroupIds"]![0]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.Equal(20, (int)notebook["VolumeSizeInGB"]!);
        Assert.Null(notebook["LifecycleConfigName"]);
    }

    [Fact]
    public void Notebook_BringsTheNotebookEndpoint_WhenAdded()
    {
        var notebookEndpoint = TemplateJson.Resources(Examples.Full, "AWS::EC2::VPCEndpoint").Select(r => r.Resource["Properties"]!)
            .Single(p => p["ServiceName"]!.ToString().Contains(".notebook", StringComparison.Ordinal));
        Assert.Contains("aws.sagemaker.", notebookEndpoint["ServiceName"]!.ToString(), StringComparison.Ordinal);
        var statement = Assert.Single(notebookEndpoint["PolicyDocument"]!["Statement"]!.Children());
        Assert.Equal("sagemaker:CreatePresignedNotebookInstanceUrl", (string?)statement["Action"]);
        Assert.DoesNotContain(TemplateJson.Resources(Examples.Default, "AWS::EC2::VPCEndpoint"),
            r => r.Resource["Properties"]!["ServiceName"]!.ToString().Contains(".notebook", StringComparison.Ordinal));
    }

    [Fact]
    public void NotebookRole_IsLeastPrivilegeUnderTheGuardrails_Always()
    {
        var roles = TemplateJson.Resources(Examples.Full, "AWS::IAM::Role").ToList();
        foreach (var (_, role) in roles)
        {
            Assert.DoesNotContain("FullAccess", role["Properties"]!["ManagedPolicyArns"]?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }

        foreach (var statement in TemplateJson.Statements(Examples.Full, "AWS::IAM::Policy", "PolicyDocument"))
        {
            var actions = statement["Action"]!.Type == JTokenType.Array ? statement["Action"]!.Values<string>().ToList() : new List<string?> { (string?)statement["Action"] };
            Assert.DoesNotContain("sagemaker:*", actions);
            Assert.DoesNotContain("*", actions);
        }

        var guardrail = TemplateJson.Resources(Examples.Full, "AWS::IAM::ManagedPolicy").Single(p => p.Id.StartsWith("WorkspaceGuardrailPolicy", StringComparison.Ordinal));
        var attachedRoles = guardrail.Resource["Properties"]!["Roles"]!.Children().Select(r => (string)r["Ref"]!).ToList();
        Assert.Equal(roles.Count, attachedRoles.Count);
    }

    [Fact]
    public void LifecycleConfig_RaisesAWarning_WhenScriptsAreGiven()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        _ = workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { OnStartScript = "#!/bin/bash\necho start" });
        Template.FromStack(stack).ResourceCountIs("AWS::SageMaker::NotebookInstanceLifecycleConfig", 1);
        AssertAnnotations.FromStack(stack).HasWarning("/TestStack/Workspace/Notebook", Match.StringLikeRegexp(WarningIds.NotebookLifecycleRunsAsRoot));
    }

    [Theory]
    [InlineData("t3.medium", null, null, "InstanceType: received 't3.medium'")]
    [InlineData(null, 4, null, "VolumeSizeInGb: received 4. Use a value from 5 to 16384.")]
    [InlineData(null, 16385, null, "VolumeSizeInGb: received 16385")]
    [InlineData(null, null, "bad_name", "NotebookInstanceName: received 'bad_name'")]
    [InlineData(null, null, "this-name-is-far-too-long-for-sagemaker-which-allows-sixty-three-c", "NotebookInstanceName: received")]
    public void Notebook_Throws_WhenPropsAreInvalid(string? type, int? volume, string? name, string expected)
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var error = Assert.Throws<ArgumentException>(() => workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps
        {
            InstanceType = type,
            VolumeSizeInGb = volume,
            NotebookInstanceName = name,
        }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Null(workspace.Node.TryFindChild("Notebook"));
    }

    [Fact]
    public void PresignedUrlPolicy_DeniesUnlessCompanyCidrOrWorkspaceEndpoint_WhenCidrsAreGiven()
    {
        var statement = TemplateJson.Statement(Examples.Full, "AWS::IAM::ManagedPolicy", "PolicyDocument", "DenyPresignedUrlsOutsideCompanyNetwork");
        Assert.Equal("Deny", (string?)statement["Effect"]);
        Assert.Equal(new[] { "sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:CreatePresignedDomainUrl" }, statement["Action"]!.Values<string>());
        Assert.Equal(new[] { "203.0.113.0/24", "198.51.100.0/24" }, statement["Condition"]!["NotIpAddressIfExists"]!["aws:SourceIp"]!.Values<string>());
        Assert.StartsWith("WorkspaceNetworkSageMakerApiEndpoint", (string)statement["Condition"]!["StringNotEqualsIfExists"]!["aws:SourceVpce"]!["Ref"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void PresignedUrlPolicy_AdmitsOnlyTheWorkspaceEndpoint_WhenNoCidrsAreGiven()
    {
        var statement = TemplateJson.Statement(Examples.Default, "AWS::IAM::ManagedPolicy", "PolicyDocument", "DenyPresignedUrlsOutsideCompanyNetwork");
        Assert.Null(statement["Condition"]!["NotIpAddressIfExists"]);
        Assert.NotNull(statement["Condition"]!["StringNotEqualsIfExists"]!["aws:SourceVpce"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("203.0.113.0")]
    [InlineData("203.0.113.7/24")]
    public void PresignedUrlAllowedCidrs_Throws_WhenMalformedOrEmpty(string cidr)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { PresignedUrlAllowedCidrs = new[] { cidr } }));
        Assert.Contains("PresignedUrlAllowedCidrs: received '" + cidr + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecutionRoles_UseTheDataKeyOnlyThroughSageMakerS3AndEc2_Always()
    {
        var kms = TemplateJson.Statements(Examples.Full, "AWS::IAM::Policy", "PolicyDocument")
            .Where(s => s["Action"]!.ToString().Contains("kms:CreateGrant", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(kms);
        Assert.All(kms, s =>
        {
            Assert.StartsWith("WorkspaceKeysDataKey", (string)s["Resource"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
            var services = s["Condition"]!["StringEquals"]!["kms:ViaService"]!.ToString();
            Assert.Contains("sagemaker.", services, StringComparison.Ordinal);
            Assert.Contains("s3.", services, StringComparison.Ordinal);
            Assert.Contains("ec2.", services, StringComparison.Ordinal);
        });
    }
}
