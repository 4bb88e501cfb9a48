namespace SecureSageMaker.Guardrails;

/// <summary>
/// One guardrail rule, in the cdk-nag style: an id, what it checks, why it matters, and a pure
/// function from a resource of the synthesized CloudFormation template to a finding.
/// </summary>
public abstract class GuardrailRule
{
    /// <summary>Stable id, such as <c>SecureSageMaker-NB1</c> (see <see cref="RuleIds"/>).</summary>
    public abstract string Id { get; }

    /// <summary>What the rule checks, as a sentence.</summary>
    public abstract string What { get; }

    /// <summary>Why it matters, as a sentence, with the public rule it answers to.</summary>
    public abstract string Why { get; }

    /// <summary>
    /// Evaluates the rule on one resource of the final template. A value the rule cannot read (an
    /// intrinsic function where a literal is needed, an unparseable definition, an unknown shape)
    /// must be reported as <see cref="RuleResult.CannotVerify"/>, never as not applicable.
    /// </summary>
    public abstract RuleFinding Evaluate(ResourceView resource);
}

/// <summary>What a rule found on one resource.</summary>
public enum RuleResult
{
    /// <summary>The resource holds the control.</summary>
    Compliant,

    /// <summary>The resource breaks the control.</summary>
    NonCompliant,

    /// <summary>The rule cannot tell from the template (a token, an unparseable value); a finding of its own.</summary>
    CannotVerify,

    /// <summary>The rule does not apply to the resource (another type).</summary>
    NotApplicable,
}

/// <summary>A rule's verdict: the problems it found, each a sentence, split into breaches and what it could not read.</summary>
public sealed class RuleFinding
{
    private RuleFinding(IReadOnlyList<string> reasons, IReadOnlyList<string> unverifiable, bool applicable)
    {
        Reasons = reasons;
        UnverifiableReasons = unverifiable;
        Result = !applicable ? RuleResult.NotApplicable
            : reasons.Count > 0 ? RuleResult.NonCompliant
            : unverifiable.Count > 0 ? RuleResult.CannotVerify
            : RuleResult.Compliant;
    }

    /// <summary>The verdict: non-compliant when any breach was found, else cannot-verify when any value was unreadable.</summary>
    public RuleResult Result { get; }

    /// <summary>What breaks the control, one sentence each.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>What the rule could not read, one sentence each.</summary>
    public IReadOnlyList<string> UnverifiableReasons { get; }

    /// <summary>The resource holds the control.</summary>
    public static RuleFinding Compliant { get; } = new(Array.Empty<string>(), Array.Empty<string>(), true);

    /// <summary>The rule does not apply.</summary>
    public static RuleFinding NotApplicable { get; } = new(Array.Empty<string>(), Array.Empty<string>(), false);

    /// <summary>The resource breaks the control.</summary>
    public static RuleFinding NonCompliant(params string[] reasons) => new(reasons ?? throw new ArgumentNullException(nameof(reasons), "Give at least one reason."), Array.Empty<string>(), true);

    /// <summary>The rule cannot tell.</summary>
    public static RuleFinding CannotVerify(params string[] reasons) => new(Array.Empty<string>(), reasons ?? throw new ArgumentNullException(nameof(reasons), "Give at least one reason."), true);

    /// <summary>A finding from breaches and unreadable values (compliant when both are empty).</summary>
    public static RuleFinding From(IEnumerable<string> reasons, IEnumerable<string> unverifiable) => new(reasons.ToArray(), unverifiable.ToArray(), true);
}
