using Amazon.CDK;
using SecureSageMaker.Reporting;
using Xunit;

namespace SecureSageMaker.Tests;

public class ReportTests
{
    [Fact]
    public void PostureReport_IsWrittenNextToTheTemplate_AtSynth()
    {
        // GIVEN
        var outdir = Path.Combine(Path.GetTempPath(), "ssm-report-" + Guid.NewGuid().ToString("N"));
        var app = new App(new AppProps { Outdir = outdir });
        var stack = new Stack(app, "Reported", new StackProps { Synthesizer = TestStacks.Synthesizer() });
        _ = new SecureMlWorkspace(stack, "Workspace");

        // WHEN
        _ = app.Synth();

        // THEN
        var report = File.ReadAllText(Path.Combine(outdir, "Reported.posture.md"));
        Assert.True(File.Exists(Path.Combine(outdir, "Reported.template.json")));
        Assert.Contains("# Security posture: Reported/Workspace", report, StringComparison.Ordinal);
        Assert.Contains("None: every control holds its default.", report, StringComparison.Ordinal);
        Assert.Contains("| Network isolation | synth-time guardrail checker (15 rules) | on |", report, StringComparison.Ordinal);
        Assert.Contains("**USD 116.80 a month**", report, StringComparison.Ordinal);
        Assert.Contains("```mermaid", report, StringComparison.Ordinal);
        Directory.Delete(outdir, recursive: true);
    }

    [Fact]
    public void PostureReport_ListsWeakenedControlsAndAcknowledgments_InTheFullStack()
    {
        var workspace = (SecureMlWorkspace)Examples.FullStack.Node.FindChild("Workspace");
        var report = PostureReport.Render(workspace);
        Assert.Contains("| `SecureSageMaker:SelfReferencingTraffic` | `SecureMlWorkspaceFull/Workspace/Network` | yes |", report, StringComparison.Ordinal);
        Assert.Contains("| `SecureSageMaker-S31` |", report, StringComparison.Ordinal);
        Assert.Contains("from 203.0.113.0/24, 198.51.100.0/24 or the workspace's endpoint", report, StringComparison.Ordinal);
        Assert.Contains("w0[\"Notebook instance Notebook\"] --- wsg", report, StringComparison.Ordinal);
        Assert.Contains("| `SageMakerStudioEndpoint` | `studio` |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void PostureReport_MarksAWeakeningNotAcknowledged_WhenTheWarningStands()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { RemovedEndpoints = new[] { Network.WorkspaceEndpoint.Monitoring } });
        var report = PostureReport.Render(workspace);
        Assert.Contains("| `SecureSageMaker:OptionalEndpointRemoved` | `TestStack/Workspace/Network` | no |", report, StringComparison.Ordinal);
    }
}
