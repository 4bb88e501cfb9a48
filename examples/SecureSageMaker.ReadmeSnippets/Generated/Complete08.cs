// README.md, C# block 8, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using SecureSageMaker.Guardrails;

namespace MyCompany.Ml;

/// <summary>Every SageMaker model names its cost centre in a tag.</summary>
public sealed class ModelCostCentreRule : GuardrailRule
{
    public override string Id => "MyCompany-ML1";

    public override string What => "SageMaker models carry a CostCentre tag.";

    public override string Why => "Finance charges hosting back to the team that owns the model.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::SageMaker::Model")
        {
            return RuleFinding.NotApplicable;
        }

        var tags = resource.Get("Tags");
        if (tags is null)
        {
            return RuleFinding.NonCompliant("the model has no tags");
        }

        return tags.ToJsonString().Contains("\"CostCentre\"", StringComparison.Ordinal)
            ? RuleFinding.Compliant
            : RuleFinding.NonCompliant("the model has no CostCentre tag");
    }
}
