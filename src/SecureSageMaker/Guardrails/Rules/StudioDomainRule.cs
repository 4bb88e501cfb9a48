namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-ST1: Studio domains are VpcOnly, encrypted, with security groups, without Docker access.</summary>
internal sealed class StudioDomainRule : GuardrailRule
{
    public override string Id => RuleIds.StudioDomain;

    public override string What => "Studio domains have AppNetworkAccessType VpcOnly, a KmsKeyId, security groups in the default user settings (and space settings where set), and Docker access not enabled.";

    public override string Why => "PublicInternetOnly gives every Studio app a path to the internet (sagemaker-domain-in-vpc); Docker access runs arbitrary containers beside the apps.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::SageMaker::Domain")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectString(resource.Get("AppNetworkAccessType"), "VpcOnly", "AppNetworkAccessType", "AppNetworkAccessType is not VpcOnly.");
        p.ExpectPresent(resource.Get("KmsKeyId"), "KmsKeyId is missing: the home directories are not encrypted with a customer-managed key.");
        p.ExpectPresent(resource.Get("DefaultUserSettings", "SecurityGroups"), "DefaultUserSettings has no SecurityGroups.");
        if (resource.Get("DefaultSpaceSettings") is { } space)
        {
            p.ExpectPresent(JsonRead.Get(space, "SecurityGroups"), "DefaultSpaceSettings has no SecurityGroups.");
        }

        p.ExpectNotString(resource.Get("DomainSettings", "DockerSettings", "EnableDockerAccess"), "ENABLED", "EnableDockerAccess", "DomainSettings enables Docker access.");
        return p.Finding;
    }
}
