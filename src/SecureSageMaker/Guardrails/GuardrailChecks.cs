using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// The synth-time guardrail checker. Once applied to a stack, it judges the stack's final template
/// (what CloudFormation will receive: after L1 setters, property overrides, escape hatches and raw
/// <c>CfnResource</c>s, including resources added beside a workspace) with every rule of
/// <see cref="GuardrailRules.All"/>, during CDK's validation phase. A finding is an error annotation on
/// the resource, starting with the rule id in brackets, which fails <c>cdk synth</c>; a value a rule
/// cannot read is a finding of its own (<see cref="RuleIds.CannotVerify(string)"/>). Findings
/// acknowledged with <see cref="Acknowledge.Finding"/> are listed in the posture report instead.
/// </summary>
public static class GuardrailChecks
{
    /// <summary>
    /// Applies the checker to a stack (or, given a construct, to its stack), or to every stack of a
    /// stage or app. Applying it twice is the same as once.
    /// </summary>
    /// <param name="scope">A stack, a construct in a stack, a stage or the app.</param>
    /// <param name="additionalRules">Rules of your own, run beside the built-in ones.</param>
    public static void Apply(IConstruct scope, IEnumerable<GuardrailRule>? additionalRules = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var rules = GuardrailRules.All.Concat(additionalRules ?? Array.Empty<GuardrailRule>()).ToList();
        var duplicate = rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException("additionalRules: received a second rule with id '" + duplicate.Key + "'. Give each rule a distinct id.", nameof(additionalRules));
        }

        if (scope is Stage)
        {
            Aspects.Of(scope).Add(new ApplyToEveryStack(rules));
        }
        else
        {
            Posture.StackPosture.Of(scope).EnableChecks(rules);
        }
    }

    private sealed class ApplyToEveryStack : DeputyBase, IAspect
    {
        private readonly IReadOnlyList<GuardrailRule> _rules;

        public ApplyToEveryStack(IReadOnlyList<GuardrailRule> rules)
        {
            _rules = rules;
        }

        public void Visit(IConstruct node)
        {
            if (node is Stack stack)
            {
                Posture.StackPosture.Of(stack).EnableChecks(_rules);
            }
        }
    }
}
