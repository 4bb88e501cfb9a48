using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;
using SecureSageMaker.Internal;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// The synth-time guardrail checker: an Aspect that runs every rule of <see cref="GuardrailRules"/>
/// over every CloudFormation resource in its scope, including resources the app added beside the
/// workspace. A finding is an error annotation carrying the rule id, which fails <c>cdk synth</c>;
/// a finding acknowledged with <see cref="Acknowledge"/> becomes an info annotation with the reason.
/// </summary>
/// <remarks>
/// Every jsii round trip costs about half a millisecond, so the checker reads a whole scope at once
/// on its first visit (one property read per resource and one batched resolve per stack) instead of
/// working node by node. <see cref="Apply"/> on a stack attaches it to an empty marker construct, so
/// the Aspect is invoked once, not once per construct of the stack.
/// </remarks>
public sealed class GuardrailChecks : DeputyBase, IAspect
{
    /// <summary>Metadata key under which acknowledgments are recorded on a construct.</summary>
    public const string AcknowledgmentMetadataKey = "secure-sagemaker:acknowledgments";

    /// <summary>Id of the marker construct that carries the checker of a stack.</summary>
    public const string MarkerId = "SecureSageMakerGuardrailChecks";

    private static readonly System.Reflection.PropertyInfo UpdatedProperties = typeof(CfnResource).GetProperty(
        "UpdatedProperties", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
        ?? throw new InvalidOperationException("CfnResource.UpdatedProperties is missing from this version of Amazon.CDK.Lib.");

    private static readonly ConditionalWeakTable<object, object> AppliedTo = new();

    private readonly IReadOnlyList<GuardrailRule> _rules;
    private readonly IConstruct? _target;
    private bool _done;

    /// <summary>Creates a checker with every rule, for the scope it is added to.</summary>
    public GuardrailChecks()
        : this(GuardrailRules.All)
    {
    }

    /// <summary>Creates a checker with the given rules, for the scope it is added to.</summary>
    public GuardrailChecks(IReadOnlyList<GuardrailRule> rules)
        : this(rules, null)
    {
    }

    private GuardrailChecks(IReadOnlyList<GuardrailRule> rules, IConstruct? target)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _target = target;
    }

    /// <summary>Applies the checker to a stack, a stage or the whole app; applying it twice to the same scope adds it once.</summary>
    public static void Apply(IConstruct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (AppliedTo.TryGetValue(scope, out _))
        {
            return;
        }

        AppliedTo.Add(scope, new object());
        if (scope is Stack stack)
        {
            var marker = new Construct(stack, MarkerId);
            Aspects.Of(marker).Add(new GuardrailChecks(GuardrailRules.All, stack));
        }
        else
        {
            Aspects.Of(scope).Add(new GuardrailChecks());
        }
    }

    /// <summary>Whether the checker was applied to the stack or to a scope above it (its stage or app).</summary>
    public static bool IsAppliedTo(IConstruct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        for (IConstruct? s = scope; s is not null; s = s.Node.Scope)
        {
            if (AppliedTo.TryGetValue(s, out _))
            {
                return true;
            }
        }

        return false;
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
        PostureLedger.Of(scope).Acknowledgments.Add((scope, ruleId!, reason));
    }

    /// <summary>Runs the rules over the whole scope, on the first visit.</summary>
    public void Visit(IConstruct node)
    {
        if (_done)
        {
            return;
        }

        _done = true;
        var root = _target ?? node;
        var nodes = root.Node.FindAll();
        var resources = nodes.OfType<CfnResource>().ToList();
        if (resources.Count == 0)
        {
            return;
        }

        var singleStack = root is not Stage && !nodes.Any(n => n is Stack && !ReferenceEquals(n, root));
        var byStack = singleStack ? resources.GroupBy(_ => Stack.Of(root)) : resources.GroupBy(r => Stack.Of(r));
        var ledger = PostureLedger.Of(root);
        foreach (var group in byStack)
        {
            // Cross-resource rules need the whole stack; when the scope is the stack, its resources are at hand.
            var views = SnapshotViews(group.Key, singleStack && ReferenceEquals(root, group.Key) ? resources : null, _rules);
            foreach (var resource in group)
            {
                if (views.TryGetValue(resource, out var view))
                {
                    Check(resource, view, ledger);
                }
            }
        }
    }

    /// <summary>Views every CloudFormation resource of a stack as rules see them, in tree order.</summary>
    public static IReadOnlyList<ResourceView> Snapshot(Stack stack) => SnapshotViews(stack, null, GuardrailRules.All).Values.ToList();

    private void Check(CfnResource resource, ResourceView view, PostureLedger ledger)
    {
        foreach (var rule in _rules)
        {
            var finding = rule.Evaluate(view);
            if (finding.Result != RuleResult.NonCompliant)
            {
                continue;
            }

            var reason = AcknowledgedReason(resource, rule.Id, ledger);
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

    private static Dictionary<CfnResource, ResourceView> SnapshotViews(Stack stack, IReadOnlyList<CfnResource>? known, IReadOnlyList<GuardrailRule> rules)
    {
        // Resources of nested stacks are viewed with their parent's; only the cross-resource TLS rule could tell.
        var resources = known ?? stack.Node.FindAll().OfType<CfnResource>().ToList();
        var types = resources.Select(TypeOf).ToList();

        // One resolve for the properties some rule reads, and the logical ids the cross-resource rules need.
        var properties = resources.Select((r, i) => rules.Any(rule => rule.ReadsPropertiesOf(types[i]))
            ? UpdatedProperties.GetValue(r) ?? new Dictionary<string, object>()
            : new Dictionary<string, object>()).ToArray();
        var logicalIds = resources.Select((r, i) => types[i] == "AWS::S3::Bucket" ? (object)r.LogicalId : string.Empty).ToArray();
        var resolved = JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(stack.Resolve(new object[] { properties, logicalIds })))!.AsArray();

        var views = new Dictionary<CfnResource, ResourceView>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < resources.Count; i++)
        {
            var json = resolved[0]![i] as JsonObject ?? new JsonObject();
            var logicalId = Json.AsString(resolved[1]![i]);
            views[resources[i]] = new ResourceView(types[i], string.IsNullOrEmpty(logicalId) ? null : logicalId, (JsonObject)json.DeepClone());
        }

        var all = views.Values.ToList();
        foreach (var key in views.Keys.ToList())
        {
            views[key] = views[key] with { Stack = all };
        }

        return views;
    }

    /// <summary>
    /// The CloudFormation type: from the L1 class's static <c>CFN_RESOURCE_TYPE_NAME</c> (read once per
    /// class), else from the resource (a generic CfnResource).
    /// </summary>
    private static string TypeOf(CfnResource resource)
    {
        var type = resource.GetType();
        if (!TypeNames.TryGetValue(type, out var name))
        {
            name = type.GetProperty("CFN_RESOURCE_TYPE_NAME", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as string;
            TypeNames[type] = name;
        }

        return name ?? resource.CfnResourceType;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string?> TypeNames = new();

    private static string? AcknowledgedReason(IConstruct resource, string ruleId, PostureLedger ledger)
    {
        var acks = ledger.Acknowledgments.Where(a => a.RuleId == ruleId).ToList();
        if (acks.Count == 0)
        {
            return null;
        }

        var path = resource.Node.Path;
        return acks.Select(a => (Path: a.Scope.Node.Path, a.Reason))
            .Where(a => a.Path.Length == 0 || path == a.Path || path.StartsWith(a.Path + "/", StringComparison.Ordinal))
            .Select(a => a.Reason)
            .FirstOrDefault();
    }
}
