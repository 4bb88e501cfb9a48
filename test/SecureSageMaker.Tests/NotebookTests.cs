using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests;

public class NotebookTests
{
    private static readonly Lazy<(Amazon.CDK.Stack Stack, Cfn Cfn)> Notebook = new(() =>
    {
        var (stack, workspace) = TestStacks.Workspace();
        _ = workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { NotebookInstanceName = "research" });
        return (stack, TestStacks.Synth(stack));
    });

    private static System.Text.Json.Nodes.JsonObject Instance => Notebook.Value.Cfn.Single("AWS::SageMaker::NotebookInstance").Resource;

    [Fact]
    public void Notebook_IsLockedDown_WhenEveryDefault()
    {
        var p = Cfn.At(Instance, "Properties");
        Assert.Equal("\"Disabled\"", Cfn.Text(p, "DirectInternetAccess"));
        Assert.Equal("\"Disabled\"", Cfn.Text(p, "RootAccess"));
        Assert.Contains("WorkspaceKeysDataKey", Cfn.Text(p, "KmsKeyId"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceNetworkVpcIsolatedSubnet", Cfn.Text(p, "SubnetId"), StringComparison.Ordinal);
        Assert.Contains("WorkspaceNetworkWorkloadSecurityGroup", Cfn.Text(p, "SecurityGroupIds"), StringComparison.Ordinal);
        Assert.Equal("\"notebook-al2023-v1\"", Cfn.Text(p, "PlatformIdentifier"));
        Assert.Equal("\"2\"", Cfn.Text(p, "InstanceMetadataServiceConfiguration", "MinimumInstanceMetadataServiceVersion"));
        Assert.Equal("\"ml.t3.medium\"", Cfn.Text(p, "InstanceType"));
        Assert.Null(p["LifecycleConfigName"]);
    }

    [Fact]
    public void Notebook_BringsTheNotebookEndpoint_LimitedToPresignedUrls()
    {
        var statement = Notebook.Value.Cfn.Statement("AWS::EC2::VPCEndpoint", "AllowPresignedNotebookUrlsOfThisAccount");
        Assert.Equal("\"sagemaker:CreatePresignedNotebookInstanceUrl\"", Cfn.Text(statement, "Action"));
    }

    [Fact]
    public void NotebookRole_IsLeastPrivilege_PassesOnlyTheJobRole()
    {
        var statements = Notebook.Value.Cfn.Statements("AWS::IAM::Policy");
        var pass = statements.Single(s => (string?)s["Sid"] == "PassTheJobRoleToSageMaker" && s.ToJsonString().Contains("WorkspaceJobRole", StringComparison.Ordinal) && Cfn.Text(s, "Resource").Contains("WorkspaceJobRole", StringComparison.Ordinal));
        Assert.Equal("\"sagemaker.amazonaws.com\"", Cfn.Text(pass, "Condition", "StringEquals", "iam:PassedToService"));
        Assert.DoesNotContain(statements, s => Cfn.Text(s, "Action").Contains("sagemaker:*", StringComparison.Ordinal));
        Assert.Empty(TestStacks.Errors(Notebook.Value.Stack));
    }

    [Fact]
    public void LifecycleScripts_RunAsRoot_AndWarn_WhenGiven()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();

        // WHEN
        _ = workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { OnStartScript = "echo start" });

        // THEN
        TestStacks.Synth(stack).Template.ResourceCountIs("AWS::SageMaker::NotebookInstanceLifecycleConfig", 1);
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.NotebookLifecycleRunsAsRoot, StringComparison.Ordinal));
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Theory]
    [InlineData("ml.banana.huge", "SageMaker has no such instance type")]
    [InlineData("ml.m5.huge", "SageMaker has no such size in this family")]
    public void InstanceType_IsRejected_WhenSageMakerHasNoSuchType(string type, string expected)
    {
        var (_, workspace) = TestStacks.Workspace();
        var error = Assert.Throws<ArgumentException>(() => workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { InstanceType = type }));
        Assert.Contains("InstanceType: received '" + type + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Props_AreRejected_WithEveryProblem()
    {
        var (_, workspace) = TestStacks.Workspace();
        var error = Assert.Throws<ArgumentException>(() => workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps
        {
            NotebookInstanceName = "bad_name", VolumeSizeInGb = 1, OnCreateScript = "  ",
        }));
        Assert.Contains("NotebookInstanceName: received 'bad_name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("VolumeSizeInGb: received 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("OnCreateScript: received", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PresignedUrlCidrs_DecidedAtDeployTime_Warn()
    {
        var stack = TestStacks.Create();
        var cidr = new Amazon.CDK.CfnParameter(stack, "Cidr", new Amazon.CDK.CfnParameterProps { Type = "String", Default = "0.0.0.0/0" }).ValueAsString;

        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { PresignedUrlAllowedCidrs = new[] { cidr } });

        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.PresignedUrlsFromAnywhere, StringComparison.Ordinal) && w.Contains("decided at deploy time", StringComparison.Ordinal));
    }
}
