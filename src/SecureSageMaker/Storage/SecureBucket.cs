using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Encryption;
using SecureSageMaker.Internal;

namespace SecureSageMaker.Storage;

/// <summary>
/// An S3 bucket held to the workspace's controls: SSE-KMS with a customer-managed key and bucket keys,
/// all four public-access blocks, bucket-owner-enforced ownership, versioning, retained on delete and
/// replacement, and a policy that denies plain HTTP, uploads with another algorithm or key, and data
/// access from outside the workspace's network.
/// </summary>
public sealed class SecureBucket : Construct
{
    internal static readonly string[] DataActions =
    {
        "s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:ListBucket*", "s3:RestoreObject",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:ReplicateObject",
    };

    private static readonly string[] ReadActions = { "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation" };

    private static readonly string[] WriteActions = { "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:DeleteObject" };

    private readonly Bucket _bucket;
    private readonly List<string> _logSources = new();
    private PolicyStatement? _logDelivery;

    /// <summary>Creates the bucket.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix.</exception>
    public SecureBucket(Construct scope, string id, SecureBucketProps? props = null)
        : base(scope, Validate(scope, id, props ?? new SecureBucketProps()))
    {
        props ??= new SecureBucketProps();
        EncryptionKey = props.EncryptionKey;
        _bucket = new Bucket(this, "Resource", new BucketProps
        {
            Encryption = props.EncryptionKey is null ? BucketEncryption.S3_MANAGED : BucketEncryption.KMS,
            EncryptionKey = props.EncryptionKey,
            BucketKeyEnabled = props.EncryptionKey is not null,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            PublicReadAccess = false,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = true,
            EnforceSSL = true,
            MinimumTLSVersion = 1.2,
            RemovalPolicy = RemovalPolicy.RETAIN,
            AutoDeleteObjects = false,
            LifecycleRules = props.NoncurrentVersionExpiration is null
                ? null
                : new ILifecycleRule[]
                {
                    new LifecycleRule
                    {
                        Id = "ExpireNoncurrentVersions",
                        Enabled = true,
                        NoncurrentVersionExpiration = props.NoncurrentVersionExpiration,
                    },
                },
        });

        if (props.AccessLogsBucket is { } logs)
        {
            var prefix = props.AccessLogsPrefix ?? id + "/";
            ((CfnBucket)_bucket.Node.DefaultChild!).LoggingConfiguration = new CfnBucket.LoggingConfigurationProperty
            {
                DestinationBucketName = logs.BucketName,
                LogFilePrefix = prefix,
            };
            logs.AllowAccessLogsFrom(_bucket);
        }

        if (props.EncryptionKey is { } key)
        {
            DenyOtherEncryption(key);
        }

        if (props.RequiredVpcEndpointId is { } vpce)
        {
            DenyOutsideNetwork(vpce, props.BreakGlassPrincipalArns ?? Array.Empty<string>());
        }
    }

    /// <summary>The bucket.</summary>
    public IBucket Bucket => _bucket;

    /// <summary>The bucket's name.</summary>
    public string BucketName => _bucket.BucketName;

    /// <summary>The bucket's ARN.</summary>
    public string BucketArn => _bucket.BucketArn;

    /// <summary>The SSE-KMS key, or null for an SSE-S3 access-log bucket.</summary>
    public IKey? EncryptionKey { get; }

    /// <summary>Lets <paramref name="grantee"/> list and read objects, and decrypt them through S3.</summary>
    public Grant GrantRead(IGrantable grantee, string objectsKeyPattern = "*") => Grant(grantee, ReadActions, new[] { "kms:Decrypt" }, objectsKeyPattern);

    /// <summary>Lets <paramref name="grantee"/> list, read, write and delete objects, and use the key through S3.</summary>
    public Grant GrantReadWrite(IGrantable grantee, string objectsKeyPattern = "*") =>
        Grant(grantee, ReadActions.Concat(WriteActions).ToArray(), new[] { "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*" }, objectsKeyPattern);

    /// <summary>Lets <paramref name="grantee"/> write objects (no read), and encrypt through S3.</summary>
    public Grant GrantWrite(IGrantable grantee, string objectsKeyPattern = "*") =>
        Grant(grantee, WriteActions, new[] { "kms:Encrypt", "kms:GenerateDataKey*" }, objectsKeyPattern);

