namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-LB1: no Lambda functions and no Lambda-backed custom resources.</summary>
internal sealed class NoLambdaRule : GuardrailRule
{
    public override string Id => RuleIds.NoLambda;

    public override string What => "No AWS::Lambda::Function, AWS::Serverless::Function or custom resource in the template.";

    public override string Why => "A function outside the VPC is an egress path that no endpoint policy governs.";

    public override RuleFinding Evaluate(ResourceView resource) =>
        resource.Type is "AWS::Lambda::Function" or "AWS::Serverless::Function" or "AWS::CloudFormation::CustomResource"
            || resource.Type.StartsWith("Custom::", StringComparison.Ordinal)
            ? RuleFinding.NonCompliant(resource.Type + " runs code outside the workspace's network.")
            : RuleFinding.NotApplicable;
}
