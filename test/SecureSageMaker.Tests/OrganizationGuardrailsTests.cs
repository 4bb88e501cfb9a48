using Amazon.CDK.Assertions;
using Newtonsoft.Json.Linq;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests;

public class OrganizationGuardrailsTests
{
    [Fact]
    public void Scp_CarriesTheAccountIndependentStatementsWithAnExemption_WhenCreated()
    {
        var template = TestStacks.Synth(scope => _ = new OrganizationGuardrails(scope, "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456", "111122223333" },
        }));
        var policy = (JObject)TemplateJson.Resources(template, "AWS::Organizations::Policy").Single().Resource["Properties"]!;
        Assert.Equal("SERVICE_CONTROL_POLICY", (string?)policy["Type"]);
        Assert.Equal(new[] { "ou-ab12-cdef3456", "111122223333" }, policy["TargetIds"]!.Values<string>());
        var statements = policy["Content"]!["Statement"]!.Children<JObject>().ToList();
        Assert.Equal(GuardrailStatements.AccountIndependent().Count, statements.Count);
        Assert.All(statements, s =>
        {
            Assert.Equal("Deny", (string?)s["Effect"]);
            Assert.Equal("true", (string?)s["Condition"]!["StringNotEquals"]!["aws:PrincipalTag/SecureSageMakerBreakGlass"]);
        });
        Assert.DoesNotContain("Ref", policy["Content"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scp_ExemptsTaggedPrincipals_WhenTheyCarryTheBreakGlassTag()
    {
        var statements = GuardrailStatements.AccountIndependent();
        var request = new Dictionary<string, string[]>();
        Assert.NotEmpty(PolicySimulator.DeniedBy(statements, "sagemaker:CreateTrainingJob", request, "SecureSageMakerBreakGlass"));
        request["aws:PrincipalTag/SecureSageMakerBreakGlass"] = new[] { "true" };
        Assert.Empty(PolicySimulator.DeniedBy(statements, "sagemaker:CreateTrainingJob", request, "SecureSageMakerBreakGlass"));
    }

    [Fact]
    public void Scp_FitsTheSizeLimit_WithTheDefaultTag()
    {
        var json = OrganizationGuardrails.Render(GuardrailStatements.AccountIndependent(), OrganizationGuardrails.DefaultExemptionTagKey);
        Assert.InRange(json.Length, 1, OrganizationGuardrails.MaxPolicySize);
    }

    [Theory]
    [InlineData("ou-root", "TargetIds: received 'ou-root'")]
    [InlineData("12345", "TargetIds: received '12345'")]
    public void Scp_Throws_WhenATargetIsNotAnOuOrAccount(string target, string expected)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new OrganizationGuardrails(stack, "Guardrails", new OrganizationGuardrailsProps { TargetIds = new[] { target } }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scp_Throws_WhenItWouldExceedTheSizeLimit()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new OrganizationGuardrails(stack, "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "111122223333" },
            ExemptionTagKey = new string('x', 128),
        }));
        Assert.Contains("characters of minimized JSON; AWS Organizations allows 5120", error.Message, StringComparison.Ordinal);
    }
}
