using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Encryption;
using SecureSageMaker.Guardrails;
using SecureSageMaker.Hosting;
using SecureSageMaker.Identity;
using SecureSageMaker.Internal;
using SecureSageMaker.Network;
using SecureSageMaker.Notebooks;
using SecureSageMaker.Storage;
using SecureSageMaker.Studio;
using SecureSageMaker.Training;

namespace SecureSageMaker;

/// <summary>
/// A locked-down SageMaker environment: a VPC whose only way out is PrivateLink, customer-managed
/// keys for everything at rest, buckets that only answer through the workspace's network, and the
/// places (notebooks, Studio, models, endpoints, training) where data scientists work, each in
/// network isolation. Every default holds every control of the posture.
/// </summary>
public sealed class SecureMlWorkspace : Construct
{
    private readonly RetentionDays _logRetention;
    private readonly HashSet<string> _pulledRepositories = new(StringComparer.Ordinal);
    private Role? _jobRole;
    private readonly List<string> _workloads = new();

    /// <summary>Creates the workspace.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public SecureMlWorkspace(Construct scope, string id, SecureMlWorkspaceProps? props = null)
        : base(scope, Validate(scope, id, props ?? new SecureMlWorkspaceProps()))
    {
        props ??= new SecureMlWorkspaceProps();
        _logRetention = props.LogRetention ?? Defaults.LogRetention;
        PresignedUrlAllowedCidrs = props.PresignedUrlAllowedCidrs ?? Array.Empty<string>();

        Keys = new WorkspaceKeys(this, "Keys", props.DataKey, props.LogsKey, props.KeyPendingWindowDays);
        Network = new PrivateNetwork(this, "Network", NetworkProps(props) with
        {
            FlowLogsKey = Keys.LogsKey,
            FlowLogRetention = _logRetention,
        });

        AccessLogsBucket = new SecureBucket(this, "AccessLogsBucket");
        DataBucket = NewDataBucket("DataBucket", props);
        ModelBucket = NewDataBucket("ModelBucket", props);

        InputBuckets = props.InputBuckets ?? Array.Empty<IBucket>();
        foreach (var bucket in new[] { DataBucket.Bucket, ModelBucket.Bucket }.Concat(InputBuckets))
        {
            Network.AllowS3Bucket(bucket);
        }

        foreach (var bucket in InputBuckets)
        {
            Internal.Weakening.Warn(this, WarningIds.UnverifiedInputBucket, string.Format(CultureInfo.InvariantCulture,
                "Input bucket '{0}' was brought to the workspace: its encryption, public access and policy cannot be verified here. Hold it to the same controls as the workspace's buckets.",
                bucket.Node.Path));
        }

        if (props.CreateSageMakerLogGroups ?? true)
        {
            TrainingLogGroup = EncryptedLogGroup.Create(this, "TrainingJobsLogGroup", Keys.LogsKey, _logRetention, "/aws/sagemaker/TrainingJobs");
            ProcessingLogGroup = EncryptedLogGroup.Create(this, "ProcessingJobsLogGroup", Keys.LogsKey, _logRetention, "/aws/sagemaker/ProcessingJobs");
        }

        GuardrailPolicy = new WorkspaceGuardrailPolicy(this, "GuardrailPolicy", this);
        if (Network.FlowLog.IamRole is { } flowLogRole)
        {
            AttachGuardrails(flowLogRole);
        }

        PresignedUrlPolicy = new PresignedUrlPolicy(this, "PresignedUrlPolicy", props.PresignedUrlAllowedCidrs ?? Array.Empty<string>(),
            Network.InterfaceEndpoints[WorkspaceEndpoint.SageMakerApi].VpcEndpointId);

        const string logTargetReason = "S3 server access logging delivers only to a target bucket encrypted with SSE-S3; this bucket holds access logs, not data.";
        GuardrailChecks.Acknowledge(AccessLogsBucket, "SecureSageMaker-S31", logTargetReason);
        CdkNagSuppressions.Suppress(AccessLogsBucket.Bucket, "AwsSolutions-S1", "This is the server access log bucket of the workspace; logging it into itself would loop.");
        if (props.ApplyGuardrailChecks ?? Defaults.ApplyGuardrailChecks)
        {
            GuardrailChecks.Apply(Stack.Of(this));
        }
        else
        {
            Internal.Weakening.Warn(this, WarningIds.GuardrailChecksDisabled,
                "The synth-time guardrail checker is off for this stack (ApplyGuardrailChecks false): resources added beside the workspace are not checked.");
        }

        Node.AddValidation(new Reporting.PostureReportWriter(this));
    }

