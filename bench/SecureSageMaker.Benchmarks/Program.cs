using System.Diagnostics;
using Amazon.CDK;
using SecureSageMaker;
using SecureSageMaker.Examples;
using SecureSageMaker.Guardrails;
using SecureSageMaker.Reporting;

var sw = Stopwatch.StartNew();
var warm = new App(new AppProps { Outdir = Path.Combine(Path.GetTempPath(), "b0") });
_ = new Stack(warm, "Warm");
_ = warm.Synth();
for (var i = 0; i < 4; i++)
{
    var app2 = new App(new AppProps { Outdir = Path.Combine(Path.GetTempPath(), "b2" + i) });
    var s = ExampleStacks.AddFull(app2);
    var ws = (SecureMlWorkspace)s.Node.FindChild("Workspace");
    sw.Restart();
    var views = GuardrailChecks.Snapshot(s);
    var snap = sw.ElapsedMilliseconds;
    sw.Restart();
    var report = PostureReport.Render(ws);
    var rep = sw.ElapsedMilliseconds;
    sw.Restart();
    var nodes = s.Node.FindAll().Length;
    var find = sw.ElapsedMilliseconds;
    sw.Restart();
    _ = app2.Synth();
    Console.WriteLine($"snapshot {snap} ms ({views.Count} resources); report {rep} ms; findall {find} ms ({nodes} nodes); synth {sw.ElapsedMilliseconds} ms");
}
