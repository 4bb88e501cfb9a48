using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK.AWS.Organizations;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// Organization service control policies (SCPs) with the account-independent guardrail statements:
/// jobs, models and endpoint configs without network isolation, VPC, keys of the caller's account or
/// inter-container encryption; notebooks with internet, root, IMDSv1 or foreign lifecycle scripts;
/// domains that are not VpcOnly; remote shells and public workforces; APIs no key can pin; and changes
/// to the DNS firewall, lifecycle configurations and execution roles outside deployments. They hold in
/// every target account, whoever asks, except the break-glass principals (keyed on
/// <c>aws:PrincipalArn</c>, which no one can claim by tagging themselves). The statements are split
/// across as many SCPs as their size needs (5,120 characters each; an OU takes at most five SCPs, one
/// of which is usually FullAWSAccess). Deploy it from the management or delegated administrator account.
/// </summary>
public sealed partial class OrganizationGuardrails : Construct
{
    /// <summary>The SCP size limit of AWS Organizations, in characters of minimized JSON.</summary>
    public const int MaxPolicySize = 5120;

    /// <summary>
    /// The most SCPs this construct may attach to one target: AWS Organizations allows five per target
    /// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html), FullAWSAccess
    /// is one, and AWS Control Tower attaches its own guardrail SCPs to registered OUs.
    /// </summary>
    public const int MaxPolicies = 3;

    /// <summary>Each SCP is filled to at most 85% of <see cref="MaxPolicySize"/>, leaving 15% for the organization's later additions and AWS's own edits.</summary>
    public const int PolicyBudget = MaxPolicySize * 85 / 100;

    /// <summary>The default deployment principals: the CloudFormation execution roles of the CDK bootstrap.</summary>
    public static IReadOnlyList<string> DefaultDeploymentPrincipalArns { get; } = new[] { "arn:*:iam::*:role/cdk-*-cfn-exec-role-*" };

    /// <summary>The default principals that may pass the deployment roles to CloudFormation: the CDK bootstrap's deploy roles.</summary>
    public static IReadOnlyList<string> DefaultDeployRolePrincipalArns { get; } = new[] { "arn:*:iam::*:role/cdk-*-deploy-role-*" };

    /// <summary>The execution role service-managed StackSets create in each member account.</summary>
    public const string StackSetsExecutionRoleArn = "arn:*:iam::*:role/stacksets-exec-*";

    /// <summary>Role-changing IAM actions, as the prefixes that name every one of them (IAM's create, delete, update, put, attach, detach, tag and untag actions).</summary>
    internal static readonly string[] RoleChangeActions = { "iam:Create*", "iam:Delete*", "iam:Update*", "iam:Put*", "iam:Attach*", "iam:Detach*", "iam:Tag*", "iam:Untag*" };

    /// <summary>The CloudFormation actions that, without a role, run as the role the stack last used.</summary>
    internal static readonly string[] StackActions =
    {
        "cloudformation:UpdateStack", "cloudformation:CreateChangeSet", "cloudformation:DeleteStack", "cloudformation:ContinueUpdateRollback", "cloudformation:RollbackStack",
    };

    private readonly List<CfnPolicy> _policies = new();
    private readonly List<CfnPolicy> _perimeterPolicies = new();

    /// <summary>
    /// The most SCPs on a target that carries both the guardrails and the data perimeter: four, beside FullAWSAccess. An OU
    /// that AWS Control Tower governs has no room for them: attach the perimeter elsewhere (<see cref="OrganizationGuardrailsProps.DataPerimeterTargetIds"/>).
    /// </summary>
    public const int MaxPoliciesWithPerimeter = 4;

    /// <summary>The most data-perimeter SCPs when they have targets of their own (<see cref="OrganizationGuardrailsProps.DataPerimeterTargetIds"/>).</summary>
    public const int MaxPerimeterPolicies = 2;

