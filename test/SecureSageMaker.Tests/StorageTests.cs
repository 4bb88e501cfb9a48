using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Xunit;

namespace SecureSageMaker.Tests;

public class StorageTests
{
    private static Cfn Default => Shared.DefaultCfn;

    private static System.Text.Json.Nodes.JsonObject DataBucket => Default.Resource("WorkspaceDataBucket");

    private static System.Text.Json.Nodes.JsonObject DataPolicy => Default.OfType("AWS::S3::BucketPolicy").Single(p => Cfn.Text(p.Resource, "Properties", "Bucket").Contains("WorkspaceDataBucket", StringComparison.Ordinal)).Resource;

    private static System.Text.Json.Nodes.JsonObject DataStatement(string sid) =>
        Cfn.At(DataPolicy, "Properties", "PolicyDocument", "Statement").AsArray().Single(s => (string?)s!["Sid"] == sid)!.AsObject();

    [Fact]
    public void DataBucket_IsKmsEncryptedPrivateVersionedAndRetained_WhenEveryDefault()
    {
        var sse = Cfn.At(DataBucket, "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0);
        Assert.Equal("\"aws:kms\"", Cfn.Text(sse, "ServerSideEncryptionByDefault", "SSEAlgorithm"));
        Assert.Contains("WorkspaceKeysDataKey", Cfn.Text(sse, "ServerSideEncryptionByDefault", "KMSMasterKeyID"), StringComparison.Ordinal);
        Assert.Equal("true", Cfn.Text(sse, "BucketKeyEnabled"));
        foreach (var block in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
        {
            Assert.Equal("true", Cfn.Text(DataBucket, "Properties", "PublicAccessBlockConfiguration", block));
        }

        Assert.Equal("\"Enabled\"", Cfn.Text(DataBucket, "Properties", "VersioningConfiguration", "Status"));
        Assert.Equal("\"BucketOwnerEnforced\"", Cfn.Text(DataBucket, "Properties", "OwnershipControls", "Rules", 0, "ObjectOwnership"));
        Assert.Equal("Retain", (string?)DataBucket["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)DataBucket["UpdateReplacePolicy"]);
    }

    [Fact]
    public void DataBucket_AbortsIncompleteUploads_AndNotifiesEventBridge_WithoutACustomResource()
    {
        Assert.Equal(7, Cfn.Number(DataBucket, "Properties", "LifecycleConfiguration", "Rules", 0, "AbortIncompleteMultipartUpload", "DaysAfterInitiation"));
        Assert.Equal("true", Cfn.Text(DataBucket, "Properties", "NotificationConfiguration", "EventBridgeConfiguration", "EventBridgeEnabled"));
        Assert.Empty(Default.OfType("Custom::S3BucketNotifications"));
        Assert.Empty(Default.OfType("AWS::Lambda::Function"));
    }

    [Fact]
    public void BucketPolicy_DeniesPlainHttpAndOldTls()
    {
        var statements = Cfn.At(DataPolicy, "Properties", "PolicyDocument", "Statement").AsArray();
        Assert.Contains(statements, s => s!.ToJsonString().Contains("\"aws:SecureTransport\":\"false\"", StringComparison.Ordinal) && (string?)s["Effect"] == "Deny");
        Assert.Contains(statements, s => s!.ToJsonString().Contains("s3:TlsVersion", StringComparison.Ordinal) && (string?)s["Effect"] == "Deny");
    }

    [Fact]
    public void BucketPolicy_DeniesUploadsWithAnotherAlgorithmOrKey_IncludingAwsKmsWithoutAKey()
    {
        Assert.Equal("\"aws:kms\"", Cfn.Text(DataStatement("DenyOtherEncryptionAlgorithms"), "Condition", "StringNotEquals", "s3:x-amz-server-side-encryption"));
        var otherKeys = DataStatement("DenyOtherKmsKeys");
        Assert.Contains("WorkspaceKeysDataKey", Cfn.Text(otherKeys, "Condition", "StringNotEquals", "s3:x-amz-server-side-encryption-aws-kms-key-id"), StringComparison.Ordinal);
        Assert.Equal("\"aws:kms\"", Cfn.Text(otherKeys, "Condition", "StringEquals", "s3:x-amz-server-side-encryption"));
    }

    [Fact]
    public void BucketPolicy_DeniesDataAccessOutsideTheWorkspaceNetwork_ExceptThroughSageMaker()
    {
        var perimeter = DataStatement("DenyDataAccessOutsideWorkspaceNetwork");
        Assert.Contains("WorkspaceNetworkS3Endpoint", Cfn.Text(perimeter, "Condition", "StringNotEquals", "aws:SourceVpce"), StringComparison.Ordinal);
        Assert.Equal("\"sagemaker.amazonaws.com\"", Cfn.Text(perimeter, "Condition", "StringNotEqualsIfExists", "aws:CalledViaFirst"));
        Assert.DoesNotContain("aws:PrincipalIsAWSService", perimeter.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("aws:ViaAWSService", perimeter.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BucketPolicy_LetsExecutionRolesReadButNotWriteFromOutside_ForModelArtifactChecks()
    {
        var exempt = Cfn.Text(DataStatement("DenyDataAccessOutsideWorkspaceNetwork"), "Condition", "ArnNotLikeIfExists", "aws:PrincipalArn");
        Assert.Contains(":role/securesagemaker/", exempt, StringComparison.Ordinal);
        var writes = DataStatement("DenyExecutionRoleWritesOutsideWorkspaceNetwork");
        Assert.Contains("s3:PutObject*", Cfn.Text(writes, "Action"), StringComparison.Ordinal);
        Assert.DoesNotContain("s3:GetObject", Cfn.Text(writes, "Action"), StringComparison.Ordinal);
        Assert.Contains(":role/securesagemaker/", Cfn.Text(writes, "Condition", "ArnLike", "aws:PrincipalArn"), StringComparison.Ordinal);
    }

    [Fact]
    public void BreakGlassPrincipals_AreExemptFromThePerimeter_WhenGiven()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { BreakGlassPrincipalArns = new[] { "arn:aws:iam::111122223333:role/Admin" } });

        // THEN
        var cfn = TestStacks.Synth(stack);
        Assert.Contains("arn:aws:iam::111122223333:role/Admin", Cfn.Text(cfn.Statement("AWS::S3::BucketPolicy", "DenyDataAccessOutsideWorkspaceNetwork"), "Condition", "ArnNotLikeIfExists"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/*", "A wildcard at the start of the name")]
    [InlineData("arn:aws:iam::111122223333:user/a*", "A wildcard at the start of the name")]
    [InlineData("arn:aws:iam::111122223333:role/team/*/Admin", "A wildcard in the path")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/Admin/session", "not an STS session ARN")]
    [InlineData("arn:aws:iam::*:role/Admin", "Use an IAM role or user ARN")]
    [InlineData("*", "Use an IAM role or user ARN")]
    [InlineData("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_*", "every IAM Identity Center permission set")]
    [InlineData("arn:aws:iam::111122223333:role/AWSR*", "every IAM Identity Center permission set")]
    [InlineData("arn:aws:iam::111122223333:role/cdk-*", "the CDK bootstrap roles")]
    [InlineData("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com*/x/AWSReservedSSO_Admin_*", "A wildcard in the path")]
    public void BreakGlassPrincipals_AreRejected_WhenTheyWidenThePerimeter(string arn, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { BreakGlassPrincipalArns = new[] { arn } }));
        Assert.Contains("BreakGlassPrincipalArns: received '" + arn + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BreakGlassPrincipals_AcceptAnSsoRolePrefix()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            BreakGlassPrincipalArns = new[] { "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_*" },
        });
        Assert.NotNull(stack);
    }

    [Fact]
    public void AccessLogsBucket_IsSseS3_WritableOnlyByS3Logging_ForTheWorkspacesBuckets()
    {
        var logs = Default.Resource("WorkspaceAccessLogsBucket");
        Assert.Equal("\"AES256\"", Cfn.Text(logs, "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"));
        var delivery = Default.Statement("AWS::S3::BucketPolicy", "AllowServerAccessLogDelivery");
        Assert.Equal("\"logging.s3.amazonaws.com\"", Cfn.Text(delivery, "Principal", "Service"));
        Assert.Equal(2, Cfn.At(delivery, "Condition", "ArnLike", "aws:SourceArn").AsArray().Count);
        Assert.Contains("WorkspaceAccessLogsBucket", Cfn.Text(DataBucket, "Properties", "LoggingConfiguration", "DestinationBucketName"), StringComparison.Ordinal);
        Assert.Contains("s3_bucket_logging_enabled_check", Cfn.Text(logs, "Metadata", "guard"), StringComparison.Ordinal);
    }

    [Fact]
    public void BreakGlassPrincipals_AcceptAnIdentityCenterPermissionSet_InAnyRegion()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            BreakGlassPrincipalArns = new[] { "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_Admin_*" },
        });
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Fact]
    public void Replication_GoesToAnotherRegionOfThisAccount_WithoutAWarning()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            DataBucketReplication = new BucketReplication
            {
                DestinationBucketArn = "arn:aws:s3:::team-ml-data-replica",
                DestinationKeyArn = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
        });

        Assert.Contains("team-ml-data-replica", Cfn.Text(TestStacks.Synth(stack).Resource("WorkspaceDataBucket"), "Properties", "ReplicationConfiguration"), StringComparison.Ordinal);
        Assert.DoesNotContain(TestStacks.Warnings(stack), w => w.Contains(WarningIds.CrossAccountReplication, StringComparison.Ordinal));
    }

    [Fact]
    public void Replication_IsRejected_InTheSameRegion_AndWarns_ToAnotherAccount()
    {
        var sameRegion = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            DataBucketReplication = new BucketReplication
            {
                DestinationBucketArn = "arn:aws:s3:::copy",
                DestinationKeyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
        }));
        Assert.Contains("Replication.DestinationKeyArn: received 'arn:aws:kms:eu-west-1:", sameRegion.Message, StringComparison.Ordinal);

        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps
        {
            DataBucketReplication = new BucketReplication
            {
                DestinationBucketArn = "arn:aws:s3:::elsewhere",
                DestinationKeyArn = "arn:aws:kms:eu-central-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
        });
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.CrossAccountReplication, StringComparison.Ordinal) && w.Contains("999999999999", StringComparison.Ordinal));
    }

    [Fact]
    public void NoncurrentVersions_Expire_WhenAsked()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { NoncurrentVersionExpiration = Duration.Days(90) });
        Assert.Contains("\"NoncurrentDays\":90.0", Cfn.Text(TestStacks.Synth(stack).Resource("WorkspaceDataBucket"), "Properties", "LifecycleConfiguration"), StringComparison.Ordinal);
    }

    [Fact]
    public void NoncurrentVersions_AreRejected_WhenExpiringInUnderADay()
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { NoncurrentVersionExpiration = Duration.Hours(1) }));
        Assert.Contains("NoncurrentVersionExpiration: received '1 hour'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NoncurrentVersionExpiration", 36)]
    [InlineData("ObjectLockRetention", 30)]
    public void Durations_AreRejected_WhenNotWholeDays(string property, int hours)
    {
        var props = property == "ObjectLockRetention"
            ? new SecureBucketProps { ObjectLockRetention = Duration.Hours(hours) }
            : new SecureBucketProps { NoncurrentVersionExpiration = Duration.Hours(hours) };

        var error = Assert.Throws<ArgumentException>(() => new SecureBucket(TestStacks.Create(), "Bucket", props));

        Assert.Contains(property + ": received '" + (hours / 24) + " day", error.Message, StringComparison.Ordinal);
        Assert.Contains("whole days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StandaloneBucket_IsRejected_WithAKeyOfAnotherRegion()
    {
        var stack = TestStacks.Create();
        var key = Amazon.CDK.AWS.KMS.Key.FromKeyArn(stack, "Key", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        var error = Assert.Throws<ArgumentException>(() => new SecureBucket(stack, "Bucket", new SecureBucketProps { EncryptionKey = key }));

        Assert.Contains("EncryptionKey: received 'arn:aws:kms:us-east-1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("region 'eu-west-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StandaloneBucket_HasItsOwnKey_AndWarnsWithoutAPerimeter()
    {
        // GIVEN
        var stack = TestStacks.Create();

        // WHEN
        var bucket = new SecureBucket(stack, "Bucket");

        // THEN
        var cfn = TestStacks.Synth(stack);
        Assert.Contains("BucketKey", Cfn.Text(cfn.Single("AWS::S3::Bucket").Resource, "Properties", "BucketEncryption"), StringComparison.Ordinal);
        Assert.Equal("true", Cfn.Text(cfn.Single("AWS::KMS::Key").Resource, "Properties", "EnableKeyRotation"));
        Assert.NotNull(bucket.EncryptionKey);
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.BucketWithoutNetworkPerimeter, StringComparison.Ordinal));
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Fact]
    public void ServerAccessLogsBucket_IsRejected_WithAKeyOrAPerimeter()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureBucket(stack, "Logs", new SecureBucketProps
        {
            Kind = SecureBucketKind.ServerAccessLogs,
            EncryptionKey = new Amazon.CDK.AWS.KMS.Key(stack, "Key"),
        }));
        Assert.Contains("EncryptionKey: received 'TestStack/Key'. Leave it unset for a server access log bucket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grants_ScopeS3ToThePrefix_AndKmsToS3()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var bucket = new SecureBucket(stack, "Bucket");
        var role = new Role(stack, "Reader", new RoleProps { AssumedBy = new AccountRootPrincipal() });

        // WHEN
        bucket.GrantRead(role, "datasets/");

        // THEN
        var statements = TestStacks.Synth(stack).Statements("AWS::IAM::Policy");
        Assert.Contains(statements, s => Cfn.Text(s, "Resource").Contains("/datasets/*", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.ToJsonString().Contains("\"s3:prefix\"", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.ToJsonString().Contains("kms:ViaService", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => Cfn.Text(s, "Resource") == "\"*\"");
    }
}
