namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-NB2: notebook lifecycle configurations run as root; each must be acknowledged.</summary>
internal sealed class NotebookLifecycleConfigRule : GuardrailRule
{
    public override string Id => RuleIds.NotebookLifecycleConfig;

    public override string What => "No notebook instance lifecycle configuration unless acknowledged (the workspace's own carry an acknowledgment).";

    public override string Why => "Lifecycle scripts run as root on the notebook instance, undoing RootAccess Disabled: they are privileged code to review.";

    public override RuleFinding Evaluate(ResourceView resource) => resource.Type == "AWS::SageMaker::NotebookInstanceLifecycleConfig"
        ? RuleFinding.NonCompliant("The lifecycle configuration's scripts run as root on the notebook instance.")
        : RuleFinding.NotApplicable;
}
