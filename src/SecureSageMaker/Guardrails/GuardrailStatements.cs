using Amazon.CDK.AWS.IAM;

namespace SecureSageMaker.Guardrails;

/// <summary>One Deny statement of the guardrails, in a form that renders both to IAM and to an SCP.</summary>
/// <param name="Sid">Statement id (what it stops).</param>
/// <param name="Actions">The SageMaker actions it applies to.</param>
/// <param name="Conditions">Operator to condition key to value(s); every condition must hold for the deny to fire.</param>
/// <param name="Purpose">Why it is there, for the README and reports.</param>
public sealed record GuardrailStatement(string Sid, IReadOnlyList<string> Actions, IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> Conditions, string Purpose)
{
    /// <summary>Renders the statement for IAM, optionally exempting principals that carry a tag.</summary>
    internal PolicyStatement ToPolicyStatement(string? exemptionTag = null) => PolicyStatement.FromJson(ToJson(exemptionTag));

    /// <summary>The statement as IAM JSON, optionally exempting principals that carry a tag.</summary>
    internal Dictionary<string, object> ToJson(string? exemptionTag = null) => Jsii.IamJson.Statement(Sid, "Deny", Actions, "*",
        ConditionsWith(exemptionTag).ToDictionary(p => p.Key, p => (object)p.Value.ToDictionary(q => q.Key, q => q.Value)), null);

    /// <summary>The conditions, plus the exemption by principal tag when given.</summary>
    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> ConditionsWith(string? exemptionTag)
    {
        if (exemptionTag is null)
        {
            return Conditions;
        }

        var merged = Conditions.ToDictionary(p => p.Key, p => p.Value.ToDictionary(q => q.Key, q => q.Value));
        if (!merged.TryGetValue("StringNotEquals", out var notEquals))
        {
            notEquals = new Dictionary<string, object>();
            merged["StringNotEquals"] = notEquals;
        }

        notEquals["aws:PrincipalTag/" + exemptionTag] = "true";
        return merged.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, object>)p.Value);
    }
}

/// <summary>
/// The Deny statements of the preventive guardrails (spec: "Preventive IAM guardrails"). The
/// account-independent ones test that a control is not false and not absent; the workspace-bound ones
/// also name the workspace's subnets, security groups and key.
/// </summary>
public static class GuardrailStatements
{
    /// <summary>
    /// Actions that start a training, tuning, processing or monitoring job, or create a model.
    /// <c>Create*JobDefinition</c> names the four monitoring job definitions (data quality, model
    /// quality, bias, explainability) in one entry, which keeps the SCP under its size limit.
    /// </summary>
    public static readonly IReadOnlyList<string> IsolatedActions = new[]
    {
        "sagemaker:CreateTrainingJob", "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateModel",
        "sagemaker:Create*JobDefinition",
    };

    /// <summary>The job actions that take volume and output keys and inter-container traffic encryption (all but CreateModel).</summary>
    public static readonly IReadOnlyList<string> JobActions = IsolatedActions.Where(a => a != "sagemaker:CreateModel").ToArray();

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> When(string op, string key, object value) =>
        new Dictionary<string, IReadOnlyDictionary<string, object>> { [op] = new Dictionary<string, object> { [key] = value } };

