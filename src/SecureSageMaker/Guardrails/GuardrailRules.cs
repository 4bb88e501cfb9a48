using SecureSageMaker.Guardrails.Rules;

namespace SecureSageMaker.Guardrails;

/// <summary>The catalog of guardrail rules the checker runs.</summary>
public static class GuardrailRules
{
    /// <summary>Every built-in rule, in a stable order.</summary>
    public static IReadOnlyList<GuardrailRule> All { get; } = new GuardrailRule[]
    {
        new NotebookLockdownRule(),
        new NotebookLifecycleConfigRule(),
        new ModelIsolationRule(),
        new EndpointConfigRule(),
        new InferenceComponentRule(),
        new StudioDomainRule(),
        new StudioProfilesAndSpacesRule(),
        new JobIsolationRule(),
        new ClusterRule(),
        new FeatureGroupRule(),
        new BucketKmsEncryptionRule(),
        new BucketTlsOnlyRule(),
        new BucketPublicAccessRule(),
        new KeyRotationRule(),
        new NoInternetPathRule(),
        new DnsFirewallRule(),
        new NoOpenIngressRule(),
        new NoOpenEgressRule(),
        new NoLambdaRule(),
        new LogGroupEncryptionRule(),
        new EndpointPolicyRule(),
        new ExecutionRoleTrustRule(),
    };
}
