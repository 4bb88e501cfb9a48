namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-IC1: inference components run a model, not a bare container.</summary>
internal sealed class InferenceComponentRule : GuardrailRule
{
    public override string Id => RuleIds.InferenceComponentModel;

    public override string What => "Inference components name a model (Specification.ModelName) and define no container of their own.";

    public override string Why => "A component's own container runs without the model's network isolation check, so it can send inference data anywhere.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::SageMaker::InferenceComponent")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectPresent(resource.Get("Specification", "ModelName"), "Specification.ModelName is missing: the component does not run an isolated model.");
        if (resource.Get("Specification", "Container") is not null)
        {
            p.Breach("Specification.Container defines a container of the component's own, outside a model's isolation.");
        }

        return p.Finding;
    }
}
