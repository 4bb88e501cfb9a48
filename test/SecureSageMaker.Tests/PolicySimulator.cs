using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Tests;

/// <summary>
/// Evaluates the guardrail Deny statements against a request context, for the condition operators
/// they use, following IAM's rules: a negated operator is true on an absent key, <c>IfExists</c>
/// makes an absent key true, <c>ForAnyValue</c> is false on an absent key.
/// </summary>
internal static class PolicySimulator
{
    public static IReadOnlyList<string> DeniedBy(IEnumerable<GuardrailStatement> statements, string action, IReadOnlyDictionary<string, string[]> context, string? exemptionTag = null) =>
        statements.Where(s => s.Actions.Any(a => Matches(a, action)) && s.ConditionsWith(exemptionTag).All(c => c.Value.All(k => Holds(c.Key, k.Key, Values(k.Value), context))))
            .Select(s => s.Sid).ToList();

    private static bool Matches(string pattern, string action) =>
        System.Text.RegularExpressions.Regex.IsMatch(action, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$");

    private static string[] Values(object value) => value switch
    {
        string s => new[] { s },
        IEnumerable<string> list => list.ToArray(),
        _ => new[] { value.ToString()! },
    };

    private static bool Holds(string op, string key, string[] expected, IReadOnlyDictionary<string, string[]> context)
    {
        var present = context.TryGetValue(key, out var actual);
        actual ??= Array.Empty<string>();
        return op switch
        {
            "Bool" => present && actual.Any(a => expected.Contains(a, StringComparer.OrdinalIgnoreCase)),
            "Null" => expected[0] == "true" ? !present : present,
            "StringEquals" => present && actual.Any(a => expected.Contains(a, StringComparer.Ordinal)),
            "StringNotEquals" => !present || actual.All(a => !expected.Contains(a, StringComparer.Ordinal)),
            "StringNotEqualsIfExists" => !present || actual.All(a => !expected.Contains(a, StringComparer.Ordinal)),
            "ForAnyValue:StringNotEquals" => present && actual.Any(a => !expected.Contains(a, StringComparer.Ordinal)),
            _ => throw new NotSupportedException("The simulator does not know the operator " + op + "."),
        };
    }
}
