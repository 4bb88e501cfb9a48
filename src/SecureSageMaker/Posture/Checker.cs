using System.Globalization;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Posture;

/// <summary>One finding of a rule on one resource: a breach, or what the rule could not read.</summary>
internal sealed class Finding
{
    public Finding(GuardrailRule rule, ResourceView resource, bool unverifiable, IReadOnlyList<string> reasons)
    {
        Rule = rule;
        Resource = resource;
        Unverifiable = unverifiable;
        Reasons = reasons;
    }

    public GuardrailRule Rule { get; }

    public ResourceView Resource { get; }

    public bool Unverifiable { get; }

    public IReadOnlyList<string> Reasons { get; }

    /// <summary>The id to acknowledge: the rule's, or its cannot-verify id.</summary>
    public string Id => Unverifiable ? RuleIds.CannotVerify(Rule.Id) : Rule.Id;

    public Acknowledgment? AcknowledgedBy { get; set; }

    public string Message() => Unverifiable
        ? string.Format(CultureInfo.InvariantCulture,
            "[{0}] Cannot verify {1} ({2}): {3} The checker fails closed on what it cannot read. {4} Write the value as a literal, or acknowledge with Acknowledge.Finding(scope, \"{0}\", reason).",
            Id, Resource.LogicalId, Resource.Type, string.Join(" ", Reasons), Rule.What)
        : string.Format(CultureInfo.InvariantCulture,
            "[{0}] {1} ({2}): {3} {4} Why: {5} Fix the resource, or acknowledge with Acknowledge.Finding(scope, \"{0}\", reason).",
            Id, Resource.LogicalId, Resource.Type, string.Join(" ", Reasons), Rule.What, Rule.Why);
}

/// <summary>Runs rules over a template's resources.</summary>
internal static class Checker
{
    public static IEnumerable<Finding> Run(IReadOnlyList<ResourceView> resources, IReadOnlyList<GuardrailRule> rules)
    {
        foreach (var resource in resources)
        {
            foreach (var rule in rules)
            {
                var finding = rule.Evaluate(resource);
                if (finding.Reasons.Count > 0)
                {
                    yield return new Finding(rule, resource, false, finding.Reasons);
                }

                if (finding.UnverifiableReasons.Count > 0)
                {
                    yield return new Finding(rule, resource, true, finding.UnverifiableReasons);
                }
            }
        }
    }
}
