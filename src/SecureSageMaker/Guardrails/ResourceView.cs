using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// A resource of a synthesized CloudFormation template as a rule sees it: its logical id, type,
/// properties and the rest of its entry (metadata, policies), and the other resources of the same
/// template for rules that look across resources. Property names are CloudFormation's, case-sensitive;
/// intrinsic functions (<c>Ref</c>, <c>Fn::*</c>) stay as they are.
/// </summary>
public sealed class ResourceView
{
    private readonly IReadOnlyDictionary<string, ResourceView> _template;

    private ResourceView(string logicalId, JsonObject entry, IReadOnlyDictionary<string, ResourceView> template)
    {
        LogicalId = logicalId;
        Entry = entry;
        Type = entry["Type"] is JsonValue t && t.TryGetValue<string>(out var type) ? type : string.Empty;
        Properties = entry["Properties"] as JsonObject ?? new JsonObject();
        _template = template;
    }

    /// <summary>The logical id in the template.</summary>
    public string LogicalId { get; }

    /// <summary>The CloudFormation type, such as <c>AWS::SageMaker::Model</c>.</summary>
    public string Type { get; }

    /// <summary>The resource's properties (empty when it has none).</summary>
    public JsonObject Properties { get; }

    /// <summary>The resource's whole entry: type, properties, metadata, deletion policies, dependencies.</summary>
    public JsonObject Entry { get; }

    /// <summary>Every resource of the template (this one included), by logical id.</summary>
    public IReadOnlyDictionary<string, ResourceView> Template => _template;

    /// <summary>The property value at a path of names, or null when absent.</summary>
    public JsonNode? Get(params string[] path) => JsonRead.Get(Properties, path);

    /// <summary>The resources of a template, with one shared view of the whole template.</summary>
    /// <param name="template">A CloudFormation template (its <c>Resources</c> section is read).</param>
    public static IReadOnlyList<ResourceView> FromTemplate(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var all = new Dictionary<string, ResourceView>(StringComparer.Ordinal);
        foreach (var (id, node) in template["Resources"] as JsonObject ?? new JsonObject())
        {
            all[id] = new ResourceView(id, node as JsonObject ?? new JsonObject(), all);
        }

        return all.Values.ToList();
    }

    /// <inheritdoc />
    public override string ToString() => LogicalId + " (" + Type + ")";
}
