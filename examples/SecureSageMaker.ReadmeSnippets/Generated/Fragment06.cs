// README.md, C# block 6, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using SecureSageMaker.Guardrails;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment06(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace workspace)
    {
        _ = new OrganizationGuardrails(stack, "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" },
            BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" },
        });
    }
}
