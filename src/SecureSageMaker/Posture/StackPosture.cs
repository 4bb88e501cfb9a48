using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;
using SecureSageMaker.Guardrails;
using SecureSageMaker.Jsii;

namespace SecureSageMaker.Posture;

/// <summary>How an acknowledgment was given.</summary>
internal enum AcknowledgmentKind
{
    Warning,
    Finding,
}

/// <summary>A weakening raised by a construct of this library.</summary>
internal sealed record Weakening(IConstruct Scope, string Id, string Message);

/// <summary>An acknowledgment given through <see cref="Acknowledge"/>.</summary>
internal sealed record Acknowledgment(IConstruct Scope, string Id, string Reason, AcknowledgmentKind Kind);

/// <summary>
/// The synth-time posture of one stack: a construct of the stack's own tree (one per stack, id
/// <see cref="ConstructId"/>, no resources) that holds what the library's constructs told it - whether
/// the checker is on, the weakenings they raised, the acknowledgments given, the workspaces to report
/// on - and, in CDK's validation phase, judges the stack's final template: it runs the checker, turns
/// unacknowledged findings and unexplained acknowledgments into error annotations, and writes each
/// workspace's posture report. Everything it holds lives in the tree it belongs to, so two apps in one
/// process never see each other.
/// </summary>
internal sealed class StackPosture : Construct
{
    public const string ConstructId = "SecureSageMakerPosture";

    private readonly Stack _stack;
    private readonly List<Weakening> _weakenings = new();
    private readonly List<Acknowledgment> _acknowledgments = new();
    private readonly List<ReportSource> _reports = new();
    private IReadOnlyList<GuardrailRule>? _rules;
    private bool _checksDisabled;

    private StackPosture(Stack stack)
        : base(stack, ConstructId)
    {
        _stack = stack;
        Node.AddValidation(new Validation(this));
    }

    public bool ChecksEnabled => _rules is not null;

    public IReadOnlyList<Weakening> Weakenings => _weakenings;

    public IReadOnlyList<Acknowledgment> Acknowledgments => _acknowledgments;

    /// <summary>The posture of the stack that holds <paramref name="scope"/>, created on first use.</summary>
    public static StackPosture Of(IConstruct scope)
    {
        var stack = Stack.Of(scope);
        return stack.Node.TryFindChild(ConstructId) as StackPosture ?? new StackPosture(stack);
    }

    public void EnableChecks(IReadOnlyList<GuardrailRule> rules)
    {
        // Every way of turning checks on adds its rules, in any order: a workspace that turned the built-in rules on
        // first does not hide rules a later GuardrailChecks.Apply brings (the same id twice is the same rule).
        if (_rules is null)
        {
            _rules = rules;
            return;
        }

        var known = _rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        _rules = _rules.Concat(rules.Where(r => !known.Contains(r.Id))).ToList();
    }

    /// <summary>The workspace of this stack turned the checker off, with its warning: workloads do not turn it back on.</summary>
    public void DisableChecks() => _checksDisabled = true;

    /// <summary>
    /// A workload of the library in this stack: the checker runs here too (with the built-in rules),
    /// unless a workspace of this stack turned it off. A workload in a stack of its own is checked as
    /// its workspace's stack is.
    /// </summary>
    public void EnsureChecks()
    {
        if (!_checksDisabled)
        {
            _rules ??= GuardrailRules.All;
        }
    }

    /// <summary>Raises a weakening warning on <paramref name="scope"/> and records it for the report.</summary>
    public static void Warn(IConstruct scope, string id, string message)
    {
        Annotations.Of(scope).AddWarningV2(id, message);
        Of(scope)._weakenings.Add(new Weakening(scope, id, message));
    }

    public void RecordAcknowledgment(IConstruct scope, string id, string reason, AcknowledgmentKind kind) =>
        _acknowledgments.Add(new Acknowledgment(scope, id, reason, kind));

