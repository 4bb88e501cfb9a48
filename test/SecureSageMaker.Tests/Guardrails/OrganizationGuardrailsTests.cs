using System.Text.Json.Nodes;
using Amazon.CDK;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

public class OrganizationGuardrailsTests
{
    private static (Stack Stack, OrganizationGuardrails Guardrails) Create(OrganizationGuardrailsProps props)
    {
        var stack = TestStacks.Create();
        return (stack, new OrganizationGuardrails(stack, "Guardrails", props));
    }

    [Fact]
    public void Scps_FitTheSizeLimit_AndTheRoomAnOuHas()
    {
        var (stack, guardrails) = Create(new OrganizationGuardrailsProps { TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" } });
        Assert.All(guardrails.Documents, d => Assert.True(d.Length <= OrganizationGuardrails.MaxPolicySize, d.Length + " characters"));
        Assert.InRange(guardrails.Documents.Count, 1, OrganizationGuardrails.MaxPoliciesWithPerimeter);
        Assert.Empty(guardrails.PerimeterDocuments);
        var cfn = TestStacks.Synth(stack);
        Assert.Equal(guardrails.Documents.Count, cfn.OfType("AWS::Organizations::Policy").Count);
        Assert.All(cfn.OfType("AWS::Organizations::Policy"), p => Assert.Equal("\"SERVICE_CONTROL_POLICY\"", Cfn.Text(p.Resource, "Properties", "Type")));
    }

    [Fact]
    public void Scps_ExemptBreakGlassByArn_AndProtectThoseRoles_WithNoTagExemption()
    {
        var (_, guardrails) = Create(new OrganizationGuardrailsProps { TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" } });
        var all = string.Concat(guardrails.Documents);
        Assert.DoesNotContain("aws:PrincipalTag", all, StringComparison.Ordinal);
        var statements = guardrails.Documents.SelectMany(d => JsonNode.Parse(d)!["Statement"]!.AsArray()).ToList();
        Assert.All(statements, s => Assert.Contains("arn:aws:iam::*:role/BreakGlass", s!["Condition"]!["ArnNotLike"]!["aws:PrincipalArn"]!.ToJsonString(), StringComparison.Ordinal));
        var protect = statements.Single(s => (string?)s!["Sid"] == "DenyBreakGlassRoleChanges")!;
        Assert.Contains("iam:Tag*", protect["Action"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("\"arn:aws:iam::*:role/BreakGlass\"", protect["Resource"]!.ToJsonString());
    }

    [Fact]
    public void BreakGlass_AcceptsTheIdentityCenterPatternTheReadmeShows()
    {
        var (_, guardrails) = Create(new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" },
            BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*" },
            DataPerimeterTargetIds = new[] { "ou-ab12-parent99" },
        });
        Assert.Contains(guardrails.Documents, d => d.Contains("AWSReservedSSO_Admin_*", StringComparison.Ordinal));
        Assert.InRange(guardrails.Documents.Count, 1, OrganizationGuardrails.MaxPolicies);
        Assert.InRange(guardrails.PerimeterDocuments.Count, 1, OrganizationGuardrails.MaxPerimeterPolicies);
    }

    [Fact]
    public void DeploymentPrincipals_AcceptTheDocumentedDefault_GivenExplicitly()
    {
        var (_, guardrails) = Create(new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" },
            DeploymentPrincipalArns = OrganizationGuardrails.DefaultDeploymentPrincipalArns.ToArray(),
            StackSetsExecution = true,
        });
        Assert.Contains(guardrails.Documents, d => d.Contains("cdk-*-cfn-exec-role-*", StringComparison.Ordinal));
    }

    [Fact]
    public void Scps_ProtectTheDeployerPattern_SoNoOneNamesARoleIntoTheExemption()
    {
        // GIVEN no break-glass principals, a bootstrapper: deployers are exempt from the protections by ARN pattern
        var (_, guardrails) = Create(new OrganizationGuardrailsProps { TargetIds = new[] { "ou-ab12-cdef3456" }, BootstrapPrincipalArns = new[] { "arn:aws:iam::*:role/OrgBootstrap" } });

        // THEN creating or changing a role that matches the pattern is denied to everyone but the bootstrapper
        var statement = guardrails.Documents.SelectMany(d => JsonNode.Parse(d)!["Statement"]!.AsArray()).Single(s => (string?)s!["Sid"] == "DenyDeployerRoleChanges")!;
        Assert.Contains("cdk-*-cfn-exec-role-*", statement["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("cdk-*-deploy-role-*", statement["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("iam:Create*", statement["Action"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("\"arn:aws:iam::*:role/OrgBootstrap\"", statement["Condition"]!["ArnNotLike"]!["aws:PrincipalArn"]!.ToJsonString());
    }

    [Fact]
    public void Scps_InTheSimulator_DenyEveryoneButBreakGlass()
    {
        var (_, guardrails) = Create(new OrganizationGuardrailsProps { TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" } });
        var exemption = new Dictionary<string, IReadOnlyDictionary<string, object>> { ["ArnNotLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = "arn:aws:iam::*:role/BreakGlass" } };
        var request = new Dictionary<string, string[]> { ["sagemaker:NetworkIsolation"] = new[] { "false" }, ["aws:PrincipalArn"] = new[] { "arn:aws:iam::111122223333:role/DataScientist" } };
        Assert.Contains("DenyNetworkIsolationAbsent", PolicySimulator.DeniedBy(guardrails.Statements, "sagemaker:CreateTrainingJob", request, exemption));
        request["aws:PrincipalArn"] = new[] { "arn:aws:iam::111122223333:role/BreakGlass" };
        Assert.Empty(PolicySimulator.DeniedBy(guardrails.Statements, "sagemaker:CreateTrainingJob", request, exemption));
    }

    [Theory]
    [InlineData("ou-bad", null, "TargetIds: received 'ou-bad'")]
    [InlineData("ou-ab12-cdef3456", "arn:aws:iam::*:role/*", "BreakGlassPrincipalArns: received 'arn:aws:iam::*:role/*'")]
    [InlineData("ou-ab12-cdef3456", "*", "BreakGlassPrincipalArns: received '*'")]
    [InlineData("ou-ab12-cdef3456", "arn:aws:iam::*:role/ab*", "BreakGlassPrincipalArns: received 'arn:aws:iam::*:role/ab*'")]
    [InlineData("ou-ab12-cdef3456", "arn:aws:iam::*:role/AWSReservedSSO_*", "every IAM Identity Center permission set")]
    [InlineData("ou-ab12-cdef3456", "arn:aws:iam::*:role/AWSReservedSSO_A*", "every IAM Identity Center permission set")]
    [InlineData("ou-ab12-cdef3456", "arn:aws:iam::*:role/AWSReservedSSO_Admin*", "every IAM Identity Center permission set")]
    [InlineData("ou-ab12-cdef3456", "arn:aws:iam::*:role/cdk-hnb*", "the CDK bootstrap roles")]
    [InlineData("ou-ab12-cdef3456", "arn:aws:iam::*:user/BreakGlass", "Use a role ARN pattern")]
    public void Props_AreRejected_WithTheProperty(string target, string? breakGlass, string expected)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new OrganizationGuardrails(stack, "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { target }, BreakGlassPrincipalArns = breakGlass is null ? null : new[] { breakGlass }, StackSetsExecution = true,
        }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_MayBeTokens()
    {
        var stack = TestStacks.Create();
        _ = new OrganizationGuardrails(stack, "Guardrails", new OrganizationGuardrailsProps { TargetIds = new[] { new CfnParameter(stack, "Ou").ValueAsString }, StackSetsExecution = true });
        Assert.Single(TestStacks.Synth(stack).OfType("AWS::Organizations::Policy").Take(1));
    }

    [Fact]
    public void UnguardedActions_AreAllowed_WithAWarning_WhenOptedIn()
    {
        var (stack, guardrails) = Create(new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" }, StackSetsExecution = true, Options = new GuardrailOptions { AllowedUnguardedActions = new[] { "sagemaker:CreateCompilationJob" } },
        });
        Assert.DoesNotContain("CreateCompilationJob", string.Concat(guardrails.Documents), StringComparison.Ordinal);
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.UnguardedComputeAllowed, StringComparison.Ordinal));
    }
}
