namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-NB1: notebook instances without internet or root access, encrypted, in a VPC, on AL2023, IMDSv2 only.</summary>
public sealed class NotebookLockdownRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-NB1";

    /// <inheritdoc />
    public override string What => "Notebook instances have DirectInternetAccess and RootAccess Disabled, a KmsKeyId, a subnet and security groups, PlatformIdentifier notebook-al2023-v1 and IMDSv2 only.";

    /// <inheritdoc />
    public override string Why => "A notebook with internet access or root is a direct exfiltration path (Security Hub SageMaker.1-.3, .8, .21).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::SageMaker::NotebookInstance";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::SageMaker::NotebookInstance")
        {
            return RuleFinding.NotApplicable;
        }

        var problems = new List<string>();
        if (resource.GetString("DirectInternetAccess") != "Disabled")
        {
            problems.Add("DirectInternetAccess is not Disabled.");
        }

        if (resource.GetString("RootAccess") != "Disabled")
        {
            problems.Add("RootAccess is not Disabled.");
        }

        if (!resource.Has("KmsKeyId"))
        {
            problems.Add("KmsKeyId is missing.");
        }

        if (!resource.Has("SubnetId") || !resource.Has("SecurityGroupIds"))
        {
            problems.Add("SubnetId and SecurityGroupIds must be set.");
        }

        if (resource.GetString("PlatformIdentifier") != "notebook-al2023-v1")
        {
            problems.Add("PlatformIdentifier is not notebook-al2023-v1.");
        }

        if (resource.GetString("InstanceMetadataServiceConfiguration", "MinimumInstanceMetadataServiceVersion") != "2")
        {
            problems.Add("IMDSv2 is not required.");
        }

        return RuleFinding.From(problems);
    }
}