    public void AddReport(ReportSource source) => _reports.Add(source);

    private void Judge()
    {
        var template = TemplateRenderer.Render(_stack);
        var resources = ResourceView.FromTemplate(template);
        var coverage = new AcknowledgmentCoverage(_stack, _acknowledgments);
        var anchors = _reports.Select(source => (Source: source, Anchors: source.Resolve(_stack))).ToList();
        var findings = _rules is null ? new List<Finding>() : Checker.Run(resources, WithPlacement(_rules, anchors.Select(a => a.Anchors))).ToList();
        foreach (var finding in findings)
        {
            finding.AcknowledgedBy = coverage.Covering(finding.Id, finding.Resource.LogicalId);
        }

        ReportFindings(_stack, findings.Where(f => f.AcknowledgedBy is null).ToList());
        ReportDuplicateNames(resources);
        JudgeNestedStacks(_stack, resources);
        ReportMacros(template);
        var weakenings = _weakenings.Select(w => new WeakeningState(w, AcknowledgmentOf(w))).ToList();
        foreach (var unexplained in weakenings.Where(w => w.Acknowledged && w.By is null))
        {
            Annotations.Of(unexplained.Weakening.Scope).AddError(string.Format(CultureInfo.InvariantCulture,
                "[{0}] Warning '{1}' was acknowledged without a recorded reason (Annotations.AcknowledgeWarning keeps none), so the weakening is unexplained. Acknowledge it with Acknowledge.Warning(scope, \"{1}\", reason), or remove the option that raises it.",
                RuleIds.UnexplainedAcknowledgment, unexplained.Weakening.Id));
        }

        if (_reports.Count == 0)
        {
            return;
        }

        var context = new PostureContext(_stack, template, resources, ChecksEnabled, findings, weakenings,
            _acknowledgments.Select(a => new AcknowledgmentState(a, a.Kind == AcknowledgmentKind.Warning
                ? weakenings.Any(w => ReferenceEquals(w.By, a))
                : findings.Any(f => ReferenceEquals(f.AcknowledgedBy, a)), coverage.PathOf(a.Scope))).ToList());
        SayControlsOnTheConsole(context, anchors.Select(a => a.Anchors));
        var outdir = Stage.Of(_stack)?.Outdir;
        if (string.IsNullOrEmpty(outdir))
        {
            return;
        }

        _ = Directory.CreateDirectory(outdir);
        foreach (var (source, resolved) in anchors)
        {
            File.WriteAllText(Path.Combine(outdir, source.FileName(_stack)), PostureReport.Render(context, resolved));
        }
    }

    /// <summary>
    /// One warning per control of the posture report that is off, weakened or cannot be verified, from the same
    /// evaluation the report prints, so that <c>cdk synth</c> says it without the report being opened (ids
    /// <see cref="WarningIds.ControlOff"/>, <see cref="WarningIds.ControlWeakened"/>, <see cref="WarningIds.ControlCannotVerify"/>).
    /// </summary>
    private void SayControlsOnTheConsole(PostureContext context, IEnumerable<ReportAnchors> workspaces)
    {
        foreach (var anchors in workspaces)
        {
            foreach (var row in PostureReport.Controls(context, anchors).Where(r => r.State != PostureReport.On && !SaidAlready(context, r)))
            {
                var id = row.State switch
                {
                    PostureReport.Off => WarningIds.ControlOff,
                    PostureReport.Weakened => WarningIds.ControlWeakened,
                    _ => WarningIds.ControlCannotVerify,
                };
                Annotations.Of(_stack).AddWarningV2(id, string.Format(CultureInfo.InvariantCulture, "{0}: {1} is {2} ({3}). See the posture report.", anchors.Path, row.Control, row.State, row.Evidence));
            }
        }
    }

