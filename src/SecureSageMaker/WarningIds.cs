namespace SecureSageMaker;

/// <summary>
/// Ids of the warnings the library raises when an option weakens a control. They are public and
/// stable: acknowledge one with <c>Annotations.Of(scope).AcknowledgeWarning(id, reason)</c>.
/// The README lists each with its meaning.
/// </summary>
public static class WarningIds
{
    /// <summary>An optional interface endpoint was removed from the workspace.</summary>
    public const string OptionalEndpointRemoved = "SecureSageMaker:OptionalEndpointRemoved";

    /// <summary>A VPC brought by the user has public subnets, so an internet path may exist.</summary>
    public const string VpcHasInternetPath = "SecureSageMaker:VpcHasInternetPath";

    /// <summary>Interface endpoints admit TCP 443 from the whole VPC CIDR, not only the workspace's security groups.</summary>
    public const string EndpointOpenToVpcCidr = "SecureSageMaker:EndpointOpenToVpcCidr";

    /// <summary>A key brought by the user belongs to another account.</summary>
    public const string ForeignAccountKey = "SecureSageMaker:ForeignAccountKey";

    /// <summary>A key brought by the user could not be given the key policy statements the workspace needs.</summary>
    public const string ImportedKeyPolicyUnmanaged = "SecureSageMaker:ImportedKeyPolicyUnmanaged";

    /// <summary>An input bucket brought by the user: the library cannot verify its encryption or policy.</summary>
    public const string UnverifiedInputBucket = "SecureSageMaker:UnverifiedInputBucket";

    /// <summary>A notebook lifecycle configuration runs as root even with root access disabled.</summary>
    public const string NotebookLifecycleRunsAsRoot = "SecureSageMaker:NotebookLifecycleRunsAsRoot";

    /// <summary>An endpoint production variant runs a single instance.</summary>
    public const string SingleInstanceEndpoint = "SecureSageMaker:SingleInstanceEndpoint";

    /// <summary>An endpoint config omits its KMS key because the instance type has local NVMe storage.</summary>
    public const string EndpointKmsKeyOmitted = "SecureSageMaker:EndpointKmsKeyOmitted";

    /// <summary>The synth-time guardrail checker was turned off for the workspace's stack.</summary>
    public const string GuardrailChecksDisabled = "SecureSageMaker:GuardrailChecksDisabled";

    /// <summary>The workload security group admits all traffic from itself (distributed training).</summary>
    public const string SelfReferencingTraffic = "SecureSageMaker:SelfReferencingTraffic";
}
