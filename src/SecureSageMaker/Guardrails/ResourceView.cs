using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// A CloudFormation resource as a rule sees it: its type and its resolved properties (intrinsics such
/// as <c>Ref</c> stay as they are), with case-insensitive lookups so a rule reads
/// <c>KMSMasterKeyID</c> and <c>kmsMasterKeyId</c> alike.
/// </summary>
/// <param name="Type">The CloudFormation type, such as <c>AWS::SageMaker::Model</c>.</param>
/// <param name="LogicalId">The logical id in the template, where a rule needs it (buckets), else null.</param>
/// <param name="Properties">The resolved properties.</param>
public sealed record ResourceView(string Type, string? LogicalId, JsonObject Properties)
{
    /// <summary>The resources of the same stack (this one included), for rules that look across resources.</summary>
    public IReadOnlyList<ResourceView> Stack { get; init; } = Array.Empty<ResourceView>();

    /// <summary>The value at a path of property names (case-insensitive), or null.</summary>
    public JsonNode? Get(params string[] path) => Json.Get(Properties, path);

    /// <summary>Whether the value at the path is the boolean true (or the string "true").</summary>
    public bool IsTrue(params string[] path) => Json.IsTrue(Get(path));

    /// <summary>The string at the path, or null.</summary>
    public string? GetString(params string[] path) => Json.AsString(Get(path));

    /// <summary>Whether the path holds a value that is not null, not empty text and not an empty list.</summary>
    public bool Has(params string[] path) => Json.IsPresent(Get(path));
}

/// <summary>Case-insensitive JSON helpers for rules.</summary>
public static class Json
{
    /// <summary>The value at a path of property names (case-insensitive), or null.</summary>
    public static JsonNode? Get(JsonNode? node, params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var name in path)
        {
            if (node is not JsonObject obj)
            {
                return null;
            }

            node = obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return node;
    }

    /// <summary>Whether the node is the boolean true or the string "true".</summary>
    public static bool IsTrue(JsonNode? node) => node is JsonValue v
        && ((v.TryGetValue<bool>(out var b) && b) || (v.TryGetValue<string>(out var s) && string.Equals(s, "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The node as text, or null when it is not a string.</summary>
    public static string? AsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Whether the node holds something: not null, not empty text, not an empty list.</summary>
    public static bool IsPresent(JsonNode? node) => node switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        _ => true,
    };

    /// <summary>The node's elements if it is a list, else the node itself (CloudFormation often takes either).</summary>
    public static IEnumerable<JsonNode?> Items(JsonNode? node) => node switch
    {
        null => Enumerable.Empty<JsonNode?>(),
        JsonArray a => a,
        _ => new[] { node },
    };

    /// <summary>
    /// The JSON a string property holds, such as a state machine definition. A <c>Fn::Join</c> of
    /// text and intrinsics is joined with <c>"TOKEN"</c> in place of each intrinsic.
    /// </summary>
    public static JsonNode? ParseEmbedded(JsonNode? node)
    {
        string? text = AsString(node);
        if (text is null && Get(node, "Fn::Join") is JsonArray join && join.Count == 2 && join[1] is JsonArray parts)
        {
            text = string.Concat(parts.Select(p => AsString(p) ?? "TOKEN"));
        }

        if (text is null)
        {
            return node as JsonObject;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
