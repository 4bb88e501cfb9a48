using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// An S3 bucket held to the workspace's controls. A data bucket (the default): SSE-KMS with a
/// customer-managed key and bucket keys, all four public-access blocks, bucket-owner-enforced
/// ownership, versioning, retained on delete and replacement, incomplete uploads aborted, EventBridge
/// notifications, and a policy that denies plain HTTP and TLS below 1.2, uploads with another
/// algorithm or key, and data access from outside the workspace's network. A server access log bucket
/// (<see cref="SecureBucketKind.ServerAccessLogs"/>) is SSE-S3, as S3 logging requires.
/// </summary>
public sealed class SecureBucket : Construct
{
    internal static readonly string[] DataActions =
    {
        "s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:ListBucket*", "s3:RestoreObject",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:ReplicateObject",
    };

    internal static readonly string[] ReadActions = { "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation" };

    internal static readonly string[] WriteActions = { "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:DeleteObject" };

    private readonly Bucket _bucket;
    private readonly List<string> _logSources = new();
    private PolicyStatement? _logDelivery;

    /// <summary>Creates the bucket.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix.</exception>
    public SecureBucket(Construct scope, string id, SecureBucketProps? props = null)
        : base(scope, Validate(scope, id, props ?? new SecureBucketProps()))
    {
        props ??= new SecureBucketProps();
        Kind = props.Kind ?? SecureBucketKind.Data;
        EncryptionKey = Kind == SecureBucketKind.Data
            ? props.EncryptionKey ?? KeyFactory.Create(this, "Key", "Encrypts the objects of a SageMaker workspace bucket.")
            : null;
        _bucket = CreateBucket(props);
        ConfigureAccessLogging(props, id);
        var replicationRole = props.Replication is { } replication && EncryptionKey is not null ? Replicate(replication) : null;
        Guardrails.Suppressions.NoReplicationOrObjectLock(_bucket, replicationRole is not null, props.ObjectLockRetention is not null);
        if (EncryptionKey is { } key)
        {
            DenyOtherEncryption(key);
        }

        if (Kind == SecureBucketKind.ServerAccessLogs)
        {
            Guardrails.Suppressions.ServerAccessLogTarget(_bucket);
        }
        else if (props.AllowedVpcEndpoint is { } endpoint)
        {
            var readers = (props.ExecutionRoleArnPatterns ?? Array.Empty<string>()).Concat(replicationRole is null ? Array.Empty<string>() : new[] { replicationRole.RoleArn }).ToArray();
            DenyOutsideNetwork(endpoint.VpcEndpointId, props.BreakGlassPrincipalArns ?? Array.Empty<string>(), readers);
        }
        else
        {
            Posture.StackPosture.Warn(this, WarningIds.BucketWithoutNetworkPerimeter,
                "This data bucket has no VPC-endpoint perimeter (AllowedVpcEndpoint): anyone with IAM access reaches its data from any network.");
        }

        // The policy stays with the retained bucket: deleting the stack must not leave the data without its TLS, key and network denies.
        _bucket.Policy?.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    /// <summary>What the bucket holds.</summary>
    public SecureBucketKind Kind { get; }

    /// <summary>The bucket.</summary>
    public IBucket Bucket => _bucket;

    /// <summary>The bucket's name.</summary>
    public string BucketName => _bucket.BucketName;

    /// <summary>The bucket's ARN.</summary>
    public string BucketArn => _bucket.BucketArn;

    /// <summary>The SSE-KMS key, or null for a server access log bucket (SSE-S3).</summary>
    public IKey? EncryptionKey { get; }

    /// <summary>Lets <paramref name="grantee"/> list and read objects under <paramref name="prefix"/>, and decrypt them through S3 only.</summary>
    public void GrantRead(IGrantable grantee, string prefix = "") => BucketGrants.Read(grantee, _bucket, EncryptionKey, prefix);

    /// <summary>Lets <paramref name="grantee"/> list, read, write and delete objects under <paramref name="prefix"/>, and use the key through S3 only.</summary>
    public void GrantReadWrite(IGrantable grantee, string prefix = "") => BucketGrants.ReadWrite(grantee, _bucket, EncryptionKey, prefix);

    /// <summary>Lets <paramref name="grantee"/> write objects under <paramref name="prefix"/> (no read), and encrypt through S3 only.</summary>
    public void GrantWrite(IGrantable grantee, string prefix = "") => BucketGrants.Write(grantee, _bucket, EncryptionKey, prefix);

    private Bucket CreateBucket(SecureBucketProps props)
    {
        var lifecycle = new List<ILifecycleRule>
        {
            new LifecycleRule { Id = "AbortIncompleteMultipartUploads", Enabled = true, AbortIncompleteMultipartUploadAfter = Duration.Days(Defaults.AbortIncompleteMultipartUploadDays) },
        };
        if (props.NoncurrentVersionExpiration is { } expiration)
        {
            lifecycle.Add(new LifecycleRule { Id = "ExpireNoncurrentVersions", Enabled = true, NoncurrentVersionExpiration = expiration });
        }

        var bucket = new Bucket(this, "Resource", new BucketProps
        {
            Encryption = EncryptionKey is null ? BucketEncryption.S3_MANAGED : BucketEncryption.KMS,
            EncryptionKey = EncryptionKey,
            BucketKeyEnabled = EncryptionKey is not null,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            PublicReadAccess = false,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = true,
            EnforceSSL = true,
            MinimumTLSVersion = 1.2,
            RemovalPolicy = RemovalPolicy.RETAIN,
            AutoDeleteObjects = false,
            LifecycleRules = lifecycle.ToArray(),
            ObjectLockEnabled = props.ObjectLockRetention is not null ? true : null,
            ObjectLockDefaultRetention = props.ObjectLockRetention is { } retention ? ObjectLockRetention.Governance(retention) : null,
        });

        // Set on the L1: CDK's EventBridgeEnabled prop deploys a Lambda-backed custom resource.
        ((CfnBucket)bucket.Node.DefaultChild!).NotificationConfiguration = new CfnBucket.NotificationConfigurationProperty
        {
            EventBridgeConfiguration = new CfnBucket.EventBridgeConfigurationProperty { EventBridgeEnabled = true },
        };
        return bucket;
    }

    /// <summary>Replicates every version to the destination, encrypted there with its region's key, through a role S3 assumes.</summary>
    private Role Replicate(BucketReplication replication)
    {
        var stack = Stack.Of(this);
        var destinationAccount = Tokens.IsLiteral(replication.DestinationKeyArn) ? replication.DestinationKeyArn.Split(':').ElementAtOrDefault(4) : null;
        if (destinationAccount is not null && Tokens.IsLiteral(stack.Account) && destinationAccount != stack.Account)
        {
            Posture.StackPosture.Warn(this, WarningIds.CrossAccountReplication, string.Format(System.Globalization.CultureInfo.InvariantCulture,
                "Bucket '{0}' replicates every object to {1}, encrypted with a key of account {2}: copies of the data leave this account and its perimeter. Replicate within the account unless the other one is yours and held to the same controls.",
                Node.Path, replication.DestinationBucketArn, destinationAccount));
        }

        var role = new Role(this, "ReplicationRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("s3.amazonaws.com"),
            Description = "Replicates a SageMaker workspace bucket to its copy in another region.",
        });
        role.AddToPolicy(IamJson.Allow("ReadSource", new[] { "s3:GetReplicationConfiguration", "s3:ListBucket" }, new[] { _bucket.BucketArn }));
        role.AddToPolicy(IamJson.Allow("ReadSourceVersions", new[] { "s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging" }, new[] { _bucket.ArnForObjects("*") }));
        role.AddToPolicy(IamJson.Allow("WriteReplicas", new[] { "s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags" }, new[] { replication.DestinationBucketArn + "/*" }));
        role.AddToPolicy(KeyFactory.UseThroughServices(EncryptionKey!, new[] { "kms:Decrypt" }, "s3"));
        role.AddToPolicy(IamJson.Allow("EncryptReplicas", new[] { "kms:Encrypt", "kms:GenerateDataKey*" }, new[] { replication.DestinationKeyArn }));
        ExecutionRoles.ExplainWildcards(role);
        ((CfnBucket)_bucket.Node.DefaultChild!).ReplicationConfiguration = new CfnBucket.ReplicationConfigurationProperty
        {
            Role = role.RoleArn,
            Rules = new object[]
            {
                new CfnBucket.ReplicationRuleProperty
                {
                    Id = "ReplicateEverythingToTheOtherRegion",
                    Status = "Enabled",
                    Priority = 1,
                    Filter = new CfnBucket.ReplicationRuleFilterProperty { Prefix = string.Empty },
                    DeleteMarkerReplication = new CfnBucket.DeleteMarkerReplicationProperty { Status = "Enabled" },
                    SourceSelectionCriteria = new CfnBucket.SourceSelectionCriteriaProperty
                    {
                        SseKmsEncryptedObjects = new CfnBucket.SseKmsEncryptedObjectsProperty { Status = "Enabled" },
                    },
                    Destination = new CfnBucket.ReplicationDestinationProperty
                    {
                        Bucket = replication.DestinationBucketArn,
                        EncryptionConfiguration = new CfnBucket.EncryptionConfigurationProperty { ReplicaKmsKeyId = replication.DestinationKeyArn },
                    },
                },
            },
        };
        return role;
    }

