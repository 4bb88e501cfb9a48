namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-ST1: Studio domains are VpcOnly, encrypted, with security groups.</summary>
public sealed class StudioVpcOnlyRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-ST1";

    /// <inheritdoc />
    public override string What => "Studio domains have AppNetworkAccessType VpcOnly, a KmsKeyId and security groups in the default user settings.";

    /// <inheritdoc />
    public override string Why => "PublicInternetOnly gives every Studio app a path to the internet (sagemaker-domain-in-vpc).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::SageMaker::Domain";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::SageMaker::Domain")
        {
            return RuleFinding.NotApplicable;
        }

        var problems = new List<string>();
        if (resource.GetString("AppNetworkAccessType") != "VpcOnly")
        {
            problems.Add("AppNetworkAccessType is not VpcOnly.");
        }

        if (!resource.Has("KmsKeyId"))
        {
            problems.Add("KmsKeyId is missing.");
        }

        if (!resource.Has("DefaultUserSettings", "SecurityGroups"))
        {
            problems.Add("DefaultUserSettings has no SecurityGroups.");
        }

        return RuleFinding.From(problems);
    }
}
