using Amazon.CDK;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>Every documented way to add rules works in every order of construction (issue 23.1).</summary>
public class EntryPointTests
{
    [Fact]
    public void CustomRules_Run_WhenAppliedAfterTheWorkspaceTurnedChecksOn()
    {
        var (stack, _) = TestStacks.Workspace();
        _ = new Amazon.CDK.AWS.SNS.Topic(stack, "Topic");
        GuardrailChecks.Apply(stack, new GuardrailRule[] { new NoTopicsRule() });
        Assert.Contains(TestStacks.Errors(stack), e => e.Contains("[Team-SNS1]", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomRules_Run_WhenAppliedBeforeTheWorkspace()
    {
        var stack = TestStacks.Create();
        GuardrailChecks.Apply(stack, new GuardrailRule[] { new NoTopicsRule() });
        _ = new SecureMlWorkspace(stack, "Workspace");
        _ = new Amazon.CDK.AWS.SNS.Topic(stack, "Topic");
        Assert.Contains(TestStacks.Errors(stack), e => e.Contains("[Team-SNS1]", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomRules_Run_WhenAppliedToTheAppAfterTheWorkspace()
    {
        var (stack, _) = TestStacks.Workspace();
        _ = new Amazon.CDK.AWS.SNS.Topic(stack, "Topic");
        GuardrailChecks.Apply(Stage.Of(stack)!, new GuardrailRule[] { new NoTopicsRule() });
        Assert.Contains(TestStacks.Errors(stack), e => e.Contains("[Team-SNS1]", StringComparison.Ordinal));
    }
}
