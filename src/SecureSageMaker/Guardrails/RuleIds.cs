namespace SecureSageMaker.Guardrails;

/// <summary>
/// The ids of the synth-time guardrail rules, public and stable: a finding's error annotation starts
/// with the id in brackets, and <see cref="Acknowledge.Finding"/> takes it. A value a rule cannot read
/// is a finding of its own, under <see cref="CannotVerify(string)"/> of the rule's id.
/// </summary>
public static class RuleIds
{
    /// <summary>Notebook instances: no internet, no root, KMS, VPC, AL2023, IMDSv2, no lifecycle configuration.</summary>
    public const string NotebookLockdown = "SecureSageMaker-NB1";

    /// <summary>Notebook instance lifecycle configurations: they run as root.</summary>
    public const string NotebookLifecycleConfig = "SecureSageMaker-NB2";

    /// <summary>Models: network isolation and a VPC config.</summary>
    public const string ModelIsolation = "SecureSageMaker-MD1";

    /// <summary>Endpoint configs: KMS, encrypted data capture and async output, no SSM access, isolation without a model.</summary>
    public const string EndpointConfigEncryption = "SecureSageMaker-EC1";

    /// <summary>Inference components: run a model (with its isolation), not a bare container.</summary>
    public const string InferenceComponentModel = "SecureSageMaker-IC1";

    /// <summary>Studio domains: VpcOnly, KMS, security groups, no Docker access.</summary>
    public const string StudioDomain = "SecureSageMaker-ST1";

    /// <summary>Studio user profiles and spaces: security groups where set, no remote access.</summary>
    public const string StudioProfilesAndSpaces = "SecureSageMaker-ST2";

    /// <summary>Jobs in state machines, pipelines, monitoring schedules and job definitions: isolation, encryption, VPC, keys.</summary>
    public const string JobIsolation = "SecureSageMaker-JB1";

    /// <summary>HyperPod clusters: a VPC config.</summary>
    public const string ClusterInVpc = "SecureSageMaker-HP1";

    /// <summary>Feature groups: online and offline stores encrypted with a KMS key.</summary>
    public const string FeatureGroupEncryption = "SecureSageMaker-FG1";

    /// <summary>S3 buckets: SSE-KMS with a key.</summary>
    public const string BucketKmsEncryption = "SecureSageMaker-S31";

    /// <summary>S3 buckets: a bucket policy that denies requests without TLS.</summary>
    public const string BucketTlsOnly = "SecureSageMaker-S32";

    /// <summary>S3 buckets: all four public access blocks.</summary>
    public const string BucketPublicAccess = "SecureSageMaker-S33";

    /// <summary>KMS keys: rotation.</summary>
    public const string KeyRotation = "SecureSageMaker-KM1";

    /// <summary>No internet gateway, NAT, EIP, default route or public-IP subnet.</summary>
    public const string NoInternetPath = "SecureSageMaker-VP1";

    /// <summary>Every VPC in the template: a DNS firewall that blocks every domain not allowed.</summary>
    public const string DnsFirewall = "SecureSageMaker-VP2";

    /// <summary>Security groups: no ingress from anywhere.</summary>
    public const string NoOpenIngress = "SecureSageMaker-SG1";

    /// <summary>Security groups: no all-protocol egress to anywhere.</summary>
    public const string NoOpenEgress = "SecureSageMaker-SG2";

    /// <summary>No Lambda functions or Lambda-backed custom resources.</summary>
    public const string NoLambda = "SecureSageMaker-LB1";

    /// <summary>Log groups: KMS and retention.</summary>
    public const string LogGroupEncryption = "SecureSageMaker-LG1";

    /// <summary>VPC endpoints: a policy, and private DNS for interface endpoints.</summary>
    public const string EndpointPolicy = "SecureSageMaker-EP1";

    /// <summary>Roles under the execution-role path: trusted by SageMaker only.</summary>
    public const string ExecutionRoleTrust = "SecureSageMaker-IM1";

    /// <summary>SageMaker resources in a workspace's stack: that workspace's subnets and security group (made per stack from its workspaces).</summary>
    public const string WorkspacePlacement = "SecureSageMaker-VP3";

    /// <summary>A template from outside the app (a nested stack's, or a macro's rewrite), so nothing in it can be judged (not a template rule).</summary>
    public const string ExternalNestedStack = "SecureSageMaker-NS1";

    /// <summary>A weakening warning was acknowledged without a recorded reason (not a template rule).</summary>
    public const string UnexplainedAcknowledgment = "SecureSageMaker-AK1";

    /// <summary>The id of the "cannot verify" finding of a rule: <c>&lt;rule id&gt;:CannotVerify</c>.</summary>
    public static string CannotVerify(string ruleId) => (ruleId ?? throw new ArgumentNullException(nameof(ruleId), "Give the rule id, such as 'SecureSageMaker-NB1'.")) + ":CannotVerify";
}
