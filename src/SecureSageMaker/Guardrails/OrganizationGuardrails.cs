using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK.AWS.Organizations;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// An organization service control policy (SCP) with the account-independent guardrail statements:
/// jobs and models without network isolation, VPC, keys or inter-container encryption, notebooks with
/// internet or root access, and domains that are not VpcOnly are denied in every target account,
/// whoever asks, except principals carrying the break-glass tag. Deploy it from the management (or
/// delegated administrator) account.
/// </summary>
public sealed partial class OrganizationGuardrails : Construct
{
    /// <summary>The SCP size limit of AWS Organizations, in characters of minimized JSON.</summary>
    public const int MaxPolicySize = 5120;

    /// <summary>Creates the SCP.</summary>
    /// <exception cref="ArgumentException">A target is not an OU, account or root id, the tag key is invalid, or the policy exceeds the SCP size limit.</exception>
    public OrganizationGuardrails(Construct scope, string id, OrganizationGuardrailsProps props)
        : base(scope, Validate(scope, id, props))
    {
        var tag = props.ExemptionTagKey ?? DefaultExemptionTagKey;
        Statements = GuardrailStatements.AccountIndependent();
        PolicyJson = Render(Statements, tag);
        Resource = new CfnPolicy(this, "Resource", new CfnPolicyProps
        {
            Name = props.PolicyName ?? "SecureSageMakerGuardrails",
            Description = "SecureSageMaker: SageMaker jobs, models, notebooks and domains stay isolated, encrypted and in a VPC.",
            Type = "SERVICE_CONTROL_POLICY",
            Content = Document(Statements, tag),
            TargetIds = props.TargetIds,
        });
    }

    /// <summary>The default principal tag key of the exemption.</summary>
    public const string DefaultExemptionTagKey = "SecureSageMakerBreakGlass";

    /// <summary>The SCP resource.</summary>
    public CfnPolicy Resource { get; }

    /// <summary>The statements, with their purposes.</summary>
    public IReadOnlyList<GuardrailStatement> Statements { get; }

    /// <summary>The policy as minimized JSON.</summary>
    public string PolicyJson { get; }

    /// <summary>Renders statements as a minimized SCP document.</summary>
    public static string Render(IEnumerable<GuardrailStatement> statements, string exemptionTagKey) =>
        JsonSerializer.Serialize(Document(statements, exemptionTagKey));

    private static Dictionary<string, object> Document(IEnumerable<GuardrailStatement> statements, string exemptionTagKey) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = statements.Select(s => (object)new Dictionary<string, object>
        {
            ["Sid"] = s.Sid,
            ["Effect"] = "Deny",
            ["Action"] = s.Actions.Count == 1 ? s.Actions[0] : s.Actions.ToArray(),
            ["Resource"] = "*",
            ["Condition"] = s.ConditionsWith(exemptionTagKey).ToDictionary(
                c => c.Key, c => (object)c.Value.ToDictionary(k => k.Key, k => k.Value)),
        }).ToArray(),
    };

    private static string Validate(Construct scope, string id, OrganizationGuardrailsProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        v.Require(props.TargetIds is { Length: > 0 }, "TargetIds", props.TargetIds, "Name at least one OU, account or root id.");
        foreach (var target in props.TargetIds ?? Array.Empty<string>())
        {
            v.Require(target is not null && TargetPattern().IsMatch(target), "TargetIds", target,
                "Use an organizational unit id ('ou-ab12-cdef3456'), a 12-digit account id or the root id ('r-ab12').");
        }

        var tag = props.ExemptionTagKey ?? DefaultExemptionTagKey;
        v.Require(TagPattern().IsMatch(tag), "ExemptionTagKey", tag, "Use a tag key of 1 to 128 letters, digits, spaces and _.:/=+-@.");
        if (TagPattern().IsMatch(tag))
        {
            var size = Render(GuardrailStatements.AccountIndependent(), tag).Length;
            v.Require(size <= MaxPolicySize, "ExemptionTagKey", tag, string.Format(CultureInfo.InvariantCulture,
                "The SCP would be {0} characters of minimized JSON; AWS Organizations allows {1}. Use a shorter tag key.", size, MaxPolicySize));
        }

        v.Throw();
        return id;
    }

    [GeneratedRegex("^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|[0-9]{12}|r-[0-9a-z]{4,32})$")]
    private static partial Regex TargetPattern();

    [GeneratedRegex("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$")]
    private static partial Regex TagPattern();
}
