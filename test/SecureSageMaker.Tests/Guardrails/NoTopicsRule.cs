using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>A team's rule of its own, as the README shows one: no SNS topics.</summary>
internal sealed class NoTopicsRule : GuardrailRule
{
    public override string Id => "Team-SNS1";

    public override string What => "No SNS topics.";

    public override string Why => "The team keeps notifications elsewhere.";

    public override RuleFinding Evaluate(ResourceView resource) =>
        resource.Type == "AWS::SNS::Topic" ? RuleFinding.NonCompliant("No topics here.") : RuleFinding.NotApplicable;
}
