using Amazon.CDK.Assertions;
using Xunit;

namespace TeamMl.Tests;

public class GuardrailTests
{
    [Fact]
    public void DataScientistsRole_GetsTheGuardrailAndPresignedUrlPolicies()
    {
        var template = Template.FromStack(TeamStacks.Create());

        var attached = template.FindResources("AWS::IAM::ManagedPolicy", new Dictionary<string, object>
        {
            ["Properties"] = new Dictionary<string, object> { ["Roles"] = Match.ArrayWith(new object[] { "DataScientists" }) },
        });
        Assert.True(attached.Count >= 2, "expected the guardrail and presigned-URL policies on the role, found " + attached.Count);
    }

    [Fact]
    public void Guardrails_DenyTrainingJobsWithoutNetworkIsolation()
    {
        var template = Template.FromStack(TeamStacks.Create());

        template.HasResourceProperties("AWS::IAM::ManagedPolicy", new Dictionary<string, object>
        {
            ["PolicyDocument"] = new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith(new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Effect"] = "Deny",
                        ["Condition"] = Match.ObjectLike(new Dictionary<string, object>
                        {
                            ["Bool"] = Match.ObjectLike(new Dictionary<string, object> { ["sagemaker:NetworkIsolation"] = "false" }),
                        }),
                    }),
                }),
            },
        });
    }
}
