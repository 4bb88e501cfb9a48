// README.md, C# block 4, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using SecureSageMaker;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment04(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace workspace)
    {
        // Once per account and region, deployed before any workspace.
        _ = new SageMakerLogGroups(stack, "SageMakerLogGroups");
    }
}
