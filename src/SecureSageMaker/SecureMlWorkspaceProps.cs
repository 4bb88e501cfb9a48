using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;

namespace SecureSageMaker;

/// <summary>Props of <see cref="SecureMlWorkspace"/>. Every property is optional; the defaults hold every control.</summary>
public sealed class SecureMlWorkspaceProps
{
    /// <summary>The network: bring a VPC, or shape the new one; interface endpoints, security groups, DNS firewall.</summary>
    /// <remarks><strong>Default</strong>: a new isolated VPC in two zones with the default endpoints and the DNS firewall, flow and query logs encrypted with the logs key.</remarks>
    public PrivateNetworkProps? Network { get; init; }

    /// <summary>The customer-managed keys: bring your own, or set the pending window of the new ones.</summary>
    /// <remarks><strong>Default</strong>: a new data key and a new logs key, rotated and retained.</remarks>
    public WorkspaceKeysProps? Keys { get; init; }

    /// <summary>
    /// ARNs of IAM roles or users exempt from the buckets' network perimeter (administrators). Each names
    /// one account; a wildcard only at the end of a name after a literal prefix (SSO roles).
    /// </summary>
    /// <remarks><strong>Default</strong>: none: data is reachable only through the workspace's S3 endpoint.</remarks>
    public string[]? BreakGlassPrincipalArns { get; init; }

    /// <summary>Buckets the workspace reads input data from, beside its own. They are admitted (read only) by the S3 endpoint policy and readable by the execution roles; each raises warning <see cref="WarningIds.UnverifiedInputBucket"/> since their controls cannot be verified.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public IBucket[]? InputBuckets { get; init; }

    /// <summary>Delete noncurrent object versions in the data and model buckets after this long.</summary>
    /// <remarks><strong>Default</strong>: old versions are kept forever.</remarks>
    public Duration? NoncurrentVersionExpiration { get; init; }

    /// <summary>Replicate the data bucket to a bucket in another region (cross-region copy of the data).</summary>
    /// <remarks><strong>Default</strong>: no replication.</remarks>
    public BucketReplication? DataBucketReplication { get; init; }

    /// <summary>Replicate the model bucket to a bucket in another region.</summary>
    /// <remarks><strong>Default</strong>: no replication.</remarks>
    public BucketReplication? ModelBucketReplication { get; init; }

    /// <summary>S3 Object Lock (governance mode) on the data and model buckets with this default retention. Decide at creation.</summary>
    /// <remarks><strong>Default</strong>: no Object Lock.</remarks>
    public Duration? ObjectLockRetention { get; init; }

    /// <summary>Retention of every log group the workspace and its workloads create; <see cref="PrivateNetworkProps.LogRetention"/> (in <see cref="Network"/>) overrides it for the flow and DNS query logs.</summary>
    /// <remarks><strong>Default</strong>: one year.</remarks>
    public RetentionDays? LogRetention { get; init; }

    /// <summary>
    /// Company CIDRs (IPv4 or IPv6) from which people may create presigned notebook and Studio URLs;
    /// requests through the workspace's SageMaker API endpoint are always admitted. CIDRs that together
    /// cover every address raise warning <see cref="WarningIds.PresignedUrlsFromAnywhere"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: none: presigned URLs only through the workspace's endpoint (from inside the VPC or a network connected to it).</remarks>
    public string[]? PresignedUrlAllowedCidrs { get; init; }

    /// <summary>
    /// A private package mirror (AWS CodeArtifact) so data scientists can pip and npm install without
    /// internet: the domain encrypted with the data key, a repository with the public registries
    /// upstream, its two interface endpoints, read-only access for the workspace's roles, and lifecycle
    /// configurations that point pip and npm at it.
    /// </summary>
    /// <remarks><strong>Default</strong>: no mirror.</remarks>
    public PackageMirrorProps? PackageMirror { get; init; }

    /// <summary>Stop notebook instances and shut down Studio apps idle this long (60 minutes to 365 days, whole minutes).</summary>
    /// <remarks><strong>Default</strong>: never.</remarks>
    public Duration? IdleShutdown { get; init; }

    /// <summary>AWS Config managed rules (no Lambda) that watch the posture after deployment, scoped to the workspace's resource types.</summary>
    /// <remarks><strong>Default</strong>: none (most organizations run AWS Config centrally).</remarks>
    public DetectiveControlsProps? DetectiveControls { get; init; }

    /// <summary>Opt-ins of the guardrail policy: unguarded actions to allow (each raises warning <see cref="WarningIds.UnguardedComputeAllowed"/>).</summary>
    /// <remarks><strong>Default</strong>: none: every action of <see cref="Guardrails.GuardrailStatements.UnguardedActions"/> is denied.</remarks>
    public Guardrails.GuardrailOptions? GuardrailOptions { get; init; }

    /// <summary>Run the synth-time guardrail checker over the workspace's stack. Turning it off raises warning <see cref="WarningIds.GuardrailChecksDisabled"/>.</summary>
    /// <remarks><strong>Default</strong>: true.</remarks>
    public bool? ApplyGuardrailChecks { get; init; }
}
