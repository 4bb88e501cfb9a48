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
            TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = patterns, DataPerimeterTargetIds = new[] { "ou-ab12-parent99" },
        }));
        Assert.Contains("TargetIds: received 'ou-ab12-cdef3456'", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scps_FitFourPoliciesWithThePerimeter_EachWithFifteenPercentHeadroom()
    {
        Assert.InRange(Documents.Value.Count, 1, 4);
        Assert.All(Documents.Value, d => Assert.True(d.Length <= 5120 * 85 / 100, d.Length + " characters"));
    }

    [Fact]
    public void GuardrailsAlone_FitThreePolicies_WhenThePerimeterIsAttachedElsewhere()
    {
        var guardrails = new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" }, StackSetsExecution = true,
            DataPerimeterTargetIds = new[] { "ou-ab12-parent99" },
        });
        Assert.InRange(guardrails.Documents.Count, 1, 3);
        Assert.InRange(guardrails.PerimeterDocuments.Count, 1, 2);
        Assert.All(guardrails.Documents.Concat(guardrails.PerimeterDocuments), d => Assert.True(d.Length <= 5120 * 85 / 100, d.Length + " characters"));
        Assert.Equal(new[] { "ou-ab12-parent99" }, guardrails.PerimeterPolicies[0].TargetIds);
    }

    [Fact]
    public void Props_AreAnError_WhenThePerimeterSharesTargets_AndBothNeedMoreThanFour()
    {
        var patterns = Enumerable.Range(0, 3).Select(i => "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_EmergencyAdmin" + i + "_*").ToArray();
        var error = Assert.Throws<ArgumentException>(() => new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = patterns,
        }));
        Assert.Contains("TargetIds: received 'ou-ab12-cdef3456'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DataPerimeterTargetIds", error.Message, StringComparison.Ordinal);
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

/// <summary>
/// The API calls CloudFormation makes to create, update and delete each resource type of the full workspace
/// (handler permissions of the resource schemas, <c>Data/handler-permissions.json</c>), judged by the organization
/// SCPs: the deployer is denied none; an account admin is denied every call that changes a protection.
/// </summary>
public class DeployerSimulationTests
{
    private const string Account = "111122223333";
    private const string ExecutionRole = "arn:aws:iam::" + Account + ":role/securesagemaker/WorkspaceA1B2C3/JobRole";

    private static readonly Lazy<System.Text.Json.Nodes.JsonObject> Handlers = new(() =>
    {
        using var stream = typeof(DeployerSimulationTests).Assembly.GetManifestResourceStream("HandlerPermissions.json")!;
        return System.Text.Json.Nodes.JsonNode.Parse(stream)!["types"]!.AsObject();
    });

