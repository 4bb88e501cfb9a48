using Amazon.CDK;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>Every documented way to add rules works in every order of construction (issue 23.1).</summary>
public class EntryPointTests
{
    private sealed class NoBucketsRule : GuardrailRule
    {
        public override string Id => "Custom-NB1";

        public override string What => "No buckets at all.";

        public override string Why => "A test rule.";

        public override RuleFinding Evaluate(ResourceView resource) =>
            resource.Type == "AWS::S3::Bucket" ? RuleFinding.NonCompliant("a bucket") : RuleFinding.NotApplicable;
    }

    [Fact]
    public void CustomRules_Run_WhenAppliedAfterTheWorkspaceTurnedChecksOn()
    {
        var (stack, _) = TestStacks.Workspace();
        GuardrailChecks.Apply(stack, new GuardrailRule[] { new NoBucketsRule() });
        Assert.Contains(TestStacks.Errors(stack), e => e.Contains("[Custom-NB1]", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomRules_Run_WhenAppliedBeforeTheWorkspace()
    {
        var stack = TestStacks.Create();
        GuardrailChecks.Apply(stack, new GuardrailRule[] { new NoBucketsRule() });
        _ = new SecureMlWorkspace(stack, "Workspace");
        Assert.Contains(TestStacks.Errors(stack), e => e.Contains("[Custom-NB1]", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomRules_Run_WhenAppliedToTheAppAfterTheWorkspace()
    {
        var (stack, _) = TestStacks.Workspace();
        GuardrailChecks.Apply(Stage.Of(stack)!, new GuardrailRule[] { new NoBucketsRule() });
        Assert.Contains(TestStacks.Errors(stack), e => e.Contains("[Custom-NB1]", StringComparison.Ordinal));
    }
}
