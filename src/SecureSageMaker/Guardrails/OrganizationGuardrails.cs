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

    /// <summary>The most SCPs this construct may need: an OU takes five, and FullAWSAccess is usually one of them.</summary>
    public const int MaxPolicies = 4;

    /// <summary>The default deployment principals: the CloudFormation execution roles of the CDK bootstrap.</summary>
    public static IReadOnlyList<string> DefaultDeploymentPrincipalArns { get; } = new[] { "arn:*:iam::*:role/cdk-*-cfn-exec-role-*" };

    private readonly List<CfnPolicy> _policies = new();

    /// <summary>Creates the SCPs.</summary>
    /// <exception cref="ArgumentException">A target is not an OU, account or root id, a principal pattern is invalid, or the statements need more than <see cref="MaxPolicies"/> SCPs.</exception>
    public OrganizationGuardrails(Construct scope, string id, OrganizationGuardrailsProps props)
        : base(scope, Validate(scope, id, props))
    {
        Statements = GuardrailStatements.All(null, props.Options).Where(s => s.InOrganizationPolicy).ToList();
        var documents = Render(Statements, props);
        Documents = documents.Select(d => JsonSerializer.Serialize(d)).ToList();
        var name = props.PolicyName ?? "SecureSageMakerGuardrails";
        for (var i = 0; i < Documents.Count; i++)
        {
            _policies.Add(new CfnPolicy(this, i == 0 ? "Resource" : "Part" + (i + 1).ToString(CultureInfo.InvariantCulture), new CfnPolicyProps
            {
                Name = i == 0 ? name : name + "-" + (i + 1).ToString(CultureInfo.InvariantCulture),
                Description = string.Format(CultureInfo.InvariantCulture, "SecureSageMaker guardrails ({0} of {1}): SageMaker work stays isolated, encrypted and in a VPC.", i + 1, Documents.Count),
                Type = "SERVICE_CONTROL_POLICY",
                Content = documents[i],
                TargetIds = props.TargetIds,
            }));
        }

        foreach (var allowed in props.Options?.AllowedUnguardedActions ?? Array.Empty<string>())
        {
            Posture.StackPosture.Warn(this, WarningIds.UnguardedComputeAllowed,
                "The SCPs allow " + allowed + ", whose compute no condition key can pin to a workspace's network and keys, in every target account.");
        }
    }

    /// <summary>The SCP resources (the first is named <c>Resource</c>).</summary>
    public IReadOnlyList<CfnPolicy> Policies => _policies;

    /// <summary>The statements, with their purposes.</summary>
    public IReadOnlyList<GuardrailStatement> Statements { get; }

    /// <summary>The SCP documents as minimized JSON, one per policy.</summary>
    public IReadOnlyList<string> Documents { get; }

    private static List<Dictionary<string, object>> Render(IReadOnlyList<GuardrailStatement> statements, OrganizationGuardrailsProps props)
    {
        var breakGlass = props.BreakGlassPrincipalArns ?? Array.Empty<string>();
        var deployers = props.DeploymentPrincipalArns ?? DefaultDeploymentPrincipalArns.ToArray();
        var json = statements.Select(s =>
        {
            var exempt = s.Exemption == GuardrailExemption.BreakGlassAndDeployers ? breakGlass.Concat(deployers).ToArray() : breakGlass;
            return s.ToJson(exempt.Length == 0 ? null : Exempt(exempt));
        }).ToList();
        var exemptRoles = breakGlass.Concat(deployers).Distinct(StringComparer.Ordinal).ToArray();
        if (exemptRoles.Length > 0)
        {
            // The exemptions key on the role's ARN: no one but the break-glass principals may create or change a role that
            // matches a break-glass or deployer pattern, or anyone could make themselves exempt by naming a role so.
            json.Add(new GuardrailStatement("DenyBreakGlassRoleChanges", new[]
                {
                    "iam:CreateRole", "iam:DeleteRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy",
                    "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:UpdateRole", "iam:TagRole", "iam:UntagRole",
                },
                new Dictionary<string, IReadOnlyDictionary<string, object>>(),
                "Only break-glass principals create or change the roles the exemptions name.") { Resources = exemptRoles }.ToJson(breakGlass.Length == 0 ? null : Exempt(breakGlass)));
        }

        return PolicyChunks.Split(json, MaxPolicySize)
            .Select(chunk => new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = chunk.Cast<object>().ToArray() })
            .ToList();
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

        foreach (var (name, list) in new[] { ("BreakGlassPrincipalArns", props.BreakGlassPrincipalArns), ("DeploymentPrincipalArns", props.DeploymentPrincipalArns) })
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

        if (props.PolicyName is { } policyName && Tokens.IsLiteral(policyName))
        {
            v.Require(PolicyNamePattern().IsMatch(policyName), "PolicyName", policyName, "Use 1 to 126 letters, digits and the characters _+=,.@- (the SCP name limit leaves room for '-2').");
        }

        if (!v.HasProblems)
        {
            var count = Render(GuardrailStatements.All(null, props.Options).Where(s => s.InOrganizationPolicy).ToList(), props).Count;
            v.Require(count <= MaxPolicies, "BreakGlassPrincipalArns", count + " SCPs", string.Format(CultureInfo.InvariantCulture,
                "The statements need {0} SCPs of {1} characters, more than the {2} an OU has room for beside FullAWSAccess; name fewer or shorter principal patterns.", count, MaxPolicySize, MaxPolicies));
        }

        v.Throw();
        return id;
    }

    [GeneratedRegex("^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|[0-9]{12}|r-[0-9a-z]{4,32})$")]
    private static partial Regex TargetPattern();

    [GeneratedRegex("^[\\w+=,.@-]{1,126}$")]
    private static partial Regex PolicyNamePattern();
}
