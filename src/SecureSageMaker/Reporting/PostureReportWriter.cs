using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace SecureSageMaker.Reporting;

/// <summary>
/// Writes the posture report of a workspace next to its stack's template
/// (<c>&lt;outdir&gt;/&lt;StackName&gt;.posture.md</c>) during synthesis. It hooks the validation
/// phase, which runs after aspects and before the assembly is written, and reports no error.
/// </summary>
internal sealed class PostureReportWriter : DeputyBase, IValidation
{
    private readonly SecureMlWorkspace _workspace;

    public PostureReportWriter(SecureMlWorkspace workspace)
    {
        _workspace = workspace;
    }

    public string[] Validate()
    {
        var stack = Stack.Of(_workspace);
        var outdir = Stage.Of(stack)?.Outdir;
        if (string.IsNullOrEmpty(outdir))
        {
            return Array.Empty<string>();
        }

        _ = Directory.CreateDirectory(outdir);
        var name = stack.TemplateFile.EndsWith(".template.json", StringComparison.Ordinal)
            ? stack.TemplateFile[..^".template.json".Length]
            : stack.ArtifactId;
        var suffix = _workspace.Node.Id == "Workspace" ? string.Empty : "." + _workspace.Node.Id;
        File.WriteAllText(Path.Combine(outdir, name + suffix + ".posture.md"), PostureReport.Render(_workspace));
        return Array.Empty<string>();
    }
}