    /// <summary>The library warnings that already say a row's state on the console (or that a reviewer acknowledged with a reason).</summary>
    private static readonly (string Keyword, string[] Ids)[] RowWarnings =
    {
        ("synth-time guardrail checker", new[] { WarningIds.GuardrailChecksDisabled }),
        ("DNS firewall", new[] { WarningIds.DnsFirewallDisabled, WarningIds.BroadDnsAllowList }),
        ("no internet gateway", new[] { WarningIds.VpcHasInternetPath }),
        ("interface endpoints", new[] { WarningIds.EndpointOpenToVpcCidr, WarningIds.OptionalEndpointRemoved }),
        ("workload egress", new[] { WarningIds.SelfReferencingTraffic }),
        ("presigned", new[] { WarningIds.PresignedUrlsFromAnywhere }),
        ("data perimeter", new[] { WarningIds.BucketWithoutNetworkPerimeter, WarningIds.UnverifiedInputBucket, WarningIds.CrossAccountReplication }),
    };

    private static bool SaidAlready(PostureContext context, ControlRow row) =>
        RowWarnings.Where(r => row.Control.Contains(r.Keyword, StringComparison.Ordinal))
            .Any(r => context.Weakenings.Any(w => r.Ids.Contains(w.Weakening.Id, StringComparer.Ordinal)));

    /// <summary>The rules, and the placement rule of this stack's workspaces (their subnets and security group) when it has any.</summary>
    private static IReadOnlyList<GuardrailRule> WithPlacement(IReadOnlyList<GuardrailRule> rules, IEnumerable<ReportAnchors> workspaces)
    {
        var networks = workspaces.Select(a => (a.Value("Vpc"), a.Value("WorkloadSubnets"), a.Value("WorkloadSecurityGroup"))).ToList();
        return networks.Count == 0 ? rules : rules.Append(new Guardrails.Rules.WorkspacePlacementRule(networks)).ToList();
    }

    private static void ReportFindings(Stack stack, IReadOnlyList<Finding> open)
    {
        if (open.Count == 0)
        {
            return;
        }

        var constructs = ResourceConstructs.ByLogicalId(stack);
        foreach (var finding in open)
        {
            var target = constructs.TryGetValue(finding.Resource.LogicalId, out var resource) ? (IConstruct)resource : stack;
            Annotations.Of(target).AddError(finding.Message());
        }
    }

    /// <summary>
    /// Nested stacks are templates of their own, which the parent's template only points at: each one
    /// built with CDK's <c>NestedStack</c> is judged with the parent's rules (unless it runs the checker
    /// itself), and one whose template is not of this app is an error, since nothing in it can be judged.
    /// </summary>
    private void JudgeNestedStacks(Stack parent, IReadOnlyList<ResourceView> resources)
    {
        var stacks = resources.Where(r => r.Type == "AWS::CloudFormation::Stack").ToList();
        if (_rules is null || stacks.Count == 0)
        {
            return;
        }

        var constructs = ResourceConstructs.ByLogicalId(parent);
        foreach (var resource in stacks)
        {
            var cfn = constructs.GetValueOrDefault(resource.LogicalId);
            var id = cfn?.Node.Id ?? string.Empty;
            // CDK puts a nested stack's resource in a scope '<id>.NestedStack' beside the NestedStack '<id>'.
            var nested = id.EndsWith(NestedStackResourceSuffix, StringComparison.Ordinal)
                ? cfn!.Node.Scope?.Node.Scope?.Node.TryFindChild(id[..^NestedStackResourceSuffix.Length]) as NestedStack
                : null;
            if (nested is null)
            {
                Annotations.Of((IConstruct?)cfn ?? parent).AddError(string.Format(CultureInfo.InvariantCulture,
                    "[{0}] Nested stack {1} deploys a template from outside this app, so none of its resources can be judged. Build it with CDK's NestedStack (judged with this stack), or deploy it as a stack of its own with the checker applied.",
                    RuleIds.ExternalNestedStack, resource.LogicalId));
                continue;
            }

            var own = nested.Node.TryFindChild(ConstructId) as StackPosture;
            if (own?.ChecksEnabled == true)
            {
                continue;
            }

            var view = ResourceView.FromTemplate(TemplateRenderer.Render(nested));
            var coverage = new AcknowledgmentCoverage(nested, own?._acknowledgments ?? new List<Acknowledgment>());
            var findings = Checker.Run(view, _rules).ToList();
            foreach (var finding in findings)
            {
                finding.AcknowledgedBy = coverage.Covering(finding.Id, finding.Resource.LogicalId);
            }

            ReportFindings(nested, findings.Where(f => f.AcknowledgedBy is null).ToList());
            JudgeNestedStacks(nested, view);
        }
    }

