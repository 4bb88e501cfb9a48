// README.md, C# block 1, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using Amazon.CDK.AWS.IAM;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment01(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace workspace)
    {
        workspace.ApplyGuardrails(
            Role.FromRoleArn(stack, "Analysts", "arn:aws:iam::111122223333:role/Analysts"),
            User.FromUserName(stack, "Auditor", "auditor"),
            Group.FromGroupName(stack, "MlEngineers", "ml-engineers"));
    }
}