    private void ConfigureAccessLogging(SecureBucketProps props, string id)
    {
        if (props.ServerAccessLogsBucket is not { } logs)
        {
            return;
        }

        ((CfnBucket)_bucket.Node.DefaultChild!).LoggingConfiguration = new CfnBucket.LoggingConfigurationProperty
        {
            DestinationBucketName = logs.BucketName,
            LogFilePrefix = props.ServerAccessLogsPrefix ?? id + "/",
        };
        logs.AllowAccessLogsFrom(_bucket);
    }

    internal void AllowAccessLogsFrom(IBucket source)
    {
        if (_logDelivery is null)
        {
            _logDelivery = IamJson.Allow("AllowServerAccessLogDelivery", new[] { "s3:PutObject" }, new[] { _bucket.ArnForObjects("*") },
                IamJson.Condition("StringEquals", "aws:SourceAccount", Stack.Of(this).Account),
                IamJson.ServicePrincipal("logging.s3.amazonaws.com"));
            _ = _bucket.AddToResourcePolicy(_logDelivery);
        }

        // AddCondition replaces the key's value, so the statement always names every source bucket.
        _logSources.Add(source.BucketArn);
        _logDelivery.AddCondition("ArnLike", new Dictionary<string, object> { ["aws:SourceArn"] = _logSources.ToArray() });
    }

