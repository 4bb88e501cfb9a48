using System.Globalization;
using Amazon.CDK;
using Constructs;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// Records why a deviation is accepted, where a reviewer can read it: the posture report lists each
/// acknowledgment with its reason, and flags one that matches nothing. A reason is required.
/// </summary>
public static class Acknowledge
{
    /// <summary>
    /// Acknowledges a weakening warning of this library (see <see cref="WarningIds"/>) on a construct and
    /// everything below it. The warning no longer shows in <c>cdk synth</c>; the posture report lists the
    /// weakening with the reason. A warning acknowledged through <c>Annotations.AcknowledgeWarning</c>,
    /// which keeps no reason, is an error (<see cref="RuleIds.UnexplainedAcknowledgment"/>).
    /// </summary>
    /// <param name="scope">The construct that raised the warning, or one above it in the same stack.</param>
    /// <param name="warningId">A <see cref="WarningIds"/> id.</param>
    /// <param name="reason">Why the weakening is acceptable, as a sentence.</param>
    /// <exception cref="ArgumentException">The scope is an app or stage, the id is unknown, or the reason is empty.</exception>
    public static void Warning(IConstruct scope, string warningId, string reason)
    {
        Check(scope, warningId, reason, WarningIds.All.Contains(warningId, StringComparer.Ordinal), "a WarningIds value such as " + WarningIds.SelfReferencingTraffic);
        Annotations.Of(scope).AcknowledgeWarning(warningId, reason);
        Posture.StackPosture.Of(scope).RecordAcknowledgment(scope, warningId, reason, Posture.AcknowledgmentKind.Warning);
    }

    /// <summary>
    /// Acknowledges the findings of a guardrail rule on a construct and every resource below it: they
    /// no longer fail <c>cdk synth</c>, and the posture report lists them with the reason.
    /// </summary>
    /// <param name="scope">A resource, or a construct above resources, in a stack.</param>
    /// <param name="ruleId">A <see cref="RuleIds"/> id, or <see cref="RuleIds.CannotVerify(string)"/> of one to accept what a rule cannot read.</param>
    /// <param name="reason">Why the finding is acceptable, as a sentence.</param>
    /// <exception cref="ArgumentException">The scope is an app or stage, the id is unknown, or the reason is empty.</exception>
    public static void Finding(IConstruct scope, string ruleId, string reason)
    {
        var known = ruleId is not null && GuardrailRules.All.Select(r => r.Id).Append(RuleIds.WorkspacePlacement).Any(id => id == ruleId || RuleIds.CannotVerify(id) == ruleId);
        Check(scope, ruleId, reason, known || (ruleId?.StartsWith("SecureSageMaker-", StringComparison.Ordinal) == false && ruleId.Length > 0),
            "a RuleIds value such as " + RuleIds.NotebookLockdown + ", or the id of a rule of your own");
        Posture.StackPosture.Of(scope).RecordAcknowledgment(scope, ruleId!, reason, Posture.AcknowledgmentKind.Finding);
    }

    private static void Check(IConstruct scope, string? id, string? reason, bool knownId, string idHint)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<string>();
        if (scope is Stage)
        {
            problems.Add("scope: received the app or a stage. Acknowledge on the construct that raised the warning or holds the resource, or on its stack, so that the acknowledgment cannot silence other stacks.");
        }

        if (!knownId)
        {
            problems.Add(string.Format(CultureInfo.InvariantCulture, "id: received '{0}'. Use {1}.", id, idHint));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(string.Format(CultureInfo.InvariantCulture, "reason: received '{0}'. Say in a sentence why the deviation is acceptable; reviewers read it in the posture report.", reason));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException((scope is Stage ? "(app)" : scope.Node.Path) + ": cannot acknowledge. " + string.Join(" ", problems));
        }
    }
}