    private static readonly Lazy<IReadOnlyList<string>> Documents = new(() => new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps
    {
        TargetIds = new[] { "ou-ab12-cdef3456" },
        BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" },
        StackSetsExecution = true,
    }).Documents);

    /// <summary>What a compliant request of the workspace carries (the keys CloudFormation's calls send for the workspace's resources).</summary>
    private static Dictionary<string, string[]> Compliant(string caller) => new()
    {
        ["aws:PrincipalArn"] = new[] { caller },
        ["aws:PrincipalAccount"] = new[] { Account },
        ["sagemaker:NetworkIsolation"] = new[] { "true" },
        ["sagemaker:InterContainerTrafficEncryption"] = new[] { "true" },
        ["sagemaker:VpcSubnets"] = new[] { "subnet-0123456789abcdef0" },
        ["sagemaker:VpcSecurityGroupIds"] = new[] { "sg-0123456789abcdef0" },
        ["sagemaker:VolumeKmsKeyArn"] = new[] { "arn:aws:kms:eu-west-1:" + Account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab" },
        ["sagemaker:OutputKmsKeyArn"] = new[] { "arn:aws:kms:eu-west-1:" + Account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab" },
        ["sagemaker:DirectInternetAccess"] = new[] { "Disabled" },
        ["sagemaker:RootAccess"] = new[] { "Disabled" },
        ["sagemaker:MinimumInstanceMetadataServiceVersion"] = new[] { "2" },
        ["sagemaker:AppNetworkAccessType"] = new[] { "VpcOnly" },
        ["sagemaker:ModelArn"] = new[] { "arn:aws:sagemaker:eu-west-1:" + Account + ":model/m" },
        ["sagemaker:InstanceTypes"] = new[] { "ml.m5.xlarge" },
        // The workspace's network, keys and logs carry the workspace tag: the data perimeter's tag-scoped statements apply.
        ["aws:ResourceTag/SecureSageMakerWorkspace"] = new[] { "TeamA" },
    };

    private static IEnumerable<(string Type, string Action)> Calls(IEnumerable<string> types) =>
        types.Where(t => Handlers.Value[t] is not null).SelectMany(t => new[] { "create", "update", "delete" }
            .SelectMany(phase => Handlers.Value[t]![phase]!.AsArray().Select(a => (t, (string)a!)))).Distinct();

    private static string ResourceOf(string action) => action.StartsWith("iam:", StringComparison.Ordinal) && action != "iam:PassRole" ? ExecutionRole : "*";

    private static IReadOnlyList<string> WorkspaceTypes() =>
        new Cfn(Examples.Full).Json["Resources"]!.AsObject().Select(r => (string)r.Value!["Type"]!).Distinct().ToList();

    [Fact]
    public void Deployer_IsDeniedNoCall_CloudFormationMakesForTheWorkspace()
    {
        var types = WorkspaceTypes();
        var calls = Calls(types).ToList();
        Assert.True(calls.Count > 150, calls.Count + " calls: the handler table does not cover the workspace's types");
        Assert.DoesNotContain(types, t => t.StartsWith("AWS::", StringComparison.Ordinal) && Handlers.Value[t] is null && t != "AWS::CDK::Metadata");
        foreach (var deployer in new[] { "arn:aws:iam::" + Account + ":role/cdk-hnb659fds-cfn-exec-role-" + Account + "-eu-west-1", "arn:aws:iam::" + Account + ":role/stacksets-exec-0123456789abcdef" })
        {
            var denied = calls.Select(c => (c.Type, c.Action, By: PolicySimulator.DeniedByDocuments(Documents.Value, c.Action, ResourceOf(c.Action), Compliant(deployer)))).Where(c => c.By.Count > 0).ToList();
            Assert.True(denied.Count == 0, deployer + " is denied: " + string.Join("; ", denied.Select(d => d.Type + " " + d.Action + " by " + string.Join(",", d.By))));
        }
    }

    [Theory]
    [InlineData("AWS::Route53Resolver::FirewallRuleGroupAssociation", "DenyDnsFirewallChanges")]
    [InlineData("AWS::Route53Resolver::FirewallDomainList", "DenyDnsFirewallChanges")]
    [InlineData("AWS::Route53Resolver::FirewallRuleGroup", "DenyDnsFirewallChanges")]
    [InlineData("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", "DenyDnsFirewallChanges")]
    [InlineData("AWS::SageMaker::NotebookInstanceLifecycleConfig", "DenyLifecycleConfigAuthoring")]
    [InlineData("AWS::SageMaker::StudioLifecycleConfig", "DenyLifecycleConfigAuthoring")]
    [InlineData("AWS::IAM::Role", "DenyExecutionRoleChanges")]
    public void AccountAdmin_IsDenied_TheWritesOfAProtectedResource(string type, string statement)
    {
        var admin = "arn:aws:iam::" + Account + ":role/AccountAdmin";
        var writes = Calls(new[] { type }).Where(c => !c.Action.Split(':')[1].StartsWith("Get", StringComparison.Ordinal) && !c.Action.Split(':')[1].StartsWith("List", StringComparison.Ordinal)
            && !c.Action.Split(':')[1].StartsWith("Describe", StringComparison.Ordinal) && c.Action.Split(':')[0] is "route53resolver" or "sagemaker" or "iam" && c.Action != "iam:PassRole").ToList();
        Assert.NotEmpty(writes);
        var denied = writes.Where(w => PolicySimulator.DeniedByDocuments(Documents.Value, w.Action, ResourceOf(w.Action), Compliant(admin)).Contains(statement)).ToList();
        Assert.True(denied.Count > 0, "an account admin may " + string.Join(", ", writes.Select(w => w.Action)));
        Assert.Contains(denied, d => d.Action.Contains("Create", StringComparison.Ordinal) || d.Action.Contains("Associate", StringComparison.Ordinal));
    }
}

/// <summary>Every SageMaker write action without a guarded condition key is classified (issue 22.5): denied unless opted in, pinned elsewhere, or harmless with a reason.</summary>
public class ActionClassificationTests
{
    private static bool Like(string pattern, string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$");

    [Fact]
    public void EveryWriteActionWithoutAGuardedKey_IsDeniedUnlessOptedIn_GuardedElsewhere_OrHarmless()
    {
        var statements = GuardrailStatements.All(new WorkspaceBinding(new[] { "subnet-1" }, new[] { "sg-1" }, "arn:aws:kms:eu-west-1:111122223333:key/k") { TagValue = "ws" });
        var writes = SageMakerActions.All.Where(a => a.Value.Length == 0 || a.Value.All(k => k == "sagemaker:TaggingAction"))
            .Select(a => "sagemaker:" + a.Key).Where(a => a.Length > 0).ToList();
        using var stream = typeof(SecureMlWorkspace).Assembly.GetManifestResourceStream("SecureSageMaker.Data.sagemaker-actions.json")!;
        var access = System.Text.Json.Nodes.JsonNode.Parse(stream)!["actions"]!.AsObject();
        writes = writes.Where(a => ((string)access[a["sagemaker:".Length..]]!["access"]!).Contains("Write", StringComparison.Ordinal)).ToList();
        Assert.True(writes.Count > 100, writes.Count + " write actions");
        var unclassified = writes.Where(a => !GuardrailStatements.UnguardedActions.Contains(a) && !GuardrailStatements.GuardedElsewhere.ContainsKey(a)
            && !statements.Any(s => s.Actions.Any(p => Like(p, a))) && !GuardrailStatements.Harmless.Any(h => Like(h.Pattern, a))).ToList();
        Assert.True(unclassified.Count == 0, "Unclassified write actions: " + string.Join(", ", unclassified));
    }

    [Fact]
    public void HarmlessPatterns_NeverCoverAnActionThatIsDeniedUnlessOptedIn_AndEachHasAReason()
    {
        Assert.All(GuardrailStatements.Harmless, h => Assert.True(h.Reason.Length > 10, h.Pattern));
        var overlaps = GuardrailStatements.UnguardedActions.Where(a => GuardrailStatements.Harmless.Any(h => Like(h.Pattern, a))).ToList();
        Assert.True(overlaps.Count == 0, "Harmless patterns cover denied actions: " + string.Join(", ", overlaps));
    }

    [Theory]
    [InlineData("sagemaker:CreateProject")]
    [InlineData("sagemaker:CreateAlgorithm")]
    [InlineData("sagemaker:TrainHubModel")]
    [InlineData("sagemaker:AttachClusterNodeNetworkInterface")]
    public void ActionsThatLaunchOrShareOutsideTheLock_AreDeniedUnlessOptedIn(string action)
    {
        Assert.Contains("DenyUnguardedCompute", PolicySimulator.DeniedBy(GuardrailStatements.All(), action, new Dictionary<string, string[]>()));
    }

    [Theory]
    [InlineData("sagemaker:PutResourcePolicy")]
    [InlineData("sagemaker:PutModelPackageGroupPolicy")]
    [InlineData("sagemaker:CreateSharedModel")]
    public void SharingWithOtherAccounts_IsDeniedUnlessOptedIn_ByTheWorkspacePolicy(string action)
    {
        Assert.Contains("DenyUnguardedSharing", PolicySimulator.DeniedBy(GuardrailStatements.All(), action, new Dictionary<string, string[]>()));
    }
}
