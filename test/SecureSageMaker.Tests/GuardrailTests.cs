using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Newtonsoft.Json.Linq;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests;

public class GuardrailTests
{
    private const string Subnet = "subnet-0a";
    private const string Group = "sg-0a";
    private const string Key = "arn:aws:kms:eu-west-1:111122223333:key/data";

    private static readonly IReadOnlyList<GuardrailStatement> Statements = GuardrailStatements.AccountIndependent()
        .Concat(GuardrailStatements.WorkspaceBound(new[] { Subnet, "subnet-0b" }, new[] { Group }, Key)).ToList();

    private static Dictionary<string, string[]> CompliantJob() => new()
    {
        ["sagemaker:NetworkIsolation"] = new[] { "true" },
        ["sagemaker:InterContainerTrafficEncryption"] = new[] { "true" },
        ["sagemaker:VpcSubnets"] = new[] { Subnet },
        ["sagemaker:VpcSecurityGroupIds"] = new[] { Group },
        ["sagemaker:VolumeKmsKeyArn"] = new[] { Key },
        ["sagemaker:OutputKmsKeyArn"] = new[] { Key },
    };

    private static Dictionary<string, string[]> CompliantNotebook() => new()
    {
        ["sagemaker:DirectInternetAccess"] = new[] { "Disabled" },
        ["sagemaker:RootAccess"] = new[] { "Disabled" },
        ["sagemaker:VpcSubnets"] = new[] { Subnet },
    };

    [Theory]
    [InlineData("sagemaker:CreateTrainingJob")]
    [InlineData("sagemaker:CreateProcessingJob")]
    [InlineData("sagemaker:CreateHyperParameterTuningJob")]
    [InlineData("sagemaker:CreateDataQualityJobDefinition")]
    public void Guardrails_AllowAJob_WhenEveryControlIsSet(string action)
    {
        Assert.Empty(PolicySimulator.DeniedBy(Statements, action, CompliantJob()));
    }

    [Theory]
    [InlineData("sagemaker:NetworkIsolation", "false", "DenyNetworkIsolationFalse")]
    [InlineData("sagemaker:NetworkIsolation", null, "DenyNetworkIsolationAbsent")]
    [InlineData("sagemaker:VpcSubnets", null, "DenyVpcSubnetsAbsent")]
    [InlineData("sagemaker:VpcSubnets", "subnet-foreign", "DenyForeignSubnets")]
    [InlineData("sagemaker:VpcSecurityGroupIds", null, "DenyVpcSecurityGroupsAbsent")]
    [InlineData("sagemaker:VpcSecurityGroupIds", "sg-foreign", "DenyForeignSecurityGroups")]
    [InlineData("sagemaker:VolumeKmsKeyArn", null, "DenyVolumeKmsKeyAbsent")]
    [InlineData("sagemaker:VolumeKmsKeyArn", "arn:aws:kms:eu-west-1:999999999999:key/x", "DenyForeignVolumeKmsKey")]
    [InlineData("sagemaker:OutputKmsKeyArn", null, "DenyOutputKmsKeyAbsent")]
    [InlineData("sagemaker:OutputKmsKeyArn", "arn:aws:kms:eu-west-1:999999999999:key/x", "DenyForeignOutputKmsKey")]
    [InlineData("sagemaker:InterContainerTrafficEncryption", "false", "DenyInterContainerEncryptionFalse")]
    [InlineData("sagemaker:InterContainerTrafficEncryption", null, "DenyInterContainerEncryptionAbsent")]
    public void Guardrails_DenyATrainingJob_WhenAControlIsFalseAbsentOrForeign(string key, string? value, string sid)
    {
        var context = CompliantJob();
        if (value is null)
        {
            _ = context.Remove(key);
        }
        else
        {
            context[key] = new[] { value };
        }

        Assert.Contains(sid, PolicySimulator.DeniedBy(Statements, "sagemaker:CreateTrainingJob", context));
    }

    [Fact]
    public void Guardrails_DenyAModelOnlyForIsolationAndVpc_WhenKeysDoNotApply()
    {
        var model = CompliantJob();
        _ = model.Remove("sagemaker:VolumeKmsKeyArn");
        _ = model.Remove("sagemaker:OutputKmsKeyArn");
        _ = model.Remove("sagemaker:InterContainerTrafficEncryption");
        Assert.Empty(PolicySimulator.DeniedBy(Statements, "sagemaker:CreateModel", model));
        _ = model.Remove("sagemaker:NetworkIsolation");
        Assert.Equal(new[] { "DenyNetworkIsolationAbsent" }, PolicySimulator.DeniedBy(Statements, "sagemaker:CreateModel", model));
    }

