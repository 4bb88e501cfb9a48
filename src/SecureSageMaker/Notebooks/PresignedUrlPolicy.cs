using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace SecureSageMaker.Notebooks;

/// <summary>
/// A managed policy, for the roles, groups and SSO permission sets of the people who open notebooks
/// and Studio, that denies <c>sagemaker:CreatePresignedNotebookInstanceUrl</c> and
/// <c>sagemaker:CreatePresignedDomainUrl</c> unless the request comes from the company's CIDRs
/// (<c>aws:SourceIp</c>) or through the workspace's SageMaker API endpoint (<c>aws:SourceVpce</c>).
/// Both are needed: through a VPC endpoint <c>aws:SourceIp</c> is absent.
/// </summary>
public sealed class PresignedUrlPolicy : Construct
{
    /// <summary>The actions the policy limits.</summary>
    public static readonly string[] Actions = { "sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:CreatePresignedDomainUrl" };

    /// <summary>Creates the policy.</summary>
    /// <param name="scope">Scope.</param>
    /// <param name="id">Id.</param>
    /// <param name="allowedCidrs">Company CIDRs (validated by the caller); empty means only through the endpoint.</param>
    /// <param name="apiEndpointId">Id of the workspace's SageMaker API endpoint.</param>
    public PresignedUrlPolicy(Construct scope, string id, string[] allowedCidrs, string apiEndpointId)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(allowedCidrs);
        var conditions = new Dictionary<string, object>
        {
            ["StringNotEqualsIfExists"] = new Dictionary<string, object> { ["aws:SourceVpce"] = apiEndpointId },
        };
        if (allowedCidrs.Length > 0)
        {
            conditions["NotIpAddressIfExists"] = new Dictionary<string, object> { ["aws:SourceIp"] = allowedCidrs };
        }

        Statement = Internal.Statements.Deny("DenyPresignedUrlsOutsideCompanyNetwork", Actions, "*", conditions);
        Document = new PolicyDocument(new PolicyDocumentProps { Statements = new[] { Statement } });
        Policy = new ManagedPolicy(this, "Resource", new ManagedPolicyProps
        {
            Description = "SecureSageMaker: presigned notebook and Studio URLs only from company networks or the workspace's endpoint.",
            Document = Document,
        });
        _ = new CfnOutput(this, "PolicyArn", new CfnOutputProps
        {
            Value = Policy.ManagedPolicyArn,
            Description = "Attach to the roles, groups and SSO permission sets of people who open SageMaker notebooks or Studio.",
        });
    }

    /// <summary>The managed policy.</summary>
    public IManagedPolicy Policy { get; }

    /// <summary>The policy document, for SSO permission sets that take inline JSON.</summary>
    public PolicyDocument Document { get; }

    /// <summary>The Deny statement.</summary>
    public PolicyStatement Statement { get; }
}
