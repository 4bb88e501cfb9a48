namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-MD1: models run with network isolation in a VPC.</summary>
public sealed class ModelIsolationRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-MD1";

    /// <inheritdoc />
    public override string What => "SageMaker models have EnableNetworkIsolation true and a VpcConfig with subnets and security groups.";

    /// <inheritdoc />
    public override string Why => "A model container without isolation can send inference data anywhere (Security Hub SageMaker.5, sagemaker-model-in-vpc).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::SageMaker::Model";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::SageMaker::Model")
        {
            return RuleFinding.NotApplicable;
        }

        var problems = new List<string>();
        if (!resource.IsTrue("EnableNetworkIsolation"))
        {
            problems.Add("EnableNetworkIsolation is not true.");
        }

        if (!resource.Has("VpcConfig", "Subnets") || !resource.Has("VpcConfig", "SecurityGroupIds"))
        {
            problems.Add("VpcConfig with Subnets and SecurityGroupIds is missing.");
        }

        return RuleFinding.From(problems);
    }
}
