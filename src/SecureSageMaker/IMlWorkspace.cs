using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace SecureSageMaker;

/// <summary>
/// What a workload (notebook, Studio domain, model, endpoint, job workflow) needs from a workspace:
/// its network, keys, buckets, guardrail policy and job role, and a way to ask for an interface
/// endpoint. <see cref="SecureMlWorkspace"/> implements it; <see cref="SecureMlWorkspace.FromWorkspaceAttributes"/>
/// gives one for a workspace built elsewhere (another stack or app), so workloads can live apart from it.
/// </summary>
public interface IMlWorkspace : IConstruct
{
    /// <summary>The workspace's VPC.</summary>
    IVpc Vpc { get; }

    /// <summary>The subnets workloads run in.</summary>
    SubnetSelection WorkloadSubnets { get; }

    /// <summary>The security group every workload runs with.</summary>
    ISecurityGroup WorkloadSecurityGroup { get; }

    /// <summary>The key of data at rest: buckets, volumes, job output, endpoints.</summary>
    IKey DataKey { get; }

    /// <summary>The key of log groups.</summary>
    IKey LogsKey { get; }

    /// <summary>The bucket of training and processing input data.</summary>
    IBucket DataBucket { get; }

    /// <summary>The bucket of job output, model artifacts and endpoint data capture.</summary>
    IBucket ModelBucket { get; }

    /// <summary>Buckets brought for input data (read only), beside the workspace's own.</summary>
    IReadOnlyList<IBucket> InputBuckets { get; }

    /// <summary>The managed policies of Deny guardrails every role of the workspace carries (the statements split by size).</summary>
    IReadOnlyList<IManagedPolicy> GuardrailPolicies { get; }

    /// <summary>The execution role that SDK-started jobs and models run with (people's roles may pass it to SageMaker).</summary>
    IRole JobRole { get; }

    /// <summary>The IAM path of the workspace's execution roles; the buckets let roles under it read model artifacts from SageMaker's side.</summary>
    string ExecutionRolePath { get; }

    /// <summary>Whether workloads in the workload security group may reach each other on every port (distributed jobs need it).</summary>
    bool AllowsTrafficBetweenWorkloads { get; }

    /// <summary>The workspace's own lifecycle configurations (package mirror, idle shutdown), or null when it has none.</summary>
    WorkspaceLifecycle? Lifecycle { get; }

    /// <summary>Retention of the log groups of the workspace and its workloads.</summary>
    RetentionDays LogRetention { get; }

    /// <summary>
    /// Makes sure the workspace's VPC has an interface endpoint for the service (and its DNS names in
    /// the DNS firewall's allow-list), adding it when the workspace owns the network.
    /// </summary>
    /// <exception cref="ArgumentException">The workspace cannot add it (removed on purpose, or a workspace imported without it).</exception>
    void EnsureInterfaceEndpoint(InterfaceEndpointService service);
}