    /// <summary>Creates the SCPs.</summary>
    /// <exception cref="ArgumentException">A target is not an OU, account or root id, a principal pattern is invalid, or the statements need more than <see cref="MaxPolicies"/> SCPs.</exception>
    public OrganizationGuardrails(Construct scope, string id, OrganizationGuardrailsProps props)
        : base(scope, Validate(scope, id, props))
    {
        Statements = GuardrailStatements.All(null, props.Options).Where(s => s.InOrganizationPolicy).ToList();
        PerimeterStatements = props.DataPerimeter == false ? Array.Empty<GuardrailStatement>() : DataPerimeterStatements.All(props.PresignedUrlSourceCidrs);
        var (documents, perimeter) = Layout(props);
        Documents = documents.Select(d => JsonSerializer.Serialize(d)).ToList();
        PerimeterDocuments = perimeter.Select(d => JsonSerializer.Serialize(d)).ToList();
        var name = props.PolicyName ?? "SecureSageMakerGuardrails";
        for (var i = 0; i < Documents.Count; i++)
        {
            _policies.Add(new CfnPolicy(this, i == 0 ? "Resource" : "Part" + (i + 1).ToString(CultureInfo.InvariantCulture), new CfnPolicyProps
            {
                Name = i == 0 ? name : name + "-" + (i + 1).ToString(CultureInfo.InvariantCulture),
                Description = string.Format(CultureInfo.InvariantCulture, "SecureSageMaker guardrails ({0} of {1}): SageMaker work stays isolated, encrypted and in a VPC{2}.", i + 1, Documents.Count,
                    PerimeterStatements.Count > 0 && props.DataPerimeterTargetIds is null ? "; data stays inside the perimeter" : string.Empty),
                Type = "SERVICE_CONTROL_POLICY",
                Content = documents[i],
                TargetIds = props.TargetIds,
            }));
        }

        for (var i = 0; i < perimeter.Count; i++)
        {
            var suffix = i == 0 ? string.Empty : (i + 1).ToString(CultureInfo.InvariantCulture);
            _perimeterPolicies.Add(new CfnPolicy(this, "Perimeter" + suffix, new CfnPolicyProps
            {
                Name = name + "-DataPerimeter" + (i == 0 ? string.Empty : "-" + suffix),
                Description = "SecureSageMaker data perimeter: no path out of a workspace's VPC, no resource policy or log channel that opens its data, except by deployments.",
                Type = "SERVICE_CONTROL_POLICY",
                Content = perimeter[i],
                TargetIds = props.DataPerimeterTargetIds,
            }));
        }

        if (props.DataPerimeter == false)
        {
            Posture.StackPosture.Warn(this, WarningIds.DataPerimeterOff,
                "The organization guardrails have no data-perimeter statements: in the target accounts, anyone with the rights may open a path out of a workspace's VPC, change bucket and key policies, subscribe to its logs or copy Studio's file system.");
        }

        foreach (var allowed in props.Options?.AllowedUnguardedActions ?? Array.Empty<string>())
        {
            Posture.StackPosture.Warn(this, WarningIds.UnguardedComputeAllowed,
                "The SCPs allow " + allowed + ", whose compute no condition key can pin to a workspace's network and keys, in every target account.");
        }
    }

    /// <summary>The SCP resources (the first is named <c>Resource</c>).</summary>
    public IReadOnlyList<CfnPolicy> Policies => _policies;

    /// <summary>
    /// The data-perimeter SCP resources (<c>Perimeter</c>, <c>Perimeter2</c>) when the perimeter has targets of its own
    /// (<see cref="OrganizationGuardrailsProps.DataPerimeterTargetIds"/>); otherwise none: its statements are packed with the
    /// guardrails into <see cref="Policies"/> (at most <see cref="MaxPoliciesWithPerimeter"/>).
    /// </summary>
    public IReadOnlyList<CfnPolicy> PerimeterPolicies => _perimeterPolicies;

    /// <summary>The data-perimeter statements, with their purposes.</summary>
    public IReadOnlyList<GuardrailStatement> PerimeterStatements { get; }

    /// <summary>The data-perimeter SCP documents as minimized JSON when the perimeter has targets of its own; otherwise its statements are in <see cref="Documents"/>.</summary>
    public IReadOnlyList<string> PerimeterDocuments { get; }

    /// <summary>The statements, with their purposes.</summary>
    public IReadOnlyList<GuardrailStatement> Statements { get; }

    /// <summary>The SCP documents as minimized JSON, one per policy.</summary>
    public IReadOnlyList<string> Documents { get; }

