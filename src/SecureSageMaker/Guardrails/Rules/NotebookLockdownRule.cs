namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-NB1: notebook instances without internet or root access, encrypted, in a VPC, on AL2023, IMDSv2 only.</summary>
internal sealed class NotebookLockdownRule : GuardrailRule
{
    public override string Id => RuleIds.NotebookLockdown;

    public override string What => "Notebook instances have DirectInternetAccess and RootAccess Disabled, a KmsKeyId, a subnet and security groups, PlatformIdentifier notebook-al2023-v1, IMDSv2 only, and no lifecycle configuration from outside the template.";

    public override string Why => "A notebook with internet access or root is a direct exfiltration path (Security Hub SageMaker.1-.3, .8, .21; CT.SAGEMAKER.PR.1-3).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::SageMaker::NotebookInstance")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectString(resource.Get("DirectInternetAccess"), "Disabled", "DirectInternetAccess", "DirectInternetAccess is not Disabled.");
        p.ExpectString(resource.Get("RootAccess"), "Disabled", "RootAccess", "RootAccess is not Disabled.");
        p.ExpectPresent(resource.Get("KmsKeyId"), "KmsKeyId is missing: the volume is not encrypted with a customer-managed key.");
        p.ExpectPresent(resource.Get("SubnetId"), "SubnetId is missing: the notebook is not in a VPC.");
        p.ExpectPresent(resource.Get("SecurityGroupIds"), "SecurityGroupIds is missing.");
        p.ExpectString(resource.Get("PlatformIdentifier"), Defaults.NotebookPlatformIdentifier, "PlatformIdentifier", "PlatformIdentifier is not " + Defaults.NotebookPlatformIdentifier + ".");
        p.ExpectString(resource.Get("InstanceMetadataServiceConfiguration", "MinimumInstanceMetadataServiceVersion"), "2", "MinimumInstanceMetadataServiceVersion", "IMDSv2 is not required (MinimumInstanceMetadataServiceVersion is not 2).");
        var lifecycle = resource.Get("LifecycleConfigName");
        if (lifecycle is not null && !resource.Template.ContainsKey(JsonRead.ReferencedId(lifecycle) ?? string.Empty))
        {
            p.Breach("LifecycleConfigName names a lifecycle configuration outside this template, whose scripts run as root and cannot be judged here.");
        }

        return p.Finding;
    }
}
