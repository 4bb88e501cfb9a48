using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>The posture report says only what the template proves.</summary>
public class ReportTests
{
    private static string Row(string report, string control) =>
        report.Split('\n').Single(l => l.Contains("| " + control, StringComparison.Ordinal));

    private static readonly Lazy<string> DefaultReport = new(() => TestStacks.Report(Shared.DefaultStack));

    [Fact]
    public void Report_NamesTheLibraryVersionStackAndTemplate()
    {
        Assert.Contains("SecureSageMaker " + Posture.PostureContext.LibraryVersion + ". Stack `TestStack`, template `TestStack.template.json`", DefaultReport.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_CountsEndpointInterfaces_AndTheDnsFirewallAtAStatedQueryVolume()
    {
        // 8 endpoints in 2 zones; 10 million queries at USD 0.60 a million
        Assert.Contains("**USD 116.80 a month** (16 endpoint network interfaces", DefaultReport.Value, StringComparison.Ordinal);
        Assert.Contains("DNS firewall: **USD 6.00 a month** at an assumed 10 million queries a month", DefaultReport.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void PresignedUrlRow_IsOff_WhenThePolicyIsAttachedToNobody()
    {
        Assert.Contains("| **off** |", Row(DefaultReport.Value, "presigned notebook and Studio URLs"), StringComparison.Ordinal);
        Assert.Contains("attached to nobody", Row(DefaultReport.Value, "presigned notebook and Studio URLs"), StringComparison.Ordinal);
    }

    [Fact]
    public void GuardrailRow_IsWeakened_WhenAttachedOnlyToServiceRoles()
    {
        var row = Row(DefaultReport.Value, "IAM guardrail policy");
        Assert.Contains("| **weakened** |", row, StringComparison.Ordinal);
        Assert.Contains("attached to no person's role", row, StringComparison.Ordinal);
        Assert.Contains("service role (sagemaker.amazonaws.com)", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_AreOn_WhereTheTemplateProvesTheControl()
    {
        foreach (var control in new[] { "no internet gateway", "interface endpoints with private DNS", "S3 gateway endpoint", "workload egress", "VPC flow logs", "DNS firewall", "data key", "logs key", "data bucket", "model bucket" })
        {
            Assert.Contains("| **on** |", Row(DefaultReport.Value, control), StringComparison.Ordinal);
        }

        Assert.Contains("account-scoped", Row(DefaultReport.Value, "interface endpoints with private DNS"), StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_CannotVerify_ABroughtVpcWithANat_AndEgressToAnyAddress()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0", VpcCidrBlock = "10.0.0.0/16", AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
            PrivateSubnetIds = new[] { "subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2" },
            PrivateSubnetRouteTableIds = new[] { "rtb-0aaaaaaaaaaaaaaa1", "rtb-0aaaaaaaaaaaaaaa2" },
        });

        // WHEN
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { Vpc = vpc } });
        SecureSageMaker.Guardrails.Acknowledge.Warning(stack, WarningIds.VpcHasInternetPath, "Migration account: the NAT goes away next quarter.");
        var report = TestStacks.Report(stack);

        // THEN
        Assert.Contains("| **cannot verify** |", Row(report, "no internet gateway"), StringComparison.Ordinal);
        Assert.Contains("| **cannot verify** |", Row(report, "workload egress"), StringComparison.Ordinal);
        Assert.Contains("brought VPC's routes are not in this template", Row(report, "workload egress"), StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_SayOrganizationScope_BreakGlassAndInputBuckets()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var input = Bucket.FromBucketName(stack, "Input", "team-input");

        // WHEN
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { OrganizationId = "o-a1b2c3d4e5" },
            BreakGlassPrincipalArns = new[] { "arn:aws:iam::111122223333:role/Admin" },
            InputBuckets = new[] { input },
        });
        SecureSageMaker.Guardrails.Acknowledge.Warning(stack, WarningIds.UnverifiedInputBucket, "Owned by the data platform team.");
        var report = TestStacks.Report(stack);

        // THEN
        Assert.Contains("organization-scoped (o-a1b2c3d4e5)", Row(report, "interface endpoints with private DNS"), StringComparison.Ordinal);
        var exceptions = Row(report, "data perimeter exceptions");
        Assert.Contains("| **weakened** |", exceptions, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::111122223333:role/Admin", exceptions, StringComparison.Ordinal);
        Assert.Contains("team-input", exceptions, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_AreOn_ForGuardrailsAppliedToAPerson()
    {
        var (stack, workspace) = TestStacks.Workspace();
        workspace.ApplyGuardrails(Role.FromRoleArn(stack, "People", "arn:aws:iam::111122223333:role/DataScientists"));
        var report = TestStacks.Report(stack);
        Assert.Contains("| **on** |", Row(report, "presigned notebook and Studio URLs"), StringComparison.Ordinal);
        Assert.Contains("DataScientists (role brought to the stack)", Row(report, "IAM guardrail policy"), StringComparison.Ordinal);
    }

    [Fact]
    public void Diagram_EscapesLabels()
    {
        Assert.Equal("a #quot;b#quot; #lt;c#gt;", Posture.PostureReport.Label("a \"b\" <c>"));
        Assert.Contains("```mermaid", DefaultReport.Value, StringComparison.Ordinal);
    }
}

/// <summary>Controls that are off, weakened or unverifiable are said on the console at synth (issue 23.5).</summary>
public class ConsoleControlTests
{
    [Fact]
    public void BroughtVpcAndKey_SayEachUnverifiableControl_WithItsWarningId()
    {
        var stack = TestStacks.Create("Brought");
        var vpc = TestStacks.BroughtVpc(stack);
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { Vpc = vpc } });
        var report = TestStacks.Report(stack);
        var unverifiable = report.Split('\n').Count(l => l.Contains("| **cannot verify** |", StringComparison.Ordinal));
        Assert.True(unverifiable > 0, report);
        var said = TestStacks.Warnings(stack).Count(w => w.Contains(WarningIds.ControlCannotVerify, StringComparison.Ordinal) || w.Contains("is cannot verify", StringComparison.Ordinal));
        Assert.Equal(unverifiable, said);
    }
}
