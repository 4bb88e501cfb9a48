using System.Text.RegularExpressions;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>
/// Evaluates guardrail Deny statements against a request, following IAM's rules for the operators
/// they use: a negated operator is true on an absent key, <c>IfExists</c> makes an absent key true,
/// <c>ForAnyValue</c> is false on an absent key, <c>Null</c> tests presence, <c>*</c> and <c>?</c> are
/// wildcards in <c>Like</c> operators and actions, and <c>${aws:PrincipalAccount}</c> is a policy
/// variable. Every condition of a statement must hold for it to deny.
/// </summary>
internal static class PolicySimulator
{
    public static IReadOnlyList<string> DeniedBy(IEnumerable<GuardrailStatement> statements, string action, IReadOnlyDictionary<string, string[]> context,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>>? extra = null, string resource = "*") =>
        statements.Where(s => s.Actions.Any(a => Like(a, action)) && s.Resources.Any(r => Like(r, resource)) && s.ConditionsWith(extra).All(c => c.Value.All(k => Holds(c.Key, k.Key, Values(k.Value, context), context))))
            .Select(s => s.Sid).ToList();

    /// <summary>The Sids of the Deny statements of rendered policy documents (SCPs as AWS receives them) that deny a request.</summary>
    public static IReadOnlyList<string> DeniedByDocuments(IEnumerable<string> documents, string action, string resource, IReadOnlyDictionary<string, string[]> context)
    {
        static string[] List(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            null => Array.Empty<string>(),
            System.Text.Json.Nodes.JsonArray a => a.Select(v => (string)v!).ToArray(),
            _ => new[] { (string)node! },
        };
        return documents.SelectMany(d => System.Text.Json.Nodes.JsonNode.Parse(d)!["Statement"]!.AsArray())
            .Where(s => (string?)s!["Effect"] == "Deny" && List(s["Action"]).Any(a => Like(a, action)) && List(s["Resource"]).Any(r => Like(r, resource))
                && (s["Condition"]?.AsObject() ?? new System.Text.Json.Nodes.JsonObject()).All(op => op.Value!.AsObject().All(k => Holds(op.Key, k.Key, Values(List(k.Value), context), context))))
            .Select(s => (string?)s!["Sid"] ?? "(no sid)").ToList();
    }

    private static bool Like(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$");

    private static bool InCidr(string address, string cidr)
    {
        var parts = cidr.Split('/');
        var ip = System.Net.IPAddress.Parse(address).GetAddressBytes();
        var net = System.Net.IPAddress.Parse(parts[0]).GetAddressBytes();
        var bits = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        if (ip.Length != net.Length)
        {
            return false;
        }

        for (var i = 0; i < ip.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((ip[i] & mask) != (net[i] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Values(object value, IReadOnlyDictionary<string, string[]> context)
    {
        var raw = value switch
        {
            string s => new[] { s },
            IEnumerable<string> list => list.ToArray(),
            _ => new[] { value.ToString()! },
        };
        var account = context.TryGetValue("aws:PrincipalAccount", out var a) ? a[0] : "111122223333";
        return raw.Select(v => v.Replace("${aws:PrincipalAccount}", account, StringComparison.Ordinal)).ToArray();
    }

    private static bool Holds(string op, string key, string[] expected, IReadOnlyDictionary<string, string[]> context)
    {
        var present = context.TryGetValue(key, out var actual);
        actual ??= Array.Empty<string>();
        return op switch
        {
            "Bool" => present && actual.Any(a => expected.Contains(a, StringComparer.OrdinalIgnoreCase)),
            "BoolIfExists" => !present || actual.Any(a => expected.Contains(a, StringComparer.OrdinalIgnoreCase)),
            "ArnLike" => present && actual.Any(a => expected.Any(e => Like(e, a))),
            "Null" => expected[0] == "true" ? !present : present,
            "StringEquals" => present && actual.Any(a => expected.Contains(a, StringComparer.Ordinal)),
            "StringNotEquals" => !present || actual.All(a => !expected.Contains(a, StringComparer.Ordinal)),
            "StringNotEqualsIfExists" => !present || actual.All(a => !expected.Contains(a, StringComparer.Ordinal)),
            "StringNotLikeIfExists" => !present || actual.All(a => !expected.Any(e => Like(e, a))),
            "ForAnyValue:StringEquals" => present && actual.Any(a => expected.Contains(a, StringComparer.Ordinal)),
            "ForAnyValue:StringNotEquals" => present && actual.Any(a => !expected.Contains(a, StringComparer.Ordinal)),
            "ForAnyValue:StringNotLike" => present && actual.Any(a => !expected.Any(e => Like(e, a))),
            "ForAllValues:StringNotLike" => !present || actual.All(a => !expected.Any(e => Like(e, a))),
            "NotIpAddressIfExists" => !present || actual.All(a => !expected.Any(e => InCidr(a, e))),
            "ArnNotLike" => !present || actual.All(a => !expected.Any(e => Like(e, a))),
            _ => throw new NotSupportedException("The simulator does not know the operator " + op + "."),
        };
    }
}
