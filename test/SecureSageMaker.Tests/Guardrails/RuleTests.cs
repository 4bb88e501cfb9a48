using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>
/// Every check of every rule, cdk-nag style: the compliant baseline holds, and each case that breaks
/// one field is found with that check's own reason. Deleting any check turns its case red.
/// </summary>
public class RuleTests
{
    public static TheoryData<string, int> Baselines()
    {
        var data = new TheoryData<string, int>();
        for (var i = 0; i < RuleSpecs.All.Count; i++)
        {
            data.Add(RuleSpecs.All[i].RuleId, i);
        }

        return data;
    }

    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        for (var i = 0; i < RuleSpecs.All.Count; i++)
        {
            for (var j = 0; j < RuleSpecs.All[i].Cases.Count; j++)
            {
                data.Add(RuleSpecs.All[i].RuleId + ": " + RuleSpecs.All[i].Cases[j].Name, i, j);
            }
        }

        return data;
    }

    private static RuleFinding Evaluate(string ruleId, System.Text.Json.Nodes.JsonObject template)
    {
        var rule = GuardrailRules.All.Single(r => r.Id == ruleId);
        var subject = ResourceView.FromTemplate(template).Single(r => r.LogicalId == "Subject");
        return rule.Evaluate(subject);
    }

    [Theory]
    [MemberData(nameof(Baselines))]
    public void Rule_IsSatisfied_ByItsCompliantBaseline(string ruleId, int spec)
    {
        var finding = Evaluate(ruleId, RuleSpecs.All[spec].Template());
        Assert.True(finding.Reasons.Count == 0 && finding.UnverifiableReasons.Count == 0,
            ruleId + " found problems in its compliant baseline: " + string.Join(" ", finding.Reasons.Concat(finding.UnverifiableReasons)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_FindsTheBrokenCheck_WithItsReason_WhenOneFieldIsFlipped(string name, int spec, int index)
    {
        // GIVEN
        var ruleSpec = RuleSpecs.All[spec];
        var ruleCase = ruleSpec.Cases[index];
        var template = ruleSpec.Template();

        // WHEN
        ruleCase.Change(template);
        var finding = Evaluate(ruleSpec.RuleId, template);

        // THEN
        var reasons = ruleCase.Unverifiable ? finding.UnverifiableReasons : finding.Reasons;
        Assert.True(reasons.Any(r => r.Contains(ruleCase.Reason, StringComparison.Ordinal)),
            name + ": expected a " + (ruleCase.Unverifiable ? "cannot-verify" : "breach") + " reason containing '" + ruleCase.Reason + "'; got breaches [" + string.Join(" | ", finding.Reasons) + "] and unverifiable [" + string.Join(" | ", finding.UnverifiableReasons) + "].");
        Assert.Equal(ruleCase.Unverifiable && finding.Reasons.Count == 0 ? RuleResult.CannotVerify : RuleResult.NonCompliant, finding.Result);
    }

    [Fact]
    public void EveryRule_HasASpec_AndEveryReasonIsDistinctWithinItsRule()
    {
        Assert.All(GuardrailRules.All, r => Assert.Contains(RuleSpecs.All, s => s.RuleId == r.Id));
        foreach (var group in RuleSpecs.All.GroupBy(s => s.RuleId))
        {
            var reasons = group.SelectMany(s => s.Cases).Where(c => !c.Unverifiable).Select(c => c.Reason).ToList();
            Assert.True(reasons.Count == reasons.Distinct().Count() || group.Key == RuleIds.JobIsolation, group.Key + " reuses a reason across checks.");
        }
    }

    [Fact]
    public void Rules_AreNotApplicable_ToOtherTypes()
    {
        var other = ResourceView.FromTemplate(System.Text.Json.Nodes.JsonNode.Parse("{\"Resources\":{\"X\":{\"Type\":\"AWS::SNS::Topic\",\"Properties\":{}}}}")!.AsObject()).Single();
        Assert.All(GuardrailRules.All, r => Assert.Equal(RuleResult.NotApplicable, r.Evaluate(other).Result));
    }
}
