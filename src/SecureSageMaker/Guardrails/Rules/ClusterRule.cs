namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-HP1: HyperPod clusters run in a VPC.</summary>
internal sealed class ClusterRule : GuardrailRule
{
    public override string Id => RuleIds.ClusterInVpc;

    public override string What => "HyperPod clusters have a VpcConfig with subnets and security groups.";

    public override string Why => "Without a VpcConfig the cluster's nodes run in a SageMaker network with internet access.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::SageMaker::Cluster")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectPresent(resource.Get("VpcConfig", "Subnets"), "VpcConfig.Subnets is missing: the cluster is not in the workspace's VPC.");
        p.ExpectPresent(resource.Get("VpcConfig", "SecurityGroupIds"), "VpcConfig.SecurityGroupIds is missing.");
        return p.Finding;
    }
}