    internal void AllowAccessLogsFrom(IBucket source)
    {
        if (_logDelivery is null)
        {
            var stack = Internal.StackInfo.Of(this);
            _logDelivery = Internal.Statements.Allow("AllowServerAccessLogDelivery", new[] { "s3:PutObject" }, new[] { _bucket.ArnForObjects("*") },
                new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                },
                Internal.Statements.Service("logging.s3.amazonaws.com"));
            _ = _bucket.AddToResourcePolicy(_logDelivery);
        }

        // AddCondition replaces the key's value, so the statement always names every source bucket.
        _logSources.Add(source.BucketArn);
        _logDelivery.AddCondition("ArnLike", new Dictionary<string, object> { ["aws:SourceArn"] = _logSources.ToArray() });
    }

    private Grant Grant(IGrantable grantee, string[] s3Actions, string[] kmsActions, string objectsKeyPattern)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        var grant = Amazon.CDK.AWS.IAM.Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = s3Actions,
            ResourceArns = new[] { _bucket.BucketArn, _bucket.ArnForObjects(objectsKeyPattern) },
        });
        if (EncryptionKey is not null)
        {
            _ = grantee.GrantPrincipal.AddToPrincipalPolicy(WorkspaceKey.UseThroughServices(EncryptionKey, kmsActions, "s3"));
        }

        return grant;
    }

    private void DenyOtherEncryption(IKey key)
    {
        var objects = new[] { _bucket.ArnForObjects("*") };
        _ = _bucket.AddToResourcePolicy(Internal.Statements.Deny("DenyOtherEncryptionAlgorithms", new[] { "s3:PutObject" }, objects,
            new Dictionary<string, object>
            {
                ["StringNotEquals"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption"] = "aws:kms" },
                ["Null"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption"] = "false" },
            },
            Internal.Statements.AnyPrincipal));
        _ = _bucket.AddToResourcePolicy(Internal.Statements.Deny("DenyOtherKmsKeys", new[] { "s3:PutObject" }, objects,
            new Dictionary<string, object>
            {
                ["StringNotEquals"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption-aws-kms-key-id"] = key.KeyArn },
                ["Null"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption-aws-kms-key-id"] = "false" },
            },
            Internal.Statements.AnyPrincipal));
    }

    private void DenyOutsideNetwork(string vpceId, string[] breakGlass)
    {
        var conditions = new Dictionary<string, object>
        {
            ["StringNotEquals"] = new Dictionary<string, object> { ["aws:SourceVpce"] = vpceId },
            ["BoolIfExists"] = new Dictionary<string, object>
            {
                ["aws:PrincipalIsAWSService"] = "false",
                ["aws:ViaAWSService"] = "false",
            },
        };
        if (breakGlass.Length > 0)
        {
            conditions["ArnNotLikeIfExists"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = breakGlass };
        }

        _ = _bucket.AddToResourcePolicy(Internal.Statements.Deny("DenyDataAccessOutsideWorkspaceNetwork", DataActions,
            new[] { _bucket.BucketArn, _bucket.ArnForObjects("*") }, conditions, Internal.Statements.AnyPrincipal));
    }

    private static string Validate(Construct scope, string id, SecureBucketProps props)
    {
        var v = new PropsValidator(scope, id);
        Check(v, props);
        v.Throw();
        return id;
    }

    /// <summary>Adds every problem with <paramref name="props"/> to <paramref name="v"/>.</summary>
    internal static void Check(PropsValidator v, SecureBucketProps props)
    {
        foreach (var arn in props.BreakGlassPrincipalArns ?? Array.Empty<string>())
        {
            v.PrincipalArn(arn, "BreakGlassPrincipalArns");
        }

        if (props.RequiredVpcEndpointId is { } vpce && !Internal.Tokens.IsUnresolved(vpce))
        {
            v.Require(System.Text.RegularExpressions.Regex.IsMatch(vpce, "^vpce-[0-9a-f]{8,17}$"), "RequiredVpcEndpointId", vpce,
                "Use a VPC endpoint id such as 'vpce-0123456789abcdef0'.");
        }
    }
}
