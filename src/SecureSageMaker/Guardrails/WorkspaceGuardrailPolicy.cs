using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// Managed policies of Deny statements (the guardrails), bound to one workspace's subnets, security
/// groups and key. Attached to every role the workspace and its workloads create;
/// <see cref="SecureMlWorkspace.ApplyGuardrails"/> attaches them to the people's roles, users and
/// groups. They only deny: they grant nothing. The statements are split across as many managed
/// policies as their size needs (6,144 characters each).
/// </summary>
public sealed class WorkspaceGuardrailPolicy : Construct
{
    /// <summary>The size limit of a managed policy, in characters of minimized JSON.</summary>
    public const int MaxPolicySize = 6144;

    private readonly List<ManagedPolicy> _policies = new();
    private readonly List<List<Dictionary<string, object>>> _chunks;
    private List<ManagedPolicy>? _peoplePolicies;

    /// <summary>Creates the policies.</summary>
    public WorkspaceGuardrailPolicy(Construct scope, string id, WorkspaceGuardrailPolicyProps props)
        : base(scope, Validate(scope, id, props))
    {
        var binding = new WorkspaceBinding(props.Vpc.SelectSubnets(props.Subnets).SubnetIds, props.SecurityGroups.Select(g => g.SecurityGroupId).ToArray(), props.DataKey.KeyArn)
        {
            TagValue = props.WorkspaceTagValue,
            DataBucketName = props.DataBucketName,
        };
        Statements = GuardrailStatements.All(binding, props.Options).Where(s => s.InWorkspacePolicy).ToList();
        var chunks = PolicyChunks.Split(Statements.Select(s => s.ToJson()).ToList(), MaxPolicySize);
        _chunks = chunks;
        for (var i = 0; i < chunks.Count; i++)
        {
            _policies.Add(new ManagedPolicy(this, i == 0 ? "Resource" : "Part" + (i + 1).ToString(CultureInfo.InvariantCulture), new ManagedPolicyProps
            {
                Description = string.Format(CultureInfo.InvariantCulture, "SecureSageMaker guardrails ({0} of {1}): deny SageMaker jobs, models, notebooks and domains that leave the workspace's network or keys.", i + 1, chunks.Count),
                Document = IamJson.Document(chunks[i]),
                Path = GuardrailStatements.ProtectedPolicyPath,
            }));

            // Retained roles (a Studio domain's) keep their guardrails: a deleted policy would be detached from nothing and fail the delete.
            _policies[^1].ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        }

        foreach (var allowed in props.Options?.AllowedUnguardedActions ?? Array.Empty<string>())
        {
            Posture.StackPosture.Warn(this, WarningIds.UnguardedComputeAllowed,
                "The guardrail policy allows " + allowed + ", whose compute no condition key can pin to the workspace's network and keys.");
        }
    }

    /// <summary>Adds every problem with the opt-ins to <paramref name="v"/>.</summary>
    internal static void Check(PropsValidator v, GuardrailOptions? options, string property)
    {
        if (v.NoNullEntries(options?.AllowedUnguardedActions, property + ".AllowedUnguardedActions"))
        {
            foreach (var action in options?.AllowedUnguardedActions ?? Array.Empty<string>())
            {
                v.Require(GuardrailStatements.UnguardedActions.Contains(action, StringComparer.Ordinal), property + ".AllowedUnguardedActions", action,
                    "Name one of: " + string.Join(", ", GuardrailStatements.UnguardedActions) + ".");
            }
        }
    }

    private static string Validate(Construct scope, string id, WorkspaceGuardrailPolicyProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        Check(v, props.Options, "Options");
        v.Throw();
        return id;
    }

    /// <summary>The managed policies (the first is named <c>Resource</c>), attached to the roles the workspace creates and retained with them.</summary>
    public IReadOnlyList<IManagedPolicy> Policies => _policies;

    /// <summary>
    /// The same statements in managed policies for people (<see cref="SecureMlWorkspace.ApplyGuardrails"/>),
    /// created on first use and deleted with the stack: a retained policy would stay attached to a person's
    /// role after <c>cdk destroy</c>, and each re-create would add one more against IAM's quota of managed
    /// policies per role (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
    /// </summary>
    public IReadOnlyList<IManagedPolicy> PeoplePolicies
    {
        get
        {
            if (_peoplePolicies is null)
            {
                _peoplePolicies = new List<ManagedPolicy>();
                for (var i = 0; i < _chunks.Count; i++)
                {
                    var policy = new ManagedPolicy(this, "People" + (i + 1).ToString(CultureInfo.InvariantCulture), new ManagedPolicyProps
                    {
                        Description = string.Format(CultureInfo.InvariantCulture, "SecureSageMaker guardrails for people ({0} of {1}): deny SageMaker jobs, models, notebooks and domains that leave the workspace's network or keys.", i + 1, _chunks.Count),
                        Document = IamJson.Document(_chunks[i]),
                        Path = GuardrailStatements.ProtectedPolicyPath,
                    });
                    policy.ApplyRemovalPolicy(RemovalPolicy.DESTROY);
                    _peoplePolicies.Add(policy);
                }
            }

            return _peoplePolicies;
        }
    }

    /// <summary>The statements, with their purposes.</summary>
    public IReadOnlyList<GuardrailStatement> Statements { get; }
}
