using System.Globalization;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// A managed policy with the Deny statements of the guardrails, bound to one workspace. Attached to
/// every role the workspace creates; <see cref="SecureMlWorkspace.ApplyGuardrails"/> attaches it to
/// roles, users and groups the user brings. It only denies: it grants nothing.
/// </summary>
public sealed class WorkspaceGuardrailPolicy : Construct
{
    private readonly ManagedPolicy _policy;

    /// <summary>Creates the policy for <paramref name="workspace"/>.</summary>
    public WorkspaceGuardrailPolicy(Construct scope, string id, SecureMlWorkspace workspace)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        Statements = GuardrailStatements.AccountIndependent()
            .Concat(GuardrailStatements.WorkspaceBound(workspace.Network.SubnetIds, new[] { workspace.WorkloadSecurityGroup.SecurityGroupId }, workspace.Keys.DataKey.KeyArn))
            .ToArray();
        _policy = new ManagedPolicy(this, "Resource", new ManagedPolicyProps
        {
            Description = "SecureSageMaker guardrails: deny SageMaker jobs, models, notebooks and domains that leave the workspace's network or keys.",
            Document = Internal.Statements.Document(Statements.Select(s => s.ToJson())),
        });
    }

    /// <summary>The managed policy.</summary>
    public IManagedPolicy Policy => _policy;

    /// <summary>How many roles, users and groups the policy is attached to.</summary>
    public int AttachmentCount { get; private set; }

    /// <summary>The statements, with their purposes.</summary>
    public IReadOnlyList<GuardrailStatement> Statements { get; }

    /// <summary>Attaches the policy to roles, users or groups.</summary>
    /// <exception cref="ArgumentException">A target is not an IAM role, user or group.</exception>
    public void AttachTo(params IConstruct[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var wrong = targets.Where(t => t is not (IRole or IUser or IGroup)).ToList();
        if (wrong.Count > 0)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0}: guardrails attach to IAM roles, users and groups only; received {1}. Pass the role, user or group that uses SageMaker instead.",
                Node.Path, string.Join(", ", wrong.Select(w => w is null ? "null" : "'" + w.Node.Path + "' (" + w.GetType().Name + ")"))), nameof(targets));
        }

        foreach (var target in targets)
        {
            AttachmentCount++;
            switch (target)
            {
                case IRole role:
                    _policy.AttachToRole(role);
                    break;
                case IUser user:
                    _policy.AttachToUser(user);
                    break;
                case IGroup group:
                    _policy.AttachToGroup(group);
                    break;
            }
        }
    }
}
