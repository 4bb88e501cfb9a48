using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Xunit.Sdk;

namespace SecureSageMaker.Tests;

/// <summary>
/// A synthesized template as JSON, read by path: a missing step fails with the path that was
/// missing ("Resources.X.Properties.Y missing"), never with a NullReferenceException.
/// </summary>
internal sealed class Cfn
{
    public Cfn(Template template)
    {
        Template = template;
        Json = JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(template.ToJSON()))!.AsObject();
    }

    public Template Template { get; }

    public JsonObject Json { get; }

    public IReadOnlyList<(string Id, JsonObject Resource)> OfType(string type) =>
        (Json["Resources"] as JsonObject ?? new JsonObject())
            .Where(p => (string?)p.Value?["Type"] == type)
            .Select(p => (p.Key, p.Value!.AsObject()))
            .ToList();

    /// <summary>The one resource of the type.</summary>
    public (string Id, JsonObject Resource) Single(string type)
    {
        var all = OfType(type);
        if (all.Count != 1)
        {
            throw new XunitException($"Expected one {type}, found {all.Count}: {string.Join(", ", all.Select(r => r.Id))}.");
        }

        return all[0];
    }

    /// <summary>The resource whose logical id is <paramref name="prefix"/> followed by CDK's 8-character hash.</summary>
    public JsonObject Resource(string prefix)
    {
        var all = (Json["Resources"] as JsonObject ?? new JsonObject())
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Key.Length == prefix.Length + 8 && p.Key[prefix.Length..].All(char.IsAsciiHexDigitUpper))
            .ToList();
        if (all.Count != 1)
        {
            throw new XunitException($"Expected one resource whose id starts with '{prefix}', found {all.Count}: {string.Join(", ", all.Select(r => r.Key))}.");
        }

        return all[0].Value!.AsObject();
    }

    /// <summary>The node at a path of names and indexes below <paramref name="node"/>.</summary>
    public static JsonNode At(JsonNode node, params object[] path)
    {
        var current = node;
        var walked = new List<string>();
        foreach (var step in path)
        {
            walked.Add(step.ToString()!);
            current = step switch
            {
                int i when current is JsonArray a && i < a.Count => a[i],
                string s when current is JsonObject o && o.TryGetPropertyValue(s, out var v) => v,
                _ => null,
            };
            if (current is null)
            {
                throw new XunitException(string.Join(".", walked) + " missing in " + Shorten(node.ToJsonString()));
            }
        }

        return current;
    }

    public static string Text(JsonNode node, params object[] path) => At(node, path).ToJsonString();

    /// <summary>A string, or the text of a <c>Fn::Join</c> with each intrinsic as <c>{token}</c>.</summary>
    public static string Flat(JsonNode node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o when o["Fn::Join"] is JsonArray j && j.Count == 2 && j[1] is JsonArray parts =>
            string.Join((string?)j[0] ?? string.Empty, parts.Select(p => p is JsonValue pv && pv.TryGetValue<string>(out var ps) ? ps : "{token}")),
        _ => node.ToJsonString(),
    };

    /// <summary>A number at a path (templates carry numbers as doubles).</summary>
    public static double Number(JsonNode node, params object[] path) => At(node, path).GetValue<double>();

    /// <summary>Every statement of the policy documents of resources of a type.</summary>
    public IReadOnlyList<JsonObject> Statements(string type, string documentProperty = "PolicyDocument") =>
        OfType(type).SelectMany(r => r.Resource["Properties"]?[documentProperty]?["Statement"]?.AsArray() ?? new JsonArray())
            .Select(s => s!.AsObject()).ToList();

    public JsonObject Statement(string type, string sid, string documentProperty = "PolicyDocument")
    {
        var found = Statements(type, documentProperty).Where(s => (string?)s["Sid"] == sid).ToList();
        if (found.Count == 0)
        {
            throw new XunitException($"No statement '{sid}' in any {type}.{documentProperty}; sids: {string.Join(", ", Statements(type, documentProperty).Select(s => (string?)s["Sid"]).Where(s => s is not null).Distinct())}.");
        }

        return found[0];
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "..." : text;
}
