using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// The synth-time guardrail checker: an Aspect that runs every rule of <see cref="GuardrailRules"/>
/// over every CloudFormation resource in its scope, including resources the app added beside the
/// workspace. A finding is an error annotation carrying the rule id, which fails <c>cdk synth</c>;
/// a finding acknowledged with <see cref="Acknowledge"/> becomes an info annotation with the reason.
/// </summary>
public sealed class GuardrailChecks : DeputyBase, IAspect
{
    /// <summary>Metadata key under which acknowledgments are stored on a construct.</summary>
    public const string AcknowledgmentMetadataKey = "secure-sagemaker:acknowledgments";

    private static readonly System.Reflection.PropertyInfo UpdatedProperties = typeof(CfnResource).GetProperty(
        "UpdatedProperties", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
        ?? throw new InvalidOperationException("CfnResource.UpdatedProperties is missing from this version of Amazon.CDK.Lib.");

    private readonly Dictionary<string, IReadOnlyList<ResourceView>> _views = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<GuardrailRule> _rules;

    /// <summary>Creates a checker with every rule.</summary>
    public GuardrailChecks()
        : this(GuardrailRules.All)
    {
    }

    /// <summary>Creates a checker with the given rules.</summary>
    public GuardrailChecks(IReadOnlyList<GuardrailRule> rules)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    /// <summary>Applies the checker to a stack, a stage or the whole app; applying it twice to the same scope adds it once.</summary>
    public static void Apply(IConstruct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (Aspects.Of(scope).All.OfType<GuardrailChecks>().Any())
        {
            return;
        }

        Aspects.Of(scope).Add(new GuardrailChecks());
    }

    /// <summary>
    /// Acknowledges a rule on a construct and everything below it: its findings become info
    /// annotations that carry <paramref name="reason"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The rule id is unknown or the reason is empty.</exception>
    public static void Acknowledge(IConstruct scope, string ruleId, string reason)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<string>();
        if (ruleId is null || !GuardrailRules.IsKnown(ruleId))
        {
            problems.Add(string.Format(CultureInfo.InvariantCulture, "ruleId: received '{0}'. Use a rule id such as {1}.", ruleId, GuardrailRules.All[0].Id));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(string.Format(CultureInfo.InvariantCulture, "reason: received '{0}'. Say why the finding is acceptable, in a sentence.", reason));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(scope.Node.Path + ": cannot acknowledge the guardrail rule. " + string.Join(" ", problems));
        }

        scope.Node.AddMetadata(AcknowledgmentMetadataKey, new Dictionary<string, object> { ["id"] = ruleId!, ["reason"] = reason });
    }

    /// <summary>Runs the rules on one construct.</summary>
    public void Visit(IConstruct node)
    {
        if (node is not CfnResource resource)
        {
            return;
        }

        var stack = Stack.Of(resource);
        var views = ViewsOf(stack);
        var view = views.FirstOrDefault(v => v.LogicalPath == resource.Node.Path);
        if (view is null)
        {
            return;
        }

        foreach (var rule in _rules)
        {
            var finding = rule.Evaluate(view);
            if (finding.Result != RuleResult.NonCompliant)
            {
                continue;
            }

            var reason = AcknowledgedReason(resource, rule.Id);
            if (reason is null)
            {
                Amazon.CDK.Annotations.Of(resource).AddError(string.Format(CultureInfo.InvariantCulture,
                    "[{0}] {1} {2} Why: {3} Fix the resource, or acknowledge with GuardrailChecks.Acknowledge(scope, \"{0}\", reason).",
                    rule.Id, finding.Reason, rule.What, rule.Why));
            }
            else
            {
                Amazon.CDK.Annotations.Of(resource).AddInfo(string.Format(CultureInfo.InvariantCulture,
                    "[{0}] acknowledged: {1} (finding: {2})", rule.Id, reason, finding.Reason));
            }
        }
    }

    /// <summary>Views every CloudFormation resource of a stack as rules see them.</summary>
    public static IReadOnlyList<ResourceView> Snapshot(Stack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var views = stack.Node.FindAll()
            .OfType<CfnResource>()
            .Where(r => Stack.Of(r) == stack)
            .Select(r => ToView(stack, r))
            .ToList();
        return views.Select(v => v with { Stack = views }).ToList();
    }

    private IReadOnlyList<ResourceView> ViewsOf(Stack stack)
    {
        if (!_views.TryGetValue(stack.Node.Path, out var views))
        {
            views = Snapshot(stack);
            _views[stack.Node.Path] = views;
        }

        return views;
    }

    private static ResourceView ToView(Stack stack, CfnResource resource)
    {
        // UpdatedProperties is protected in the jsii binding; it holds the properties of L1 classes and
        // of generic CfnResource alike (property overrides are not included).
        var properties = UpdatedProperties.GetValue(resource);

        var resolved = properties is null ? null : stack.Resolve(properties);
        var json = resolved is null ? new JsonObject() : JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(resolved)) as JsonObject ?? new JsonObject();
        var logicalId = stack.Resolve(resource.LogicalId) as string;
        return new ResourceView(resource.CfnResourceType, resource.Node.Path, logicalId, json);
    }

    private static string? AcknowledgedReason(IConstruct resource, string ruleId)
    {
        for (IConstruct? scope = resource; scope is not null; scope = scope.Node.Scope)
        {
            foreach (var entry in scope.Node.Metadata.Where(m => m.Type == AcknowledgmentMetadataKey))
            {
                var data = JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(entry.Data));
                if (Json.AsString(Json.Get(data, "id")) == ruleId)
                {
                    return Json.AsString(Json.Get(data, "reason"));
                }
            }
        }

        return null;
    }
}
