using System.Numerics;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A managed policy, for the roles, groups and SSO permission sets of the people who open notebooks,
/// Studio and other presigned or streaming URLs, that denies those actions unless the request comes
/// from the company's CIDRs (<c>aws:SourceIp</c>) or through the workspace's SageMaker API endpoint
/// (<c>aws:SourceVpce</c>). Both are needed: through a VPC endpoint <c>aws:SourceIp</c> is absent.
/// </summary>
public sealed class PresignedUrlPolicy : Construct
{
    /// <summary>The actions the policy limits: every SageMaker call that hands out a URL or a session into compute.</summary>
    public static IReadOnlyList<string> Actions { get; } = new[]
    {
        "sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:CreatePresignedDomainUrl",
        "sagemaker:CreatePresignedMlflowTrackingServerUrl", "sagemaker:CreatePresignedMlflowAppUrl", "sagemaker:CreatePartnerAppPresignedUrl", "sagemaker:StartSession",
    };

    private readonly ManagedPolicy _policy;

    /// <summary>Creates the policy.</summary>
    /// <exception cref="ArgumentException">A CIDR is invalid or the endpoint list is empty; the message names the property, the value and the fix.</exception>
    public PresignedUrlPolicy(Construct scope, string id, PresignedUrlPolicyProps props)
        : base(scope, Validate(scope, id, props))
    {
        var cidrs = props.AllowedCidrs ?? Array.Empty<string>();
        var conditions = new Dictionary<string, object>
        {
            ["StringNotEqualsIfExists"] = new Dictionary<string, object> { ["aws:SourceVpce"] = props.AllowedVpcEndpoints.Select(e => e.VpcEndpointId).ToArray() },
        };
        if (cidrs.Length > 0)
        {
            conditions["NotIpAddressIfExists"] = new Dictionary<string, object> { ["aws:SourceIp"] = cidrs };
        }

        Document = IamJson.Document(new[] { IamJson.Statement("DenyPresignedUrlsOutsideCompanyNetwork", "Deny", Actions, "*", conditions, null) });
        _policy = new ManagedPolicy(this, "Resource", new ManagedPolicyProps
        {
            Description = "SecureSageMaker: presigned notebook, Studio and MLflow URLs and sessions only from company networks or the workspace's endpoint.",
            Document = Document,
            Path = Guardrails.GuardrailStatements.ProtectedPolicyPath,
        });
        _ = new CfnOutput(this, "PolicyArn", new CfnOutputProps
        {
            Value = _policy.ManagedPolicyArn,
            Description = "Attach to the roles, groups and SSO permission sets of people who open SageMaker notebooks or Studio.",
        });
        if (CoversEverything(cidrs))
        {
            Posture.StackPosture.Warn(this, WarningIds.PresignedUrlsFromAnywhere,
                "The presigned-URL CIDRs together cover every address (" + string.Join(", ", cidrs) + "): presigned URLs can be created from anywhere, so the control is off. Name the company's egress CIDRs.");
        }
        else if (cidrs.Any(Tokens.IsUnresolved))
        {
            Posture.StackPosture.Warn(this, WarningIds.PresignedUrlsFromAnywhere,
                "A presigned-URL CIDR is decided at deploy time (a parameter or an import), so it cannot be checked here and could be 0.0.0.0/0. Name the company's egress CIDRs literally, or acknowledge with the reason the value is safe.");
        }
    }

    /// <summary>The managed policy.</summary>
    public IManagedPolicy Policy => _policy;

    /// <summary>The policy's ARN.</summary>
    public string PolicyArn => _policy.ManagedPolicyArn;

    /// <summary>The policy document, for SSO permission sets that take inline JSON.</summary>
    public PolicyDocument Document { get; }

    private static bool CoversEverything(string[] cidrs)
    {
        var parsed = cidrs.Where(Tokens.IsLiteral).Select(c => Cidr.TryParse(c, out var p) ? p : (Cidr?)null).Where(p => p is not null).Select(p => p!.Value).ToList();
        return new[] { false, true }.Any(v6 => Cidr.Covered(parsed, v6) == Cidr.Space(v6) && Cidr.Space(v6) > BigInteger.Zero);
    }

    private static string Validate(Construct scope, string id, PresignedUrlPolicyProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        Check(v, props.AllowedCidrs, "AllowedCidrs");
        v.Require(props.AllowedVpcEndpoints is { Length: > 0 } && props.AllowedVpcEndpoints.All(e => e is not null), "AllowedVpcEndpoints", props.AllowedVpcEndpoints?.Length,
            "Name the workspace's SageMaker API interface endpoint: through it aws:SourceIp is absent, so the policy needs aws:SourceVpce.");
        foreach (var endpoint in (props.AllowedVpcEndpoints ?? Array.Empty<Amazon.CDK.AWS.EC2.IInterfaceVpcEndpoint>()).Where(e => e is not null))
        {
            v.IdOfKind(endpoint.VpcEndpointId, "AllowedVpcEndpoints", "vpce", "a VPC endpoint");
        }
        v.Throw();
        return id;
    }

    /// <summary>Adds every problem with the CIDRs to <paramref name="v"/>.</summary>
    internal static void Check(PropsValidator v, string[]? cidrs, string property)
    {
        if (!v.NoNullEntries(cidrs, property))
        {
            return;
        }

        foreach (var cidr in cidrs ?? Array.Empty<string>())
        {
            if (string.IsNullOrWhiteSpace(cidr))
            {
                v.Fail(property, cidr, "Remove the empty entry or give a company CIDR such as '203.0.113.0/24'.");
            }
            else
            {
                _ = v.Cidr(cidr, property, allowIpv6: true);
            }
        }
    }
}
