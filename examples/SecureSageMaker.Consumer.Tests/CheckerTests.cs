using Amazon.CDK;
using Amazon.CDK.AWS.Sagemaker;
using SecureSageMaker.Testing;
using Xunit;

namespace TeamMl.Tests;

public class CheckerTests
{
    [Fact]
    public void NotebookWithRootAccess_FailsTheSynthTimeChecks()
    {
        var stack = StackWithARootNotebook();

        var error = Assert.Throws<StackHasErrorsException>(() => TemplateSnapshot.Normalize(stack));
        Assert.Contains("Shortcut", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotebookWithRootAccess_CanStillBeInspected_WhenErrorsAreAllowed()
    {
        var stack = StackWithARootNotebook();

        var template = TemplateSnapshot.Normalize(stack, allowErrors: true);
        Assert.Contains("\"RootAccess\": \"Enabled\"", template, StringComparison.Ordinal);
    }

    /// <summary>The team's stack with a notebook added beside the workspace, root access on.</summary>
    private static Stack StackWithARootNotebook()
    {
        var stack = TeamStacks.Create();
        _ = new CfnNotebookInstance(stack, "Shortcut", new CfnNotebookInstanceProps
        {
            InstanceType = "ml.t3.medium",
            RoleArn = "arn:aws:iam::111122223333:role/Shortcut",
            RootAccess = "Enabled",
        });
        return stack;
    }
}
