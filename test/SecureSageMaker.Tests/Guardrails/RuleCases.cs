using System.Text.Json.Nodes;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>One check of a rule: a change to a compliant baseline that breaks exactly that check, and the reason it must give.</summary>
/// <param name="Name">What the change does.</param>
/// <param name="Change">The change, applied to the baseline's template.</param>
/// <param name="Reason">Text the finding's reason must contain.</param>
/// <param name="Unverifiable">Whether the finding is "cannot verify" rather than a breach.</param>
public sealed record RuleCase(string Name, Action<JsonObject> Change, string Reason, bool Unverifiable = false)
{
    public override string ToString() => Name;
}

/// <summary>A rule's compliant baseline template (the resource under test is <c>Subject</c>) and one case per check.</summary>
public sealed record RuleSpec(string RuleId, string Baseline, IReadOnlyList<RuleCase> Cases)
{
    public JsonObject Template() => JsonNode.Parse(Baseline)!.AsObject();

    public static JsonObject Subject(JsonObject template) => template["Resources"]!["Subject"]!["Properties"]!.AsObject();

    public static JsonNode Json(string text) => JsonNode.Parse(text)!;
}