    /// <summary>The customer-managed keys.</summary>
    public WorkspaceKeys Keys { get; }

    /// <summary>The private network.</summary>
    public PrivateNetwork Network { get; }

    /// <summary>The bucket that receives the server access logs of the other buckets (SSE-S3, as S3 access logging requires).</summary>
    public SecureBucket AccessLogsBucket { get; }

    /// <summary>The bucket of training and processing input data.</summary>
    public SecureBucket DataBucket { get; }

    /// <summary>The bucket of training output, model artifacts and endpoint data capture.</summary>
    public SecureBucket ModelBucket { get; }

    /// <summary>Buckets brought for input data.</summary>
    public IReadOnlyList<IBucket> InputBuckets { get; }

    /// <summary>The encrypted <c>/aws/sagemaker/TrainingJobs</c> log group, if the workspace created it.</summary>
    public ILogGroup? TrainingLogGroup { get; }

    /// <summary>The encrypted <c>/aws/sagemaker/ProcessingJobs</c> log group, if the workspace created it.</summary>
    public ILogGroup? ProcessingLogGroup { get; }

    /// <summary>The guardrail policy bound to this workspace, attached to every role it creates.</summary>
    public WorkspaceGuardrailPolicy GuardrailPolicy { get; }

    /// <summary>The policy that limits presigned notebook and Studio URLs; attach it to the people's roles, groups and permission sets.</summary>
    public PresignedUrlPolicy PresignedUrlPolicy { get; }

    /// <summary>The execution role of training, processing and models (created on first use): reads data, reads and writes models.</summary>
    public IRole JobRole => _jobRole ??= ExecutionRoleFactory.Create(this, "JobRole", this, ExecutionRoleKind.Job);

    /// <summary>Company CIDRs admitted to create presigned URLs.</summary>
    public IReadOnlyList<string> PresignedUrlAllowedCidrs { get; }

    /// <summary>Labels of the workloads added to the workspace, for the posture report.</summary>
    public IReadOnlyList<string> Workloads => _workloads;

    /// <summary>The VPC.</summary>
    public IVpc Vpc => Network.Vpc;

    /// <summary>The security group of every workload.</summary>
    public ISecurityGroup WorkloadSecurityGroup => Network.WorkloadSecurityGroup;

    /// <summary>Retention of the workspace's log groups.</summary>
    public RetentionDays LogRetention => _logRetention;

    /// <summary>Number of interface endpoints.</summary>
    public int InterfaceEndpointCount => Network.InterfaceEndpointCount;

    /// <summary>Estimated fixed monthly cost of the interface endpoints in USD (see <see cref="PrivateNetwork.EstimatedMonthlyEndpointCostUsd"/>).</summary>
    public double EstimatedMonthlyEndpointCostUsd => Network.EstimatedMonthlyEndpointCostUsd;

    /// <summary>Lets <paramref name="grantee"/> read the data bucket.</summary>
    public Grant GrantRead(IGrantable grantee) => DataBucket.GrantRead(grantee);

    /// <summary>Lets <paramref name="grantee"/> read and write the data bucket.</summary>
    public Grant GrantReadWrite(IGrantable grantee) => DataBucket.GrantReadWrite(grantee);

    /// <summary>Lets <paramref name="grantee"/> read the model bucket.</summary>
    public Grant GrantModelRead(IGrantable grantee) => ModelBucket.GrantRead(grantee);

    /// <summary>Lets <paramref name="grantee"/> read and write the model bucket.</summary>
    public Grant GrantModelReadWrite(IGrantable grantee) => ModelBucket.GrantReadWrite(grantee);

    /// <summary>Adds a locked-down notebook instance.</summary>
    public SecureNotebookInstance AddNotebookInstance(string id, SecureNotebookInstanceProps? props = null) => new(this, id, this, props);

    /// <summary>Adds a VpcOnly Studio domain.</summary>
    public SecureStudioDomain AddStudioDomain(string id, SecureStudioDomainProps props) => new(this, id, this, props);

