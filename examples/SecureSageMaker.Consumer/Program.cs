using Amazon.CDK;
using SecureSageMaker;
using SecureSageMaker.Notebooks;

// A team's own CDK app, using the SecureSageMaker package as any NuGet consumer would.
var outdir = args.Length > 0 ? args[0] : "cdk.out.consumer";
var app = new App(new AppProps { Outdir = outdir });
var stack = new Stack(app, "TeamMlAccount", new StackProps
{
    Description = "A team's ML account built from the SecureSageMaker NuGet package.",
});
var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
{
    PresignedUrlAllowedCidrs = new[] { "203.0.113.0/24" },
});
_ = workspace.AddNotebookInstance("Notebook");
var assembly = app.Synth();
Console.WriteLine("Synthesized " + assembly.GetStackByName(stack.StackName).TemplateFullPath);
