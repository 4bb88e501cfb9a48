using Amazon.CDK.AWS.IAM;

namespace SecureSageMaker.Guardrails;

/// <summary>Who a statement of the organization SCPs exempts.</summary>
public enum GuardrailExemption
{
    /// <summary>The break-glass principals only: the statement guards what runs (jobs, models, notebooks, domains).</summary>
    BreakGlass,

    /// <summary>The break-glass and deployment principals: the statement guards the workspace's own infrastructure (DNS firewall, lifecycle configurations, execution roles), which deployments change.</summary>
    BreakGlassAndDeployers,

    /// <summary>
    /// The break-glass and deployment principals and the bootstrappers: the statement guards what a deployment or
    /// <c>cdk bootstrap</c> writes (the data perimeter: bucket policies, stacks, a workspace's network and keys).
    /// </summary>
    Deployment,
}

/// <summary>One Deny statement of the guardrails, in a form that renders both to IAM and to an SCP.</summary>
/// <param name="Sid">Statement id (what it stops).</param>
/// <param name="Actions">The actions it applies to.</param>
/// <param name="Conditions">Operator to condition key to value(s); every condition must hold for the deny to fire.</param>
/// <param name="Purpose">Why it is there, for the README and reports.</param>
public sealed record GuardrailStatement(string Sid, IReadOnlyList<string> Actions, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> Conditions, string Purpose)
{
    /// <summary>Statement id (what it stops).</summary>
    public string Sid { get; init; } = Sid ?? throw new ArgumentNullException(nameof(Sid), "Give the statement an id such as 'DenyNotebookRootAccess'.");

    /// <summary>The actions it applies to.</summary>
    public IReadOnlyList<string> Actions { get; init; } = Actions ?? throw new ArgumentNullException(nameof(Actions), "Name at least one action.");

    /// <summary>Operator to condition key to value(s).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> Conditions { get; init; } = Conditions ?? throw new ArgumentNullException(nameof(Conditions), "Give the conditions (an empty dictionary for none).");

    /// <summary>Why it is there.</summary>
    public string Purpose { get; init; } = Purpose ?? throw new ArgumentNullException(nameof(Purpose), "Say why the statement is there.");

    /// <summary>The resources it applies to.</summary>
    /// <remarks><strong>Default</strong>: every resource (<c>*</c>).</remarks>
    public IReadOnlyList<string> Resources { get; init; } = new[] { "*" };

    /// <summary>Whether the statement belongs in the organization SCPs (account-independent) as well as in a workspace's policy.</summary>
    public bool InOrganizationPolicy { get; init; } = true;

    /// <summary>Whether the statement belongs in a workspace's guardrail policy.</summary>
    public bool InWorkspacePolicy { get; init; } = true;

    /// <summary>Who the SCP version exempts.</summary>
    public GuardrailExemption Exemption { get; init; } = GuardrailExemption.BreakGlass;

    /// <summary>
    /// Role ARN patterns the SCP version exempts beside <see cref="Exemption"/>: AWS Control Tower's execution role, which
    /// changes its own baseline in member accounts, and the workspace's execution roles (under
    /// <see cref="GuardrailStatements.ExecutionRolePathPrefix"/>, which only deployments create), through which SageMaker
    /// places the network interfaces of jobs and endpoints.
    /// </summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public IReadOnlyList<string> AlsoExempt { get; init; } = Array.Empty<string>();

    /// <summary>The condition keys the statement tests.</summary>
    public IEnumerable<string> Keys => Conditions.SelectMany(c => c.Value.Keys).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Whether every condition is false when its key is absent (<c>Bool</c>, <c>StringEquals</c>, <c>StringLike</c>,
    /// <c>ArnLike</c>, <c>ForAnyValue:</c> operators): then the statement denies nothing on an action that does not
    /// carry its keys, and may name every SageMaker action (<c>sagemaker:*</c>) instead of the list, with the same effect.
    /// </summary>
    internal bool InertWithoutItsKeys => Conditions.Count > 0 && Conditions.Keys.All(op =>
        op is "Bool" or "StringEquals" or "StringLike" or "ArnLike" || op.StartsWith("ForAnyValue:", StringComparison.Ordinal));

    /// <summary>
    /// The statement as an SCP renders it (SCPs have 5,120 characters; the workspace policy keeps the lists for readers):
    /// an action list of SageMaker only that names every action carrying the statement's keys, on a statement inert
    /// without its keys, becomes <c>sagemaker:*</c>; other lists
    /// are compressed to wildcards that match only listed actions (<see cref="SageMakerActions.Compress"/>).
    /// </summary>
    internal Dictionary<string, object> ToScpJson(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>>? extra) =>
        InertWithoutItsKeys && Actions.Count > 1 && Actions.All(a => a.StartsWith("sagemaker:", StringComparison.Ordinal))
            && Keys.All(k => k.StartsWith("sagemaker:", StringComparison.Ordinal))
            && SageMakerActions.All.Where(p => p.Value.Intersect(Keys).Any()).All(p => Actions.Contains("sagemaker:" + p.Key, StringComparer.Ordinal))
            ? (this with { Actions = new[] { "sagemaker:*" } }).ToJson(extra)
            : (this with { Actions = SageMakerActions.Compress(Actions) }).ToJson(extra);

    /// <summary>The statement as IAM JSON, with extra conditions (an SCP's exemption) merged in.</summary>
    internal Dictionary<string, object> ToJson(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>>? extra = null) =>
        Jsii.IamJson.Statement(Sid, "Deny", Actions, Resources.Count == 1 ? Resources[0] : Resources.ToArray(),
            ConditionsWith(extra).ToDictionary(p => p.Key, p => (object)p.Value.ToDictionary(q => q.Key, q => q.Value)), null);

    internal PolicyStatement ToPolicyStatement() => PolicyStatement.FromJson(ToJson());

    /// <summary>The conditions, with <paramref name="extra"/> merged in (keys of the same operator are added).</summary>
    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> ConditionsWith(IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>>? extra)
    {
        if (extra is null || extra.Count == 0)
        {
            return Conditions;
        }

        var merged = Conditions.ToDictionary(p => p.Key, p => p.Value.ToDictionary(q => q.Key, q => q.Value));
        foreach (var (op, keys) in extra)
        {
            if (!merged.TryGetValue(op, out var existing))
            {
                existing = new Dictionary<string, object>();
                merged[op] = existing;
            }

            foreach (var (key, value) in keys)
            {
                existing[key] = value;
            }
        }

        return merged.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, object>)p.Value);
    }
}
