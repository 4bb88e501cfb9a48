namespace SecureSageMaker.Guardrails;

/// <summary>What a rule found on one resource.</summary>
public enum RuleResult
{
    /// <summary>The resource holds the control.</summary>
    Compliant,

    /// <summary>The resource breaks the control.</summary>
    NonCompliant,

    /// <summary>The rule does not apply to the resource.</summary>
    NotApplicable,
}

/// <summary>A rule's verdict, with the reason when it is non-compliant.</summary>
/// <param name="Result">The verdict.</param>
/// <param name="Reason">What is wrong, as a sentence.</param>
public sealed record RuleFinding(RuleResult Result, string? Reason = null)
{
    /// <summary>The resource holds the control.</summary>
    public static RuleFinding Compliant { get; } = new(RuleResult.Compliant);

    /// <summary>The rule does not apply.</summary>
    public static RuleFinding NotApplicable { get; } = new(RuleResult.NotApplicable);

    /// <summary>The resource breaks the control, for the given reason.</summary>
    public static RuleFinding NonCompliant(string reason) => new(RuleResult.NonCompliant, reason);

    /// <summary>Compliant when there are no problems, else non-compliant with all of them.</summary>
    public static RuleFinding From(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        return list.Count == 0 ? Compliant : NonCompliant(string.Join(" ", list));
    }
}

/// <summary>
/// One guardrail rule, in the cdk-nag style: an id, what it checks, why it matters, and a pure
/// function from a CloudFormation resource to a finding.
/// </summary>
public abstract class GuardrailRule
{
    /// <summary>Stable id, such as <c>SecureSageMaker-NB1</c>.</summary>
    public abstract string Id { get; }

    /// <summary>What the rule checks.</summary>
    public abstract string What { get; }

    /// <summary>Why it matters.</summary>
    public abstract string Why { get; }

    /// <summary>Evaluates the rule on one resource.</summary>
    public abstract RuleFinding Evaluate(ResourceView resource);

    /// <summary>
    /// Whether the rule reads the properties of resources of this type. The checker fetches
    /// properties only for types some rule reads: each fetch is a jsii round trip with the whole
    /// property tree. A rule that only looks at the type (or cannot apply) answers false.
    /// </summary>
    public virtual bool ReadsPropertiesOf(string type) => true;
}
