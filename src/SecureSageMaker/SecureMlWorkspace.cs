using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Encryption;
using SecureSageMaker.Internal;
using SecureSageMaker.Network;
using SecureSageMaker.Storage;

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

    /// <summary>Creates the workspace.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public SecureMlWorkspace(Construct scope, string id, SecureMlWorkspaceProps? props = null)
        : base(scope, Validate(scope, id, props ?? new SecureMlWorkspaceProps()))
    {
        props ??= new SecureMlWorkspaceProps();
        _logRetention = props.LogRetention ?? Defaults.LogRetention;

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
            Annotations.Of(this).AddWarningV2(WarningIds.UnverifiedInputBucket, string.Format(CultureInfo.InvariantCulture,
                "Input bucket '{0}' was brought to the workspace: its encryption, public access and policy cannot be verified here. Hold it to the same controls as the workspace's buckets.",
                bucket.Node.Path));
        }

        if (props.CreateSageMakerLogGroups ?? true)
        {
            TrainingLogGroup = EncryptedLogGroup.Create(this, "TrainingJobsLogGroup", Keys.LogsKey, _logRetention, "/aws/sagemaker/TrainingJobs");
            ProcessingLogGroup = EncryptedLogGroup.Create(this, "ProcessingJobsLogGroup", Keys.LogsKey, _logRetention, "/aws/sagemaker/ProcessingJobs");
        }
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
        foreach (var arn in props.BreakGlassPrincipalArns ?? Array.Empty<string>())
        {
            v.PrincipalArn(arn, "BreakGlassPrincipalArns");
        }

        if (props.LogRetention is { } retention)
        {
            v.Require(Enum.IsDefined(retention), "LogRetention", (int)retention, "Use a RetentionDays value that CloudWatch Logs accepts.");
        }

        if (props.InputBuckets is { } inputs)
        {
            v.Require(inputs.All(b => b is not null), "InputBuckets", "a null entry", "Remove the empty entry.");
        }

        v.Throw();
        return id;
    }
}
