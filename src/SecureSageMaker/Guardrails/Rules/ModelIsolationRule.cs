namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-MD1: models run with network isolation in a VPC.</summary>
internal sealed class ModelIsolationRule : GuardrailRule
{
    public override string Id => RuleIds.ModelIsolation;

    public override string What => "SageMaker models have EnableNetworkIsolation true and a VpcConfig with subnets and security groups.";

    public override string Why => "A model container without isolation can send inference data anywhere (Security Hub SageMaker.5, sagemaker-model-in-vpc).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::SageMaker::Model")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectTrue(resource.Get("EnableNetworkIsolation"), "EnableNetworkIsolation", "EnableNetworkIsolation is not true.");
        p.ExpectPresent(resource.Get("VpcConfig", "Subnets"), "VpcConfig.Subnets is missing: the model is not in a VPC.");
        p.ExpectPresent(resource.Get("VpcConfig", "SecurityGroupIds"), "VpcConfig.SecurityGroupIds is missing.");
        return p.Finding;
    }
}
