namespace SecureSageMaker;

/// <summary>
/// Ids of the warnings the library raises when an option weakens a control. They are public and
/// stable: acknowledge one with a reason through <see cref="Guardrails.Acknowledge.Warning"/>. The
/// README lists each with its meaning.
/// </summary>
public static class WarningIds
{
    /// <summary>An optional interface endpoint was removed from the workspace.</summary>
    public const string OptionalEndpointRemoved = "SecureSageMaker:OptionalEndpointRemoved";

    /// <summary>A VPC brought by the user has public subnets or egress routes, so an internet path may exist.</summary>
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

    /// <summary>An endpoint config omits its KMS key because the instance type has local NVMe storage (jobs raise <see cref="VolumeKmsKeyOmitted"/>).</summary>
    public const string EndpointKmsKeyOmitted = "SecureSageMaker:EndpointKmsKeyOmitted";

    /// <summary>A job omits its volume KMS key because its instance type has local NVMe storage (encrypted by the instance's hardware).</summary>
    public const string VolumeKmsKeyOmitted = "SecureSageMaker:VolumeKmsKeyOmitted";

    /// <summary>The synth-time guardrail checker was turned off for the workspace's stack.</summary>
    public const string GuardrailChecksDisabled = "SecureSageMaker:GuardrailChecksDisabled";

    /// <summary>The workload security group admits all traffic from itself (distributed training).</summary>
    public const string SelfReferencingTraffic = "SecureSageMaker:SelfReferencingTraffic";

    /// <summary>A bucket has no VPC-endpoint perimeter: its data answers from any network.</summary>
    public const string BucketWithoutNetworkPerimeter = "SecureSageMaker:BucketWithoutNetworkPerimeter";

    /// <summary>The presigned-URL policy admits the whole internet (CIDRs that cover every address).</summary>
    public const string PresignedUrlsFromAnywhere = "SecureSageMaker:PresignedUrlsFromAnywhere";

    /// <summary>A model's environment variable looks like a secret and would be stored in the template in plain text.</summary>
    public const string SecretInEnvironment = "SecureSageMaker:SecretInEnvironment";

    /// <summary>The DNS firewall of the workspace VPC was turned off, or left to a rule group outside the workspace.</summary>
    public const string DnsFirewallDisabled = "SecureSageMaker:DnsFirewallDisabled";

    /// <summary>The DNS firewall allows a whole top-level domain or a very broad wildcard.</summary>
    public const string BroadDnsAllowList = "SecureSageMaker:BroadDnsAllowList";

    /// <summary>The workspace opted in to an API that launches compute no condition key can pin to the workspace.</summary>
    public const string UnguardedComputeAllowed = "SecureSageMaker:UnguardedComputeAllowed";

    /// <summary>The organization guardrails were created without their data-perimeter SCP (<c>DataPerimeter = false</c>).</summary>
    public const string DataPerimeterOff = "SecureSageMaker:DataPerimeterOff";

    /// <summary>A <see cref="WorkspaceStackSet"/> deletes the stack of an account that leaves its OUs (<c>RetainStacksOnAccountRemoval = false</c>); the retained resources stay in the account, unmanaged.</summary>
    public const string StackSetDeletesOnRemoval = "SecureSageMaker:StackSetDeletesOnRemoval";

    /// <summary>A bucket replicates to a key (and so a bucket) of another account: copies of the data leave this account.</summary>
    public const string CrossAccountReplication = "SecureSageMaker:CrossAccountReplication";

    /// <summary>
    /// A resource has a name of yours, and the workspace controls some of its create-only properties (subnets,
    /// security groups, keys, roles): a change the workspace makes to them (new subnets, a new key) replaces the
    /// resource, which CloudFormation refuses under the same name. Rename it in the same change, or leave it unnamed.
    /// </summary>
    public const string NamedReplaceableResource = "SecureSageMaker:NamedReplaceableResource";

    /// <summary>A control of the posture report is off for a workspace (said at synth, from the report's evaluation).</summary>
    public const string ControlOff = "SecureSageMaker:ControlOff";

    /// <summary>A control of the posture report is weakened for a workspace.</summary>
    public const string ControlWeakened = "SecureSageMaker:ControlWeakened";

    /// <summary>A control of the posture report cannot be verified from the template (a brought VPC or key, a value decided at deploy time).</summary>
    public const string ControlCannotVerify = "SecureSageMaker:ControlCannotVerify";

    /// <summary>Every warning id, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        OptionalEndpointRemoved, VpcHasInternetPath, EndpointOpenToVpcCidr, ForeignAccountKey, ImportedKeyPolicyUnmanaged,
        UnverifiedInputBucket, NotebookLifecycleRunsAsRoot, SingleInstanceEndpoint, EndpointKmsKeyOmitted, VolumeKmsKeyOmitted, GuardrailChecksDisabled,
        SelfReferencingTraffic, BucketWithoutNetworkPerimeter, PresignedUrlsFromAnywhere, SecretInEnvironment, DnsFirewallDisabled,
        BroadDnsAllowList, UnguardedComputeAllowed, DataPerimeterOff, StackSetDeletesOnRemoval, CrossAccountReplication, NamedReplaceableResource,
        ControlOff, ControlWeakened, ControlCannotVerify,
    };
}