    /// <summary>Adds a network-isolated model.</summary>
    public IsolatedModel AddModel(string id, IsolatedModelProps props) => new(this, id, this, props);

    /// <summary>Adds an encrypted endpoint serving a model.</summary>
    public EncryptedEndpoint AddEndpoint(string id, EncryptedEndpointProps props) => new(this, id, this, props);

    /// <summary>Adds a training or processing job as a state machine, a pipeline and a published request.</summary>
    public JobWorkflow AddJobWorkflow(string id, JobWorkflowProps props) => new(this, id, this, props);

    /// <summary>Attaches the workspace's guardrail policy to roles, users or groups the user brings.</summary>
    /// <exception cref="ArgumentException">A target is not an IAM role, user or group.</exception>
    public void ApplyGuardrails(params IConstruct[] targets) => GuardrailPolicy.AttachTo(targets);

    /// <summary>Lets the job role pull the image's ECR repository (any account: SageMaker's own images live in AWS accounts).</summary>
    internal void AllowImagePull(string imageUri)
    {
        var arn = ImageUri.RepositoryArn(imageUri);
        if (arn is null || !_pulledRepositories.Add(arn))
        {
            return;
        }

        JobRole.AddToPrincipalPolicy(Statements.Allow(null, new[] { "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability" }, new[] { arn }));
    }

    internal void RegisterWorkload(string label) => _workloads.Add(label);

    internal void AttachGuardrails(IRole role) => GuardrailPolicy.AttachTo(role);

    private SecureBucket NewDataBucket(string id, SecureMlWorkspaceProps props) => new(this, id, new SecureBucketProps
    {
        EncryptionKey = Keys.DataKey,
        AccessLogsBucket = AccessLogsBucket,
        AccessLogsPrefix = id + "/",
        RequiredVpcEndpointId = Network.S3Endpoint.VpcEndpointId,
        BreakGlassPrincipalArns = props.BreakGlassPrincipalArns,
        NoncurrentVersionExpiration = props.NoncurrentVersionExpiration,
    });

    private static PrivateNetworkProps NetworkProps(SecureMlWorkspaceProps props) => new()
    {
        Vpc = props.Vpc,
        VpcCidr = props.VpcCidr,
        AvailabilityZoneCount = props.AvailabilityZoneCount,
        AvailabilityZones = props.AvailabilityZones,
        SubnetCidrMask = props.SubnetCidrMask,
        AdditionalEndpoints = props.AdditionalEndpoints,
        RemovedEndpoints = props.RemovedEndpoints,
        OrganizationId = props.OrganizationId,
        S3PrefixListId = props.S3PrefixListId,
        AllowSelfReferencingTraffic = props.AllowSelfReferencingTraffic,
        AllowEndpointAccessFromVpcCidr = props.AllowEndpointAccessFromVpcCidr,
    };

    private static string Validate(Construct scope, string id, SecureMlWorkspaceProps props)
    {
        var v = new PropsValidator(scope, id);
        WorkspaceKeys.Check(v, scope, props.DataKey, props.LogsKey, props.KeyPendingWindowDays);
        PrivateNetwork.Check(v, scope, NetworkProps(props));
        SecureBucket.Check(v, new SecureBucketProps { BreakGlassPrincipalArns = props.BreakGlassPrincipalArns });

        if (props.LogRetention is { } retention)
        {
            v.Require(Enum.IsDefined(retention), "LogRetention", (int)retention, "Use a RetentionDays value that CloudWatch Logs accepts.");
        }

        foreach (var cidr in props.PresignedUrlAllowedCidrs ?? Array.Empty<string>())
        {
            v.Require(!string.IsNullOrWhiteSpace(cidr), "PresignedUrlAllowedCidrs", cidr, "Remove the empty entry or give a company CIDR such as '203.0.113.0/24'.");
            if (!string.IsNullOrWhiteSpace(cidr))
            {
                v.Cidr(cidr, "PresignedUrlAllowedCidrs");
            }
        }

        if (props.InputBuckets is { } inputs)
        {
            v.Require(inputs.All(b => b is not null), "InputBuckets", "a null entry", "Remove the empty entry.");
        }

        v.Throw();
        return id;
    }
}
