using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails;

/// <summary>Reads CloudFormation JSON: literals, intrinsic functions and the references between resources.</summary>
internal static class JsonRead
{
    public static JsonNode? Get(JsonNode? node, params string[] path)
    {
        foreach (var name in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>An intrinsic function or a reference: <c>{ "Ref": ... }</c> or <c>{ "Fn::...": ... }</c>.</summary>
    public static bool IsIntrinsic(JsonNode? node) =>
        node is JsonObject o && o.Count == 1 && o.First().Key is var k && (k == "Ref" || k.StartsWith("Fn::", StringComparison.Ordinal) || k == "Condition");

    public static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>True for the boolean true or the text "true"; null when the node is not a boolean literal.</summary>
    public static bool? Bool(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<bool>(out var b))
        {
            return b;
        }

        return v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) ? parsed : null;
    }

    public static int? Int(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d))
        {
            return (int)d;
        }

        return v.TryGetValue<string>(out var s) && int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    /// <summary><c>{ "Ref": "AWS::NoValue" }</c>: CloudFormation removes the property at deploy time.</summary>
    public static bool IsNoValue(JsonNode? node) => String(Get(node, "Ref")) == "AWS::NoValue";

    /// <summary><c>{ "Fn::If": ... }</c>: which branch applies is decided at deploy time.</summary>
    public static bool IsConditional(JsonNode? node) => node is JsonObject o && o.Count == 1 && o.ContainsKey("Fn::If");

    /// <summary>Whether the node holds something: not null, not <c>AWS::NoValue</c>, not empty text, not an empty list.</summary>
    public static bool IsPresent(JsonNode? node) => node switch
    {
        null => false,
        _ when IsNoValue(node) => false,
        JsonArray a => a.Count > 0,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        _ => true,
    };

    /// <summary>The elements of a list, or the node itself (CloudFormation often takes either).</summary>
    public static IEnumerable<JsonNode?> Items(JsonNode? node) => node switch
    {
        null => Enumerable.Empty<JsonNode?>(),
        JsonArray a => a,
        _ => new[] { node },
    };

    /// <summary>The logical id a node refers to: <c>Ref</c> or <c>Fn::GetAtt</c>; null otherwise.</summary>
    public static string? ReferencedId(JsonNode? node)
    {
        if (Get(node, "Ref") is JsonValue r && r.TryGetValue<string>(out var id))
        {
            return id;
        }

        return Get(node, "Fn::GetAtt") switch
        {
            JsonArray a when a.Count > 0 => String(a[0]),
            JsonValue v when v.TryGetValue<string>(out var dotted) => dotted.Split('.')[0],
            _ => null,
        };
    }

    /// <summary>
    /// A CIDR as the template fixes it: a literal, or the <c>CidrBlock</c> of a VPC of the same template
    /// (<c>Fn::GetAtt [Vpc, CidrBlock]</c>); null when it is decided elsewhere.
    /// </summary>
    public static string? Cidr(JsonNode? node, IReadOnlyDictionary<string, ResourceView> template)
    {
        if (String(node) is { } literal)
        {
            return literal;
        }

        if (Get(node, "Fn::GetAtt") is JsonArray a && a.Count == 2 && String(a[1]) == "CidrBlock"
            && template.TryGetValue(String(a[0]) ?? string.Empty, out var vpc) && vpc.Type == "AWS::EC2::VPC")
        {
            return String(vpc.Get("CidrBlock"));
        }

        return null;
    }

    /// <summary>
    /// Text the template fixes up to the stack's pseudo parameters: a literal, or an <c>Fn::Join</c> of
    /// literals and <c>AWS::Region</c>, <c>AWS::URLSuffix</c>, <c>AWS::Partition</c> (rendered as
    /// <c>${AWS::Region}</c> and so on); null for anything decided elsewhere.
    /// </summary>
    public static string? Text(JsonNode? node)
    {
        if (String(node) is { } literal)
        {
            return literal;
        }

        if (Get(node, "Fn::Join") is JsonArray { Count: 2 } join && String(join[0]) is { } separator && join[1] is JsonArray parts)
        {
            var texts = parts.Select(p => String(p) ?? (String(Get(p, "Ref")) is { } r && r is "AWS::Region" or "AWS::URLSuffix" or "AWS::Partition" ? "${" + r + "}" : null)).ToList();
            return texts.Any(t => t is null) ? null : string.Join(separator, texts);
        }

        return null;
    }

    /// <summary>Whether the node contains an intrinsic function anywhere.</summary>
    public static bool ContainsIntrinsic(JsonNode? node) => node switch
    {
        JsonObject o when IsIntrinsic(o) => true,
        JsonObject o => o.Any(p => ContainsIntrinsic(p.Value)),
        JsonArray a => a.Any(ContainsIntrinsic),
        _ => false,
    };
}
