// README.md, C# block 9, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using Amazon.CDK;
using MyCompany.Ml;
using SecureSageMaker;
using SecureSageMaker.Guardrails;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment09(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace workspace)
    {
        GuardrailChecks.Apply(stack, new GuardrailRule[] { new ModelCostCentreRule() });
        var model = workspace.AddModel("Model", new IsolatedModelProps
        {
            Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311"),
        });
        Tags.Of(model).Add("CostCentre", "ml-platform");
    }
}
