using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;

namespace SecureSageMaker;

/// <summary>
/// A workspace built elsewhere, described for <see cref="SecureMlWorkspace.FromWorkspaceAttributes"/>:
/// its network, keys, buckets, guardrail policy and job role, and the interface endpoints its VPC has.
/// </summary>
public sealed class MlWorkspaceAttributes
{
    /// <summary>The workspace's VPC (with its CIDR, for Studio's NFS rule).</summary>
    public required IVpc Vpc { get; init; }

    /// <summary>The subnets workloads run in.</summary>
    public required SubnetSelection WorkloadSubnets { get; init; }

    /// <summary>The workload security group.</summary>
    public required ISecurityGroup WorkloadSecurityGroup { get; init; }

    /// <summary>The data key.</summary>
    public required IKey DataKey { get; init; }

    /// <summary>The logs key.</summary>
    public required IKey LogsKey { get; init; }

    /// <summary>The data bucket.</summary>
    public required IBucket DataBucket { get; init; }

    /// <summary>The model bucket.</summary>
    public required IBucket ModelBucket { get; init; }

    /// <summary>The input buckets.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public IBucket[]? InputBuckets { get; init; }

    /// <summary>The guardrail policies.</summary>
    public required IManagedPolicy[] GuardrailPolicies { get; init; }

    /// <summary>The job role.</summary>
    public required IRole JobRole { get; init; }

    /// <summary>The IAM path of the workspace's execution roles (<see cref="IMlWorkspace.ExecutionRolePath"/>).</summary>
    public required string ExecutionRolePath { get; init; }

    /// <summary>The interface endpoints the workspace's VPC has.</summary>
    public required InterfaceEndpointService[] InterfaceEndpoints { get; init; }

    /// <summary>Whether the workload security group admits all traffic from itself (<see cref="PrivateNetworkProps.AllowSelfReferencingTraffic"/>).</summary>
    /// <remarks><strong>Default</strong>: false.</remarks>
    public bool? AllowsTrafficBetweenWorkloads { get; init; }

    /// <summary>Retention of the workloads' log groups.</summary>
    /// <remarks><strong>Default</strong>: one year.</remarks>
    public RetentionDays? LogRetention { get; init; }
}
