using Amazon.CDK.AWS.Sagemaker;
using SecureSageMaker.Testing;
using Xunit;

namespace TeamMl.Tests;

public class CheckerTests
{
    [Fact]
    public void NotebookWithRootAccess_FailsTheSynthTimeChecks()
    {
        var stack = TeamStacks.Create();
        _ = new CfnNotebookInstance(stack, "Shortcut", new CfnNotebookInstanceProps
        {
            InstanceType = "ml.t3.medium",
            RoleArn = "arn:aws:iam::111122223333:role/Shortcut",
            RootAccess = "Enabled",
        });

        var error = Assert.Throws<StackHasErrorsException>(() => TemplateSnapshot.Normalize(stack));
        Assert.Contains("Shortcut", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotebookWithRootAccess_CanStillBeInspected_WhenErrorsAreAllowed()
    {
        var stack = TeamStacks.Create();
        _ = new CfnNotebookInstance(stack, "Shortcut", new CfnNotebookInstanceProps
        {
            InstanceType = "ml.t3.medium",
            RoleArn = "arn:aws:iam::111122223333:role/Shortcut",
            RootAccess = "Enabled",
        });

        var template = TemplateSnapshot.Normalize(stack, allowErrors: true);
        Assert.Contains("\"RootAccess\": \"Enabled\"", template, StringComparison.Ordinal);
    }
}