    private const string NestedStackResourceSuffix = ".NestedStackResource";

    /// <summary>A macro (a Transform, or Fn::Transform) rewrites the template at deploy time, after it was judged.</summary>
    private void ReportMacros(JsonObject template)
    {
        if (_rules is null)
        {
            return;
        }

        var text = template.ToJsonString();
        if (template["Transform"] is not null || text.Contains("\"Fn::Transform\"", StringComparison.Ordinal))
        {
            Annotations.Of(_stack).AddError(string.Format(CultureInfo.InvariantCulture,
                "[{0}] The template uses a macro ({1}): CloudFormation rewrites it at deploy time, after the checker judged it, so nothing judged here is what deploys. Build the resources in CDK instead.",
                RuleIds.ExternalNestedStack, template["Transform"]?.ToJsonString() ?? "Fn::Transform"));
        }
    }

    private void ReportDuplicateNames(IReadOnlyList<ResourceView> resources)
    {
        var duplicates = PhysicalNames.Duplicates(resources).ToList();
        if (duplicates.Count == 0)
        {
            return;
        }

        var constructs = ResourceConstructs.ByLogicalId(_stack);
        foreach (var (logicalId, message) in duplicates)
        {
            Annotations.Of(constructs.TryGetValue(logicalId, out var resource) ? resource : _stack).AddError(message);
        }
    }

    /// <summary>Whether a weakening's warning was acknowledged (CDK removed it), and the acknowledgment that gave a reason.</summary>
    private (bool Acknowledged, Acknowledgment? By) AcknowledgmentOf(Weakening weakening)
    {
        var open = weakening.Scope.Node.Metadata.Any(m => m.Type == "aws:cdk:warning"
            && (m.Data as string ?? m.Data?.ToString() ?? string.Empty).StartsWith(weakening.Message, StringComparison.Ordinal));
        if (open)
        {
            return (false, null);
        }

        var path = weakening.Scope.Node.Path;
        var by = _acknowledgments
            .Where(a => a.Kind == AcknowledgmentKind.Warning && a.Id == weakening.Id)
            .FirstOrDefault(a => AcknowledgmentCoverage.IsAtOrAbove(a.Scope.Node.Path, path));
        return (true, by);
    }

    private sealed class Validation : DeputyBase, IValidation
    {
        private readonly StackPosture _posture;

        public Validation(StackPosture posture)
        {
            _posture = posture;
        }

        public string[] Validate()
        {
            _posture.Judge();
            return Array.Empty<string>();
        }
    }
}

/// <summary>A weakening, whether it was acknowledged, and the acknowledgment that gave the reason (none: unexplained).</summary>
internal sealed record WeakeningState(Weakening Weakening, bool Acknowledged, Acknowledgment? By)
{
    public WeakeningState(Weakening weakening, (bool Acknowledged, Acknowledgment? By) state)
        : this(weakening, state.Acknowledged, state.By)
    {
    }
}

/// <summary>An acknowledgment and whether it matched a finding or weakening.</summary>
internal sealed record AcknowledgmentState(Acknowledgment Acknowledgment, bool Matched, string Path);
