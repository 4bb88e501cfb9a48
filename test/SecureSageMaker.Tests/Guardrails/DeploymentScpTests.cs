using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>The organization SCPs against the deployments they protect: the OU stays deployable by the people meant to deploy it, and by no one else.</summary>
public class DeploymentScpTests
{
    private const string Account = "111122223333";
    private const string ExecRole = "arn:aws:iam::" + Account + ":role/cdk-hnb659fds-cfn-exec-role-" + Account + "-eu-west-1";
    private const string DeployRole = "arn:aws:iam::" + Account + ":role/cdk-hnb659fds-deploy-role-" + Account + "-eu-west-1";
    private const string StackSetsRole = "arn:aws:iam::" + Account + ":role/stacksets-exec-0123456789abcdef0123456789abcdef";
    private const string Admin = "arn:aws:iam::" + Account + ":role/AccountAdmin";
    private const string BreakGlass = "arn:aws:iam::" + Account + ":role/BreakGlass";

    private static readonly Lazy<IReadOnlyList<string>> Documents = new(() => new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps
    {
        TargetIds = new[] { "ou-ab12-cdef3456" },
        BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" },
        StackSetsExecution = true,
    }).Documents);

    private static IReadOnlyList<string> Denied(string caller, string action, string resource = "*", params (string Key, string Value)[] context)
    {
        var request = context.ToDictionary(c => c.Key, c => new[] { c.Value });
        request["aws:PrincipalArn"] = new[] { caller };
        return PolicySimulator.DeniedByDocuments(Documents.Value, action, resource, request);
    }

    [Fact]
    public void Props_AreAnError_WhenNoBreakGlassAndNoDeployer()
    {
        var error = Assert.Throws<ArgumentException>(() => new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" }, DeploymentPrincipalArns = Array.Empty<string>(),
        }));
        Assert.Contains("DeploymentPrincipalArns: received '(none)'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Props_AreAnError_WhenNobodyCouldBootstrapANewAccount()
    {
        var error = Assert.Throws<ArgumentException>(() => new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps { TargetIds = new[] { "ou-ab12-cdef3456" } }));
        Assert.Contains("BootstrapPrincipalArns: received '(none)'", error.Message, StringComparison.Ordinal);
        Assert.Contains("StackSetsExecution", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Props_AreAnError_WhenTheStatementsNeedMoreThanThreeScps_NamingTheTarget()
    {
        var patterns = Enumerable.Range(0, 12).Select(i => "arn:aws:iam::*:role/EmergencyAdministratorWithAVeryLongRoleName" + i).ToArray();
        var error = Assert.Throws<ArgumentException>(() => new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = patterns,
        }));
        Assert.Contains("TargetIds: received 'ou-ab12-cdef3456'", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scps_FitThreePolicies_EachWithFifteenPercentHeadroom()
    {
        Assert.InRange(Documents.Value.Count, 1, 3);
        Assert.All(Documents.Value, d => Assert.True(d.Length <= 5120 * 85 / 100, d.Length + " characters"));
    }

    [Fact]
    public void Bootstrap_IsAllowed_ForBreakGlassAndTheStackSetsExecutionRole_AndDeniedToAnAccountAdmin()
    {
        foreach (var action in new[] { "iam:CreateRole", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:TagRole" })
        {
            Assert.Empty(Denied(BreakGlass, action, ExecRole));
            Assert.Empty(Denied(StackSetsRole, action, ExecRole));
            Assert.Empty(Denied(StackSetsRole, action, DeployRole));
            Assert.Contains("DenyDeployerRoleChanges", Denied(Admin, action, ExecRole));
            Assert.Contains("DenyDeployerRoleChanges", Denied(Admin, action, DeployRole));
            Assert.Contains("DenyDeployerRoleChanges", Denied(Admin, action, StackSetsRole));
        }
    }

    [Fact]
    public void DeployerExemption_CannotBeBorrowed_ByPassingTheExecutionRole()
    {
        Assert.Empty(Denied(DeployRole, "iam:PassRole", ExecRole));
        Assert.Contains("DenyDeployerRolePassing", Denied(Admin, "iam:PassRole", ExecRole));
        Assert.Contains("DenyDeployerRolePassing", Denied(Admin, "iam:PassRole", StackSetsRole));
        foreach (var action in new[] { "cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:CreateChangeSet" })
        {
            Assert.Empty(Denied(DeployRole, action, "*", ("cloudformation:RoleArn", ExecRole)));
            Assert.Contains("DenyStacksAsADeployer", Denied(Admin, action, "*", ("cloudformation:RoleArn", ExecRole)));
            Assert.Empty(Denied(Admin, action, "*", ("cloudformation:RoleArn", "arn:aws:iam::" + Account + ":role/TeamStackRole")));
        }
    }

    [Fact]
    public void StackSetsExecutionRole_IsADeployer_ExemptFromTheInfrastructureProtections_NotFromIsolation()
    {
        Assert.Empty(Denied(StackSetsRole, "route53resolver:DisassociateFirewallRuleGroup"));
        Assert.Contains("DenyDnsFirewallChanges", Denied(Admin, "route53resolver:DisassociateFirewallRuleGroup"));
        Assert.NotEmpty(Denied(StackSetsRole, "sagemaker:CreateTrainingJob", "*", ("sagemaker:NetworkIsolation", "false")));
    }
}

/// <summary>The SCPs' compact action lists deny exactly what the workspace policy's lists deny, by the pinned service reference.</summary>
public class ScpCompactionTests
{
    private static IReadOnlyList<string> Expand(IEnumerable<string> patterns) =>
        SageMakerActions.All.Keys.Select(a => "sagemaker:" + a)
            .Where(a => patterns.Any(p => System.Text.RegularExpressions.Regex.IsMatch(a, "^" + System.Text.RegularExpressions.Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal) + "$")))
            .OrderBy(a => a, StringComparer.Ordinal).ToList();

    [Fact]
    public void EveryScpStatement_DeniesTheSameSageMakerActions_AsItsList()
    {
        var statements = GuardrailStatements.All().Where(s => s.InOrganizationPolicy && s.Actions.All(a => a.StartsWith("sagemaker:", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            var rendered = statement.ToScpJson(null)["Action"];
            var patterns = rendered is string one ? new[] { one } : ((IEnumerable<string>)rendered).ToArray();
            var listed = Expand(statement.Actions);
            var expanded = Expand(patterns);
            if (patterns is ["sagemaker:*"])
            {
                // Only a statement whose conditions are false on an absent key may name every action: the others carry none of its keys.
                Assert.True(statement.InertWithoutItsKeys, statement.Sid);
                Assert.All(expanded.Except(listed), a => Assert.Empty(SageMakerActions.All[a["sagemaker:".Length..]].Intersect(statement.Keys)));
            }
            else
            {
                Assert.Equal(listed, expanded);
            }
        }
    }

    [Theory]
    [InlineData("Null")]
    [InlineData("StringNotEquals")]
    [InlineData("BoolIfExists")]
    [InlineData("ArnNotLike")]
    public void StatementsTrueOnAnAbsentKey_NeverNameEveryAction(string op)
    {
        var statement = new GuardrailStatement("Probe", new[] { "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob" },
            new Dictionary<string, IReadOnlyDictionary<string, object>> { [op] = new Dictionary<string, object> { ["sagemaker:NetworkIsolation"] = "true" } }, "probe");
        Assert.False(statement.InertWithoutItsKeys);
        Assert.NotEqual("sagemaker:*", statement.ToScpJson(null)["Action"] as string);
    }
}
