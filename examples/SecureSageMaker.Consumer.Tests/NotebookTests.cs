using Amazon.CDK.Assertions;
using Xunit;

namespace TeamMl.Tests;

public class NotebookTests
{
    [Fact]
    public void Notebook_HasNoRootAccessAndNoInternet()
    {
        var template = Template.FromStack(TeamStacks.Create());

        template.HasResourceProperties("AWS::SageMaker::NotebookInstance", new Dictionary<string, object>
        {
            ["RootAccess"] = "Disabled",
            ["DirectInternetAccess"] = "Disabled",
        });
    }
}
