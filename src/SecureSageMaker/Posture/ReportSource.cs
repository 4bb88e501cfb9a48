using System.Text.Json.Nodes;
using Amazon.CDK;

namespace SecureSageMaker.Posture;

/// <summary>
/// What a workspace tells the posture report about itself: where it is in the tree and the tokens that
/// name its resources (its VPC, security groups, policies, buckets, keys). The report resolves them
/// against the template and reads everything else from the template itself.
/// </summary>
internal sealed class ReportSource
{
    private readonly string _id;
    private readonly IReadOnlyDictionary<string, object> _anchors;

    public ReportSource(string id, string path, IReadOnlyDictionary<string, object> anchors)
    {
        _id = id;
        Path = path;
        _anchors = anchors;
    }

    public string Path { get; }

    /// <summary><c>&lt;stack&gt;.posture.md</c> for a workspace with id <c>Workspace</c>, else <c>&lt;stack&gt;.&lt;id&gt;.posture.md</c>.</summary>
    public string FileName(Stack stack)
    {
        var template = stack.TemplateFile;
        var name = template.EndsWith(".template.json", StringComparison.Ordinal) ? template[..^".template.json".Length] : stack.ArtifactId;
        return name + (_id == "Workspace" ? string.Empty : "." + _id) + ".posture.md";
    }

    /// <summary>The anchors resolved to CloudFormation (<c>Ref</c>, <c>Fn::GetAtt</c> or literals), in one round trip.</summary>
    public ReportAnchors Resolve(Stack stack)
    {
        var resolved = Jsii.JsiiValues.Resolve(stack, _anchors.ToDictionary(p => p.Key, p => p.Value)) as JsonObject ?? new JsonObject();
        return new ReportAnchors(Path, resolved);
    }
}

/// <summary>A workspace's resources as the template names them.</summary>
internal sealed class ReportAnchors
{
    private readonly JsonObject _values;

    public ReportAnchors(string path, JsonObject values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public JsonNode? Value(string name) => _values[name];

    /// <summary>The logical id an anchor refers to, or null when it names something outside the template.</summary>
    public string? LogicalId(string name) => Guardrails.JsonRead.ReferencedId(_values[name]);

    public bool Has(string name) => _values[name] is not null;
}