    [Theory]
    [InlineData("sagemaker:DirectInternetAccess", "Enabled", "DenyNotebookInternetAccess")]
    [InlineData("sagemaker:DirectInternetAccess", null, "DenyNotebookInternetAccess")]
    [InlineData("sagemaker:RootAccess", "Enabled", "DenyNotebookRootAccess")]
    [InlineData("sagemaker:RootAccess", null, "DenyNotebookRootAccess")]
    [InlineData("sagemaker:VpcSubnets", null, "DenyNotebookOutsideVpc")]
    [InlineData("sagemaker:VpcSubnets", "subnet-foreign", "DenyNotebookForeignSubnets")]
    public void Guardrails_DenyANotebook_WhenNotLockedDown(string key, string? value, string sid)
    {
        Assert.Empty(PolicySimulator.DeniedBy(Statements, "sagemaker:CreateNotebookInstance", CompliantNotebook()));
        var context = CompliantNotebook();
        if (value is null)
        {
            _ = context.Remove(key);
        }
        else
        {
            context[key] = new[] { value };
        }

        Assert.Contains(sid, PolicySimulator.DeniedBy(Statements, "sagemaker:CreateNotebookInstance", context));
    }

    [Fact]
    public void Guardrails_AllowAnUpdate_WhenItDoesNotResendTheKey()
    {
        var none = new Dictionary<string, string[]>();
        Assert.Empty(PolicySimulator.DeniedBy(Statements, "sagemaker:UpdateNotebookInstance", none));
        Assert.Empty(PolicySimulator.DeniedBy(Statements, "sagemaker:UpdateDomain", none));
        Assert.Equal(new[] { "DenyNotebookRootAccessUpdate" },
            PolicySimulator.DeniedBy(Statements, "sagemaker:UpdateNotebookInstance", new Dictionary<string, string[]> { ["sagemaker:RootAccess"] = new[] { "Enabled" } }));
        Assert.Equal(new[] { "DenyDomainUpdateToPublicInternet" },
            PolicySimulator.DeniedBy(Statements, "sagemaker:UpdateDomain", new Dictionary<string, string[]> { ["sagemaker:AppNetworkAccessType"] = new[] { "PublicInternetOnly" } }));
    }

    [Fact]
    public void Guardrails_DenyADomain_UnlessVpcOnly()
    {
        Assert.Empty(PolicySimulator.DeniedBy(Statements, "sagemaker:CreateDomain", new Dictionary<string, string[]> { ["sagemaker:AppNetworkAccessType"] = new[] { "VpcOnly" } }));
        Assert.Contains("DenyDomainNotVpcOnly", PolicySimulator.DeniedBy(Statements, "sagemaker:CreateDomain", new Dictionary<string, string[]>()));
    }

    [Fact]
    public void Guardrails_UseTheCurrentKmsConditionKeys_Always()
    {
        var keys = Statements.SelectMany(s => s.Conditions.Values.SelectMany(c => c.Keys)).ToList();
        Assert.Contains("sagemaker:VolumeKmsKeyArn", keys);
        Assert.Contains("sagemaker:OutputKmsKeyArn", keys);
        Assert.DoesNotContain("sagemaker:VolumeKmsKey", keys);
        Assert.DoesNotContain("sagemaker:OutputKmsKey", keys);
    }

    [Fact]
    public void GuardrailPolicy_IsBoundToTheWorkspaceAndOnlyDenies_WhenEveryDefault()
    {
        var policy = TemplateJson.Resources(Examples.Default, "AWS::IAM::ManagedPolicy").Single(p => p.Id.StartsWith("WorkspaceGuardrailPolicy", StringComparison.Ordinal)).Resource;
        var statements = policy["Properties"]!["PolicyDocument"]!["Statement"]!.Children<JObject>().ToList();
        Assert.Equal(Statements.Count, statements.Count);
        Assert.All(statements, s => Assert.Equal("Deny", (string?)s["Effect"]));
        var subnets = statements.Single(s => (string?)s["Sid"] == "DenyForeignSubnets")["Condition"]!["ForAnyValue:StringNotEquals"]!["sagemaker:VpcSubnets"]!.ToString();
        Assert.Contains("WorkspaceNetworkVpcIsolatedSubnet1", subnets, StringComparison.Ordinal);
        var key = statements.Single(s => (string?)s["Sid"] == "DenyForeignVolumeKmsKey")["Condition"]!["StringNotEqualsIfExists"]!["sagemaker:VolumeKmsKeyArn"]!.ToString();
        Assert.Contains("WorkspaceKeysDataKey", key, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyGuardrails_AttachesThePolicy_ToBroughtRolesUsersAndGroups()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var role = Role.FromRoleArn(stack, "Scientist", "arn:aws:iam::111122223333:role/DataScientist");
        var user = new User(stack, "User");
        var group = new Group(stack, "Group");
        workspace.ApplyGuardrails(role, user, group);
        var policy = TemplateJson.Resources(Template.FromStack(stack), "AWS::IAM::ManagedPolicy").Single(p => p.Id.StartsWith("WorkspaceGuardrailPolicy", StringComparison.Ordinal)).Resource["Properties"]!;
        Assert.Contains("DataScientist", policy["Roles"]!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(policy["Users"]);
        Assert.NotNull(policy["Groups"]);
    }

    [Fact]
    public void ApplyGuardrails_Throws_WhenTheTargetIsNotARoleUserOrGroup()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var bucket = new Bucket(stack, "NotAPrincipal");
        var error = Assert.Throws<ArgumentException>(() => workspace.ApplyGuardrails(bucket));
        Assert.Contains("IAM roles, users and groups only", error.Message, StringComparison.Ordinal);
        Assert.Contains("'TestStack/NotAPrincipal'", error.Message, StringComparison.Ordinal);
    }
}