    private void DenyOtherEncryption(IKey key)
    {
        var objects = new[] { _bucket.ArnForObjects("*") };
        var any = IamJson.AnyPrincipal();
        _ = _bucket.AddToResourcePolicy(IamJson.Deny("DenyOtherEncryptionAlgorithms", new[] { "s3:PutObject" }, objects, new Dictionary<string, object>
        {
            ["StringNotEquals"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption"] = "aws:kms" },
            ["Null"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption"] = "false" },
        }, any));

        // An upload that asks for aws:kms without naming a key would land under the aws/s3 key: deny it too.
        _ = _bucket.AddToResourcePolicy(IamJson.Deny("DenyOtherKmsKeys", new[] { "s3:PutObject" }, objects, new Dictionary<string, object>
        {
            ["StringNotEquals"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption-aws-kms-key-id"] = key.KeyArn },
            ["StringEquals"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption"] = "aws:kms" },
        }, any));
    }

    private void DenyOutsideNetwork(string vpceId, string[] breakGlass, string[] executionRoles)
    {
        var exempt = breakGlass.Concat(executionRoles).ToArray();
        var conditions = new Dictionary<string, object>
        {
            ["StringNotEquals"] = new Dictionary<string, object> { ["aws:SourceVpce"] = vpceId },
            ["StringNotEqualsIfExists"] = new Dictionary<string, object> { ["aws:CalledViaFirst"] = "sagemaker.amazonaws.com" },
        };
        if (exempt.Length > 0)
        {
            conditions["ArnNotLikeIfExists"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = exempt };
        }

        var resources = new[] { _bucket.BucketArn, _bucket.ArnForObjects("*") };
        _ = _bucket.AddToResourcePolicy(IamJson.Deny("DenyDataAccessOutsideWorkspaceNetwork", DataActions, resources, conditions, IamJson.AnyPrincipal()));
        if (executionRoles.Length > 0)
        {
            // The execution roles' exemption is read-only: SageMaker reads a model's artifact from outside the VPC.
            _ = _bucket.AddToResourcePolicy(IamJson.Deny("DenyExecutionRoleWritesOutsideWorkspaceNetwork", DataActions.Where(a => !a.StartsWith("s3:GetObject", StringComparison.Ordinal) && !a.StartsWith("s3:ListBucket", StringComparison.Ordinal)).ToArray(), resources, new Dictionary<string, object>
            {
                ["StringNotEquals"] = new Dictionary<string, object> { ["aws:SourceVpce"] = vpceId },
                ["ArnLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = executionRoles },
            }, IamJson.AnyPrincipal()));
        }
    }

    private static string Validate(Construct scope, string id, SecureBucketProps props)
    {
        var v = new PropsValidator(scope, id);
        Check(v, scope, props);
        v.Throw();
        return id;
    }

    /// <summary>Adds every problem with <paramref name="props"/> to <paramref name="v"/>.</summary>
    internal static void Check(PropsValidator v, IConstruct scope, SecureBucketProps props)
    {
        if (v.NoNullEntries(props.BreakGlassPrincipalArns, "BreakGlassPrincipalArns"))
        {
            foreach (var arn in props.BreakGlassPrincipalArns ?? Array.Empty<string>())
            {
                v.PrincipalArn(arn, "BreakGlassPrincipalArns");
            }
        }

        if (props.Kind == SecureBucketKind.ServerAccessLogs)
        {
            foreach (var (name, value) in new (string, IConstruct?)[] { ("EncryptionKey", props.EncryptionKey), ("AllowedVpcEndpoint", props.AllowedVpcEndpoint), ("ServerAccessLogsBucket", props.ServerAccessLogsBucket) })
            {
                v.Require(value is null, name, value, "Leave it unset for a server access log bucket: S3 delivers access logs only to SSE-S3 targets, through its logging service, and a log bucket does not log into itself.");
            }
        }

        if (props.ServerAccessLogsBucket is { Kind: not SecureBucketKind.ServerAccessLogs })
        {
            v.Fail("ServerAccessLogsBucket", props.ServerAccessLogsBucket.Node.Path, "Pass a SecureBucket of Kind ServerAccessLogs: S3 delivers access logs only to SSE-S3 buckets.");
        }

        v.IdOfKind(props.AllowedVpcEndpoint?.VpcEndpointId, "AllowedVpcEndpoint", "vpce", "an S3 VPC endpoint");
        v.WholeDays(props.NoncurrentVersionExpiration, "NoncurrentVersionExpiration", 1, "S3 counts noncurrent days from 1; leave it unset to keep old versions forever.");
        if (props.EncryptionKey is { } key)
        {
            WorkspaceKeys.CheckKeyArn(v, "EncryptionKey", key.KeyArn);
            WorkspaceKeys.CheckKeyRegion(v, "EncryptionKey", key, Stack.Of(scope));
        }

        if (props.Replication is { } replication)
        {
            v.Require(props.Kind != SecureBucketKind.ServerAccessLogs, "Replication", "a replication", "Replicate data buckets only: access logs stay in their region.");
            v.Require(Tokens.IsUnresolved(replication.DestinationBucketArn) || ((replication.DestinationBucketArn ?? string.Empty).StartsWith("arn:aws", StringComparison.Ordinal) && replication.DestinationBucketArn!.Contains(":s3:::", StringComparison.Ordinal)),
                "Replication.DestinationBucketArn", replication.DestinationBucketArn, "Give the destination bucket's ARN, such as 'arn:aws:s3:::my-replica-bucket'.");
            _ = v.Present(replication.DestinationKeyArn, "Replication.DestinationKeyArn", "Give the ARN of a KMS key in the destination's region.");
            if (Tokens.IsLiteral(replication.DestinationKeyArn))
            {
                WorkspaceKeys.CheckKeyArn(v, "Replication.DestinationKeyArn", replication.DestinationKeyArn);
                var region = replication.DestinationKeyArn!.Split(':').ElementAtOrDefault(3);
                var stackRegion = Stack.Of(scope).Region;
                v.Require(!Tokens.IsLiteral(stackRegion) || region != stackRegion, "Replication.DestinationKeyArn", replication.DestinationKeyArn,
                    "Replicate to another region (a copy in the same region adds nothing that versioning and retention do not, and is a way out of the perimeter).");
            }
        }

        v.WholeDays(props.ObjectLockRetention, "ObjectLockRetention", 1, "Object Lock retains objects for whole days.");
    }
}
