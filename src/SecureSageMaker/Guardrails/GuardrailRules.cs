using SecureSageMaker.Guardrails.Rules;

namespace SecureSageMaker.Guardrails;

/// <summary>The catalog of guardrail rules the checker runs.</summary>
public static class GuardrailRules
{
    /// <summary>Every rule, in a stable order.</summary>
    public static IReadOnlyList<GuardrailRule> All { get; } = new GuardrailRule[]
    {
        new NotebookLockdownRule(),
        new ModelIsolationRule(),
        new EndpointConfigEncryptionRule(),
        new StudioVpcOnlyRule(),
        new JobIsolationRule(),
        new BucketKmsEncryptionRule(),
        new BucketTlsOnlyRule(),
        new BucketPublicAccessRule(),
        new KeyRotationRule(),
        new NoInternetPathRule(),
        new NoOpenIngressRule(),
        new NoOpenEgressRule(),
        new NoLambdaRule(),
        new LogGroupEncryptionRule(),
        new EndpointPolicyRule(),
    };

    /// <summary>Whether a rule has this id.</summary>
    public static bool IsKnown(string id) => All.Any(r => string.Equals(r.Id, id, StringComparison.Ordinal));
}
