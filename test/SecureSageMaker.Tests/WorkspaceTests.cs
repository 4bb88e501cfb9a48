using Amazon.CDK;
using Amazon.CDK.Assertions;
using Xunit;
using AssertAnnotations = Amazon.CDK.Assertions.Annotations;

namespace SecureSageMaker.Tests;

public class WorkspaceTests
{
    [Fact]
    public void DefaultTemplate_HasNoInternetPathOrLambda_WhenEveryDefault()
    {
        // GIVEN / WHEN
        var template = Examples.Default;

        // THEN
        foreach (var type in new[] { "AWS::EC2::InternetGateway", "AWS::EC2::NatGateway", "AWS::EC2::EIP", "AWS::EC2::VPCGatewayAttachment", "AWS::Lambda::Function", "AWS::CloudFormation::CustomResource" })
        {
            template.ResourceCountIs(type, 0);
        }

        Assert.Empty(TemplateJson.Resources(template, "AWS::EC2::Route"));
        Assert.DoesNotContain(TemplateJson.Of(template)["Resources"]!.Children<Newtonsoft.Json.Linq.JProperty>(),
            r => ((string?)r.Value["Type"])?.StartsWith("Custom::", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Workspace_Throws_WhenPropsInvalid_AndAddsNothing()
    {
        // GIVEN
        var stack = TestStacks.Create();

        // WHEN
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            VpcCidr = "10.0.0.1/16",
            AvailabilityZoneCount = 1,
            BreakGlassPrincipalArns = new[] { "admin" },
        }));

        // THEN
        Assert.Contains("TestStack/Workspace", error.Message, StringComparison.Ordinal);
        Assert.Contains("VpcCidr: received '10.0.0.1/16'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AvailabilityZoneCount: received 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("BreakGlassPrincipalArns: received 'admin'", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 problems", error.Message, StringComparison.Ordinal);
        Assert.Null(stack.Node.TryFindChild("Workspace"));
    }

    [Fact]
    public void Workspace_HasNoWarnings_WhenEveryDefault()
    {
        // GIVEN / WHEN
        var annotations = AssertAnnotations.FromStack(Examples.DefaultStack);

        // THEN
        annotations.HasNoWarning("*", Match.AnyValue());
        annotations.HasNoError("*", Match.AnyValue());
    }

    [Fact]
    public void Workspace_ExposesEndpointCountAndCost_WhenEveryDefault()
    {
        // GIVEN
        var stack = TestStacks.Create();

        // WHEN
        var workspace = new SecureMlWorkspace(stack, "Workspace");

        // THEN: 8 default endpoints x 2 AZs x 730 h x USD 0.01
        Assert.Equal(8, workspace.InterfaceEndpointCount);
        Assert.Equal(116.8, workspace.EstimatedMonthlyEndpointCostUsd);
    }
}