    /// <summary>The statements that hold in any account: controls false or absent.</summary>
    public static IReadOnlyList<GuardrailStatement> AccountIndependent() => new[]
    {
        new GuardrailStatement("DenyNetworkIsolationFalse", IsolatedActions, When("Bool", "sagemaker:NetworkIsolation", "false"),
            "Jobs and models must run with EnableNetworkIsolation."),
        new GuardrailStatement("DenyNetworkIsolationAbsent", IsolatedActions, When("Null", "sagemaker:NetworkIsolation", "true"),
            "A Bool test does not fire on an absent key: a request that omits EnableNetworkIsolation is denied too."),
        new GuardrailStatement("DenyVpcSubnetsAbsent", IsolatedActions, When("Null", "sagemaker:VpcSubnets", "true"),
            "Jobs and models must run in a VPC."),
        new GuardrailStatement("DenyVpcSecurityGroupsAbsent", IsolatedActions, When("Null", "sagemaker:VpcSecurityGroupIds", "true"),
            "Jobs and models must run with security groups."),
        new GuardrailStatement("DenyVolumeKmsKeyAbsent", JobActions, When("Null", "sagemaker:VolumeKmsKeyArn", "true"),
            "Job volumes must be encrypted with a customer-managed key."),
        new GuardrailStatement("DenyOutputKmsKeyAbsent", JobActions, When("Null", "sagemaker:OutputKmsKeyArn", "true"),
            "Job output must be encrypted with a customer-managed key."),
        new GuardrailStatement("DenyInterContainerEncryptionFalse", JobActions, When("Bool", "sagemaker:InterContainerTrafficEncryption", "false"),
            "Traffic between job containers must be encrypted."),
        new GuardrailStatement("DenyInterContainerEncryptionAbsent", JobActions, When("Null", "sagemaker:InterContainerTrafficEncryption", "true"),
            "A request that omits EnableInterContainerTrafficEncryption is denied too."),
        new GuardrailStatement("DenyNotebookInternetAccess", new[] { "sagemaker:CreateNotebookInstance" }, When("StringNotEquals", "sagemaker:DirectInternetAccess", "Disabled"),
            "Notebook instances are created with DirectInternetAccess Disabled (an absent key is denied too)."),
        new GuardrailStatement("DenyNotebookRootAccess", new[] { "sagemaker:CreateNotebookInstance" }, When("StringNotEquals", "sagemaker:RootAccess", "Disabled"),
            "Notebook instances are created with RootAccess Disabled (an absent key is denied too)."),
        new GuardrailStatement("DenyNotebookRootAccessUpdate", new[] { "sagemaker:UpdateNotebookInstance" }, When("StringEquals", "sagemaker:RootAccess", "Enabled"),
            "An update may not turn root access on; updates that do not resend the key pass."),
        new GuardrailStatement("DenyNotebookOutsideVpc", new[] { "sagemaker:CreateNotebookInstance" }, When("Null", "sagemaker:VpcSubnets", "true"),
            "Notebook instances run in a VPC subnet."),
        new GuardrailStatement("DenyDomainNotVpcOnly", new[] { "sagemaker:CreateDomain" }, When("StringNotEquals", "sagemaker:AppNetworkAccessType", "VpcOnly"),
            "Studio domains are created VpcOnly (an absent key means PublicInternetOnly, and is denied)."),
        new GuardrailStatement("DenyDomainUpdateToPublicInternet", new[] { "sagemaker:UpdateDomain" }, When("StringEquals", "sagemaker:AppNetworkAccessType", "PublicInternetOnly"),
            "An update may not switch a domain to PublicInternetOnly; updates that do not resend the key pass."),
    };

    /// <summary>Every statement of a workspace's guardrail policy.</summary>
    internal static IReadOnlyList<GuardrailStatement> ForWorkspace(string[] subnetIds, string[] securityGroupIds, string dataKeyArn) =>
        AccountIndependent().Concat(WorkspaceBound(subnetIds, securityGroupIds, dataKeyArn)).ToList();

    /// <summary>The statements bound to one workspace: its subnets, security groups and key.</summary>
    public static IReadOnlyList<GuardrailStatement> WorkspaceBound(string[] subnetIds, string[] securityGroupIds, string dataKeyArn) => new[]
    {
        new GuardrailStatement("DenyForeignSubnets", IsolatedActions, When("ForAnyValue:StringNotEquals", "sagemaker:VpcSubnets", subnetIds),
            "Jobs and models run only in the workspace's subnets."),
        new GuardrailStatement("DenyForeignSecurityGroups", IsolatedActions, When("ForAnyValue:StringNotEquals", "sagemaker:VpcSecurityGroupIds", securityGroupIds),
            "Jobs and models run only with the workspace's security group."),
        new GuardrailStatement("DenyForeignVolumeKmsKey", JobActions, When("StringNotEqualsIfExists", "sagemaker:VolumeKmsKeyArn", dataKeyArn),
            "Job volumes use the workspace's key."),
        new GuardrailStatement("DenyForeignOutputKmsKey", JobActions, When("StringNotEqualsIfExists", "sagemaker:OutputKmsKeyArn", dataKeyArn),
            "Job output uses the workspace's key."),
        new GuardrailStatement("DenyNotebookForeignSubnets", new[] { "sagemaker:CreateNotebookInstance" }, When("ForAnyValue:StringNotEquals", "sagemaker:VpcSubnets", subnetIds),
            "Notebook instances run only in the workspace's subnets."),
    };
}