    /// <summary>The deployment roles: given or the CDK default, with the StackSets execution role when asked.</summary>
    internal static string[] Deployers(OrganizationGuardrailsProps props) =>
        (props.DeploymentPrincipalArns ?? DefaultDeploymentPrincipalArns.ToArray())
            .Concat(props.StackSetsExecution == true ? new[] { StackSetsExecutionRoleArn } : Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray();

    private static string[] Bootstrappers(OrganizationGuardrailsProps props) =>
        (props.BootstrapPrincipalArns ?? Array.Empty<string>())
            .Concat(props.StackSetsExecution == true ? new[] { StackSetsExecutionRoleArn } : Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The principal patterns a statement's SCP version exempts.</summary>
    internal static string[] ExemptFrom(GuardrailStatement statement, OrganizationGuardrailsProps props)
    {
        var breakGlass = props.BreakGlassPrincipalArns ?? Array.Empty<string>();
        var exempt = statement.Exemption switch
        {
            GuardrailExemption.BreakGlassAndDeployers => breakGlass.Concat(Deployers(props)),
            GuardrailExemption.Deployment => breakGlass.Concat(Deployers(props)).Concat(Bootstrappers(props)),
            _ => breakGlass,
        };
        return exempt.Concat(statement.AlsoExempt).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The SCP documents: the guardrails and the data perimeter, packed first fit into documents of at most
    /// <see cref="PolicyBudget"/> characters, together when they share targets.
    /// </summary>
    private static (List<Dictionary<string, object>> Guardrails, List<Dictionary<string, object>> Perimeter) Layout(OrganizationGuardrailsProps props)
    {
        // The statements that protect the exemptions go with the data perimeter when there is one (both guard the protections), else with the guardrails.
        var protections = DeploymentProtections(props, props.BreakGlassPrincipalArns ?? Array.Empty<string>(), Deployers(props)).Select(p => p.Statement.ToJson(p.Exempt.Length == 0 ? null : Exempt(p.Exempt))).ToList();
        var guardrails = Render(GuardrailStatements.All(null, props.Options).Where(s => s.InOrganizationPolicy), props)
            .Concat(props.DataPerimeter == false ? protections : Enumerable.Empty<Dictionary<string, object>>())
            .ToList();
        var perimeter = props.DataPerimeter == false ? new List<Dictionary<string, object>>() : protections.Concat(Render(DataPerimeterStatements.All(props.PresignedUrlSourceCidrs), props)).ToList();
        // On shared targets the two sets are packed together: the same slots, fuller documents.
        return props.DataPerimeterTargetIds is null
            ? (Pack(guardrails.Concat(perimeter).ToList()), new List<Dictionary<string, object>>())
            : (Pack(guardrails), Pack(perimeter));
    }

    private static List<Dictionary<string, object>> Pack(List<Dictionary<string, object>> statements) =>
        statements.Count == 0
            ? new List<Dictionary<string, object>>()
            : PolicyChunks.Pack(statements, PolicyBudget)
                .Select(chunk => new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = chunk.Cast<object>().ToArray() })
                .ToList();

    private static IEnumerable<Dictionary<string, object>> Render(IEnumerable<GuardrailStatement> statements, OrganizationGuardrailsProps props) =>
        statements.Select(s => s.ToScpJson(ExemptFrom(s, props) is { Length: > 0 } exempt ? Exempt(exempt) : null));

    /// <summary>
    /// The statements that keep the exemptions from being claimed or borrowed: the roles they name are
    /// created and changed only by break-glass (break-glass roles) or by break-glass and bootstrappers
    /// (deployment roles), and only the deploy roles and break-glass pass a deployment role to CloudFormation.
    /// </summary>
    internal static IEnumerable<(GuardrailStatement Statement, string[] Exempt)> DeploymentProtections(OrganizationGuardrailsProps props, string[] breakGlass, string[] deployers)
    {
        var none = new Dictionary<string, IReadOnlyDictionary<string, object>>();
        if (breakGlass.Length > 0)
        {
            // The exemptions key on the role's ARN: no one but the break-glass principals may create or change a role that
            // matches a break-glass pattern, or anyone could make themselves exempt by naming a role so.
            yield return (new GuardrailStatement("DenyBreakGlassRoleChanges", RoleChangeActions, none,
                "Only break-glass principals create or change the roles the break-glass exemption names.") { Resources = breakGlass }, breakGlass);
        }

        if (deployers.Length == 0)
        {
            yield break;
        }

        var deployRoles = props.DeployRolePrincipalArns ?? DefaultDeployRolePrincipalArns.ToArray();
        yield return (new GuardrailStatement("DenyDeployerRoleChanges", RoleChangeActions, none,
            "Only break-glass principals and bootstrappers create or change the deployment, deploy and bootstrap roles (cdk bootstrap) and AWS Control Tower's execution role: each is exempt from part of the SCPs, so no one else may create or take over a role of those names.")
        { Resources = deployers.Concat(deployRoles).Concat(Bootstrappers(props)).Append(DataPerimeterStatements.ControlTowerExecutionRoleArn).Distinct(StringComparer.Ordinal).ToArray() },
            breakGlass.Concat(Bootstrappers(props)).Distinct(StringComparer.Ordinal).ToArray());
        yield return (new GuardrailStatement("DenyDeployerRolePassing", new[] { "iam:PassRole" }, none,
            "Only the deploy roles and break-glass principals pass a deployment role to CloudFormation.") { Resources = deployers }, breakGlass.Concat(deployRoles).ToArray());
        // ArnLike is false on an absent key: every CloudFormation action that carries cloudformation:RoleArn (CreateStack,
        // UpdateStack, CreateChangeSet, DeleteStack, CreateStackSet, UpdateStackSet) is covered, and no other is touched.
        yield return (new GuardrailStatement("DenyStacksAsADeployer", new[] { "cloudformation:*" },
            new Dictionary<string, IReadOnlyDictionary<string, object>> { ["ArnLike"] = new Dictionary<string, object> { ["cloudformation:RoleArn"] = deployers } },
            "Only the deploy roles and break-glass principals deploy a stack that CloudFormation runs as a deployment role."), breakGlass.Concat(deployRoles).ToArray());

    }

    private static Dictionary<string, IReadOnlyDictionary<string, object>> Exempt(string[] principals) => new()
    {
        ["ArnNotLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = principals.Length == 1 ? principals[0] : principals },
    };

    private static string Validate(Construct scope, string id, OrganizationGuardrailsProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        v.Require(props.TargetIds is { Length: > 0 }, "TargetIds", props.TargetIds, "Name at least one OU, account or root id.");
        if (v.NoNullEntries(props.TargetIds, "TargetIds"))
        {
            foreach (var target in (props.TargetIds ?? Array.Empty<string>()).Where(Tokens.IsLiteral))
            {
                v.Require(TargetPattern().IsMatch(target), "TargetIds", target, "Use an organizational unit id ('ou-ab12-cdef3456'), a 12-digit account id or the root id ('r-ab12').");
            }
        }

        if (props.DataPerimeterTargetIds is not null)
        {
            v.Require(props.DataPerimeterTargetIds.Length > 0, "DataPerimeterTargetIds", "(empty list)", "Leave it unset (the perimeter goes on TargetIds) or name at least one OU, account or root id; to go without the perimeter, set DataPerimeter = false.");
            if (v.NoNullEntries(props.DataPerimeterTargetIds, "DataPerimeterTargetIds"))
            {
                foreach (var target in props.DataPerimeterTargetIds.Where(Tokens.IsLiteral))
                {
                    v.Require(TargetPattern().IsMatch(target), "DataPerimeterTargetIds", target, "Use an organizational unit id ('ou-ab12-cdef3456'), a 12-digit account id or the root id ('r-ab12').");
                }
            }
        }

        PresignedUrlPolicy.Check(v, props.PresignedUrlSourceCidrs, "PresignedUrlSourceCidrs");
        v.Require(props.DataPerimeter != false || props.DataPerimeterTargetIds is null, "DataPerimeterTargetIds", string.Join(", ", props.DataPerimeterTargetIds ?? Array.Empty<string>()),
            "Remove it, or set DataPerimeter to true (the default): with DataPerimeter = false there is no perimeter SCP to attach.");

        foreach (var (name, list) in new[]
                 {
                     ("BreakGlassPrincipalArns", props.BreakGlassPrincipalArns), ("DeploymentPrincipalArns", props.DeploymentPrincipalArns),
                     ("BootstrapPrincipalArns", props.BootstrapPrincipalArns), ("DeployRolePrincipalArns", props.DeployRolePrincipalArns),
                 })
        {
            if (v.NoNullEntries(list, name))
            {
                foreach (var arn in list ?? Array.Empty<string>())
                {
                    v.PrincipalArn(arn, name, anyAccount: true);
                }
            }
        }

        WorkspaceGuardrailPolicy.Check(v, props.Options, "Options");

        // Nobody could bootstrap, update or repair the target accounts: every deployment would be denied.
        v.Require(props.BreakGlassPrincipalArns is { Length: > 0 } || Deployers(props).Length > 0, "DeploymentPrincipalArns", "(none)",
            "Name a break-glass principal (BreakGlassPrincipalArns) or keep a deployer (the default is the CDK bootstrap's execution roles): with neither, no one could deploy, update or repair a workspace in the target accounts.");
        v.Require(Deployers(props).Length == 0 || props.BreakGlassPrincipalArns is { Length: > 0 } || Bootstrappers(props).Length > 0, "BootstrapPrincipalArns", "(none)",
            "Name who bootstraps new member accounts and regions: a break-glass principal (BreakGlassPrincipalArns), a bootstrapper (BootstrapPrincipalArns) or StackSetsExecution = true. The SCPs protect the CDK roles that cdk bootstrap creates, and they bind every principal of a member account, a role the management account assumes there included.");
        v.Require(props.DeployRolePrincipalArns is not { Length: 0 }, "DeployRolePrincipalArns", "(empty list)",
            "Leave it unset (the CDK deploy roles) or name the roles that pass the deployment roles to CloudFormation: with none, only break-glass could deploy.");

        if (props.PolicyName is { } policyName && Tokens.IsLiteral(policyName))
        {
            v.Require(PolicyNamePattern().IsMatch(policyName), "PolicyName", policyName, "Use 1 to 126 letters, digits and the characters _+=,.@- (the SCP name limit leaves room for '-2').");
        }

        if (!v.HasProblems)
        {
            var (guardrails, perimeter) = Layout(props);
            var joint = props.DataPerimeter != false && props.DataPerimeterTargetIds is null;
            var room = joint ? MaxPoliciesWithPerimeter : MaxPolicies;
            v.Require(guardrails.Count <= room, "TargetIds", string.Join(", ", props.TargetIds ?? Array.Empty<string>()), string.Format(CultureInfo.InvariantCulture,
                "The statements need {0} SCPs of at most {1} characters (85% of {2}) on each of these targets, more than the {3} a target has room for beside FullAWSAccess{4}; name fewer or shorter break-glass and deployer patterns, or opt out of fewer unguarded actions.",
                guardrails.Count, PolicyBudget, MaxPolicySize, room,
                joint ? " (the guardrails with the data perimeter; attach the perimeter to the parent OU or to the accounts with DataPerimeterTargetIds)" : " and AWS Control Tower's SCPs"));
            v.Require(perimeter.Count <= MaxPerimeterPolicies, "DataPerimeterTargetIds", string.Join(", ", props.DataPerimeterTargetIds ?? Array.Empty<string>()), string.Format(CultureInfo.InvariantCulture,
                "The data perimeter needs {0} SCPs of at most {1} characters, more than {2}: name fewer or shorter break-glass, deployer and bootstrap patterns, or fewer presigned-URL CIDRs.",
                perimeter.Count, PolicyBudget, MaxPerimeterPolicies));
            var shared = (props.DataPerimeterTargetIds ?? Array.Empty<string>()).Intersect(props.TargetIds ?? Array.Empty<string>(), StringComparer.Ordinal).ToList();
            v.Require(shared.Count == 0 || guardrails.Count + perimeter.Count <= MaxPoliciesWithPerimeter, "DataPerimeterTargetIds", string.Join(", ", shared), string.Format(CultureInfo.InvariantCulture,
                "These targets would carry {0} guardrail and {1} data-perimeter SCPs, more than the {2} a target has room for beside FullAWSAccess: leave DataPerimeterTargetIds unset (the two are then packed together) or attach the perimeter to the parent OU or to the accounts.",
                guardrails.Count, perimeter.Count, MaxPoliciesWithPerimeter));
        }

        v.Throw();
        return id;
    }

    [GeneratedRegex("^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|[0-9]{12}|r-[0-9a-z]{4,32})$")]
    private static partial Regex TargetPattern();

    [GeneratedRegex("^[\\w+=,.@-]{1,126}$")]
    private static partial Regex PolicyNamePattern();
}
