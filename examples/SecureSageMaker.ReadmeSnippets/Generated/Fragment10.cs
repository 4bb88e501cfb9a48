// README.md, C# block 10, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using SecureSageMaker;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment10(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace workspace)
    {
        _ = new WorkspaceStackSet(stack, "Workspaces", new WorkspaceStackSetProps
        {
            StackSetName = "SecureSageMakerWorkspaces",   // create-only: a name of yours, never derived from the construct's path
            OrganizationalUnitIds = new[] { "ou-ab12-cdef3456" },
            Regions = new[] { "eu-west-1", "us-east-1" },
            Template = template =>
            {
                // One template: SageMaker's log groups first exist before any job, and an account that joins later gets both at once.
                _ = new SageMakerLogGroups(template, "SageMakerLogGroups");
                _ = new SecureMlWorkspace(template, "Workspace");
            },
        });
    }
}
