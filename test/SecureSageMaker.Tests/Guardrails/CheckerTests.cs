using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Guardrails;
using Xunit;
using AssertAnnotations = Amazon.CDK.Assertions.Annotations;

namespace SecureSageMaker.Tests.Guardrails;

public class CheckerTests
{
    private static CfnModel OpenModel(Construct scope) => new(scope, "AppModel", new CfnModelProps
    {
        ExecutionRoleArn = "arn:aws:iam::111122223333:role/app",
        PrimaryContainer = new CfnModel.ContainerDefinitionProperty { Image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1" },
    });

    [Fact]
    public void Checker_FailsSynthWithTheRuleId_WhenAnAppAddsAModelWithoutIsolation()
    {
        // GIVEN a workspace, and a model the app adds beside it
        var stack = TestStacks.Create();
        _ = new SecureMlWorkspace(stack, "Workspace");
        _ = OpenModel(stack);

        // WHEN
        var annotations = AssertAnnotations.FromStack(stack);

        // THEN
        annotations.HasError("/TestStack/AppModel", Match.StringLikeRegexp("\\[SecureSageMaker-MD1\\] EnableNetworkIsolation is not true"));
    }

    [Fact]
    public void Checker_ReportsNoFinding_OnTheExampleStacks()
    {
        AssertAnnotations.FromStack(Examples.DefaultStack).HasNoError("*", Match.AnyValue());
        AssertAnnotations.FromStack(Examples.FullStack).HasNoError("*", Match.AnyValue());
    }

    [Fact]
    public void Acknowledgment_TurnsTheFindingIntoInfo_WhenAReasonIsGiven()
    {
        var stack = TestStacks.Create();
        _ = new SecureMlWorkspace(stack, "Workspace");
        var model = OpenModel(stack);
        GuardrailChecks.Acknowledge(model, "SecureSageMaker-MD1", "A vendor model that needs its licence server; reviewed by security.");
        var annotations = AssertAnnotations.FromStack(stack);
        annotations.HasNoError("/TestStack/AppModel", Match.AnyValue());
        annotations.HasInfo("/TestStack/AppModel", Match.StringLikeRegexp("SecureSageMaker-MD1\\] acknowledged: A vendor model"));
    }

    [Theory]
    [InlineData("SecureSageMaker-MD1", " ", "reason: received ' '")]
    [InlineData("SecureSageMaker-XX9", "because", "ruleId: received 'SecureSageMaker-XX9'")]
    public void Acknowledge_Throws_WhenTheReasonIsEmptyOrTheRuleUnknown(string rule, string reason, string expected)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => GuardrailChecks.Acknowledge(stack, rule, reason));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checker_IsOffWithAWarning_WhenTheWorkspaceOptsOut()
    {
        var stack = TestStacks.Create();
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { ApplyGuardrailChecks = false });
        _ = OpenModel(stack);
        var annotations = AssertAnnotations.FromStack(stack);
        annotations.HasNoError("*", Match.AnyValue());
        annotations.HasWarning("/TestStack/Workspace", Match.StringLikeRegexp(WarningIds.GuardrailChecksDisabled));
    }

    [Fact]
    public void Checker_RunsOnAnyStack_WhenAppliedWithoutAWorkspace()
    {
        var stack = TestStacks.Create();
        _ = new Amazon.CDK.AWS.EC2.CfnInternetGateway(stack, "Gateway");
        GuardrailChecks.Apply(stack);
        GuardrailChecks.Apply(stack);
        var errors = AssertAnnotations.FromStack(stack).FindError("/TestStack/Gateway", Match.StringLikeRegexp("SecureSageMaker-VP1"));
        Assert.Single(errors);
    }

    [Fact]
    public void CdkNagMetadata_JustifiesDeliberateDeviations_WhenEveryDefault()
    {
        var bucket = TemplateJson.Resources(Examples.Default, "AWS::S3::Bucket").Single(b => b.Id.StartsWith("WorkspaceAccessLogsBucket", StringComparison.Ordinal)).Resource;
        var suppression = bucket["Metadata"]!["cdk_nag"]!["rules_to_suppress"]![0]!;
        Assert.Equal("AwsSolutions-S1", (string?)suppression["id"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)suppression["reason"]));
        var stateMachines = TemplateJson.Resources(Examples.Full, "AWS::StepFunctions::StateMachine").ToList();
        Assert.All(stateMachines, m => Assert.Equal("AwsSolutions-SF2", (string?)m.Resource["Metadata"]!["cdk_nag"]!["rules_to_suppress"]![0]!["id"]));
    }
}
