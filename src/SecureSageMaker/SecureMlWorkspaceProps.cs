using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using SecureSageMaker.Network;

namespace SecureSageMaker;

/// <summary>Props of <see cref="SecureMlWorkspace"/>. Every property is optional; the defaults hold every control.</summary>
public sealed class SecureMlWorkspaceProps
{
    // Network

    /// <summary>A VPC to use instead of a new one. It must have private or isolated subnets in at least two AZs.</summary>
    /// <remarks><strong>Default</strong>: a new VPC with isolated subnets only, no internet gateway and no NAT gateway.</remarks>
    public IVpc? Vpc { get; init; }

    /// <summary>CIDR block of a new VPC (IPv4, /16 to /24).</summary>
    /// <remarks><strong>Default</strong>: <c>10.42.0.0/16</c>.</remarks>
    public string? VpcCidr { get; init; }

    /// <summary>How many availability zones a new VPC spans (2 or more).</summary>
    /// <remarks><strong>Default</strong>: 2.</remarks>
    public int? AvailabilityZoneCount { get; init; }

    /// <summary>The availability zones of a new VPC, by name.</summary>
    /// <remarks><strong>Default</strong>: the first <see cref="AvailabilityZoneCount"/> zones of the region.</remarks>
    public string[]? AvailabilityZones { get; init; }

    /// <summary>Prefix length of each isolated subnet of a new VPC.</summary>
    /// <remarks><strong>Default</strong>: 22.</remarks>
    public int? SubnetCidrMask { get; init; }

    /// <summary>Interface endpoints added beyond the mandatory, default and feature ones.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public WorkspaceEndpoint[]? AdditionalEndpoints { get; init; }

    /// <summary>Default endpoints to leave out; each raises warning <see cref="WarningIds.OptionalEndpointRemoved"/>.</summary>
    /// <remarks><strong>Default</strong>: none removed.</remarks>
    public WorkspaceEndpoint[]? RemovedEndpoints { get; init; }

    /// <summary>An AWS Organizations id: endpoint policies admit the organization's principals and resources instead of this account's only.</summary>
    /// <remarks><strong>Default</strong>: this account only.</remarks>
    public string? OrganizationId { get; init; }

    /// <summary>Id of the region's S3 managed prefix list, to name it in the workload security group's S3 egress.</summary>
    /// <remarks><strong>Default</strong>: TCP 443 egress to any address, which only the S3 gateway endpoint can answer.</remarks>
    public string? S3PrefixListId { get; init; }

    /// <summary>Let workloads reach each other on all ports (distributed training); raises warning <see cref="WarningIds.SelfReferencingTraffic"/>.</summary>
    /// <remarks><strong>Default</strong>: false.</remarks>
    public bool? AllowSelfReferencingTraffic { get; init; }

    /// <summary>Admit TCP 443 to the interface endpoints from the whole VPC CIDR; raises warning <see cref="WarningIds.EndpointOpenToVpcCidr"/>.</summary>
    /// <remarks><strong>Default</strong>: false.</remarks>
    public bool? AllowEndpointAccessFromVpcCidr { get; init; }

    // Encryption

    /// <summary>Key for data at rest (buckets, volumes, endpoints), instead of a new one. Must be in the stack's region.</summary>
    /// <remarks><strong>Default</strong>: a new customer-managed key with rotation, retained.</remarks>
    public IKey? DataKey { get; init; }

    /// <summary>Key for log groups, instead of a new one. Must be in the stack's account and region, and admit CloudWatch Logs.</summary>
    /// <remarks><strong>Default</strong>: a new customer-managed key with rotation, retained, that admits CloudWatch Logs for this account's log groups.</remarks>
    public IKey? LogsKey { get; init; }

    /// <summary>Days a scheduled deletion of a new key waits (7 to 30).</summary>
    /// <remarks><strong>Default</strong>: 30.</remarks>
    public int? KeyPendingWindowDays { get; init; }

    // Storage

    /// <summary>IAM role or user ARNs exempt from the buckets' network perimeter (administrators).</summary>
    /// <remarks><strong>Default</strong>: none: data is reachable only through the workspace's S3 endpoint.</remarks>
    public string[]? BreakGlassPrincipalArns { get; init; }

    /// <summary>Buckets the workspace reads input data from, beside its own. They are admitted by the S3 endpoint policy and granted read to the execution roles; each raises warning <see cref="WarningIds.UnverifiedInputBucket"/> since their encryption cannot be verified.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public IBucket[]? InputBuckets { get; init; }

    /// <summary>Delete noncurrent object versions in the data and model buckets after this long.</summary>
    /// <remarks><strong>Default</strong>: old versions are kept forever.</remarks>
    public Duration? NoncurrentVersionExpiration { get; init; }

    /// <summary>Retention of every log group the workspace creates.</summary>
    /// <remarks><strong>Default</strong>: one year.</remarks>
    public RetentionDays? LogRetention { get; init; }

    /// <summary>Create the account-wide SageMaker log groups (<c>/aws/sagemaker/TrainingJobs</c>, <c>/aws/sagemaker/ProcessingJobs</c>) encrypted with the logs key. Turn off when another stack of the account already owns them.</summary>
    /// <remarks><strong>Default</strong>: true.</remarks>
    public bool? CreateSageMakerLogGroups { get; init; }

    // Workloads and guardrails

    /// <summary>Company CIDRs (IPv4) from which people may create presigned notebook and Studio URLs; requests through the workspace's SageMaker API endpoint are always admitted.</summary>
    /// <remarks><strong>Default</strong>: none: presigned URLs only through the workspace's endpoint (from inside the VPC or a network connected to it).</remarks>
    public string[]? PresignedUrlAllowedCidrs { get; init; }

    /// <summary>Run the synth-time guardrail checker over the workspace's stack. Turning it off raises warning <see cref="WarningIds.GuardrailChecksDisabled"/>.</summary>
    /// <remarks><strong>Default</strong>: true.</remarks>
    public bool? ApplyGuardrailChecks { get; init; }
}
