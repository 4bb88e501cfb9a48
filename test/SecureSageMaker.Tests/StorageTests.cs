using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Newtonsoft.Json.Linq;
using SecureSageMaker.Storage;
using Xunit;
using AssertAnnotations = Amazon.CDK.Assertions.Annotations;

namespace SecureSageMaker.Tests;

public class StorageTests
{
    private static JObject Bucket(Template template, string idPrefix) =>
        TemplateJson.Resources(template, "AWS::S3::Bucket").Single(b => b.Id.StartsWith(idPrefix, StringComparison.Ordinal)).Resource;

    private static List<JObject> PolicyOf(Template template, string bucketIdPrefix) =>
        TemplateJson.Resources(template, "AWS::S3::BucketPolicy")
            .Single(p => ((string)p.Resource["Properties"]!["Bucket"]!["Ref"]!).StartsWith(bucketIdPrefix, StringComparison.Ordinal))
            .Resource["Properties"]!["PolicyDocument"]!["Statement"]!.Children<JObject>().ToList();

    [Theory]
    [InlineData("WorkspaceDataBucket")]
    [InlineData("WorkspaceModelBucket")]
    public void DataBuckets_UseSseKmsWithTheDataKeyAndBucketKeys_WhenEveryDefault(string bucket)
    {
        var properties = Bucket(Examples.Default, bucket)["Properties"]!;
        var rule = properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!;
        Assert.Equal("aws:kms", (string?)rule["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        Assert.StartsWith("WorkspaceKeysDataKey", (string)rule["ServerSideEncryptionByDefault"]!["KMSMasterKeyID"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.True((bool)rule["BucketKeyEnabled"]!);
    }

    [Fact]
    public void EveryBucket_BlocksPublicAccessIsVersionedOwnerEnforcedAndRetained_WhenEveryDefault()
    {
        var buckets = TemplateJson.Resources(Examples.Default, "AWS::S3::Bucket").ToList();
        Assert.Equal(3, buckets.Count);
        foreach (var (_, bucket) in buckets)
        {
            var p = bucket["Properties"]!;
            foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" })
            {
                Assert.True((bool)p["PublicAccessBlockConfiguration"]![setting]!, setting);
            }

            Assert.Equal("Enabled", (string?)p["VersioningConfiguration"]!["Status"]);
            Assert.Equal("BucketOwnerEnforced", (string?)p["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]);
            Assert.Equal("Retain", (string?)bucket["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)bucket["UpdateReplacePolicy"]);
        }
    }

    [Theory]
    [InlineData("WorkspaceDataBucket", "DataBucket/")]
    [InlineData("WorkspaceModelBucket", "ModelBucket/")]
    public void DataBuckets_LogAccessToTheAccessLogsBucket_WhenEveryDefault(string bucket, string prefix)
    {
        var logging = Bucket(Examples.Default, bucket)["Properties"]!["LoggingConfiguration"]!;
        Assert.StartsWith("WorkspaceAccessLogsBucket", (string)logging["DestinationBucketName"]!["Ref"]!, StringComparison.Ordinal);
        Assert.Equal(prefix, (string?)logging["LogFilePrefix"]);
    }

    [Fact]
    public void AccessLogsBucket_UsesSseS3AndAdmitsOnlyLogDeliveryFromTheWorkspaceBuckets_WhenEveryDefault()
    {
        var bucket = Bucket(Examples.Default, "WorkspaceAccessLogsBucket")["Properties"]!;
        Assert.Equal("AES256", (string?)bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        Assert.Null(bucket["LoggingConfiguration"]);
        var delivery = PolicyOf(Examples.Default, "WorkspaceAccessLogsBucket").Single(s => (string?)s["Sid"] == "AllowServerAccessLogDelivery");
        Assert.Equal("logging.s3.amazonaws.com", (string?)delivery["Principal"]!["Service"]);
        Assert.Equal("s3:PutObject", (string?)delivery["Action"]);
        Assert.Equal("AWS::AccountId", (string?)delivery["Condition"]!["StringEquals"]!["aws:SourceAccount"]!["Ref"]);
        Assert.Equal(2, delivery["Condition"]!["ArnLike"]!["aws:SourceArn"]!.Count());
    }

    [Theory]
    [InlineData("WorkspaceAccessLogsBucket")]
    [InlineData("WorkspaceDataBucket")]
    [InlineData("WorkspaceModelBucket")]
    public void EveryBucketPolicy_DeniesPlainHttpAndOldTls_WhenEveryDefault(string bucket)
    {
        var statements = PolicyOf(Examples.Default, bucket);
        Assert.Contains(statements, s => (string?)s["Effect"] == "Deny" && (string?)s["Condition"]?["Bool"]?["aws:SecureTransport"] == "false"
            && (string?)s["Action"] == "s3:*");
        Assert.Contains(statements, s => (string?)s["Effect"] == "Deny" && (double?)s["Condition"]?["NumericLessThan"]?["s3:TlsVersion"] == 1.2);
    }

    [Theory]
    [InlineData("WorkspaceDataBucket")]
    [InlineData("WorkspaceModelBucket")]
    public void DataBucketPolicies_DenyUploadsWithAnotherAlgorithmOrKey_WhenEveryDefault(string bucket)
    {
        var statements = PolicyOf(Examples.Default, bucket);
        var algorithm = statements.Single(s => (string?)s["Sid"] == "DenyOtherEncryptionAlgorithms");
        Assert.Equal("Deny", (string?)algorithm["Effect"]);
        Assert.Equal("s3:PutObject", (string?)algorithm["Action"]);
        Assert.Equal("aws:kms", (string?)algorithm["Condition"]!["StringNotEquals"]!["s3:x-amz-server-side-encryption"]);
        Assert.Equal("false", (string?)algorithm["Condition"]!["Null"]!["s3:x-amz-server-side-encryption"]);

        var key = statements.Single(s => (string?)s["Sid"] == "DenyOtherKmsKeys");
        Assert.Equal("Deny", (string?)key["Effect"]);
        Assert.StartsWith("WorkspaceKeysDataKey", (string)key["Condition"]!["StringNotEquals"]!["s3:x-amz-server-side-encryption-aws-kms-key-id"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
        Assert.Equal("false", (string?)key["Condition"]!["Null"]!["s3:x-amz-server-side-encryption-aws-kms-key-id"]);
    }

    [Theory]
    [InlineData("WorkspaceDataBucket")]
    [InlineData("WorkspaceModelBucket")]
    public void DataBucketPolicies_DenyDataAccessOutsideTheWorkspaceEndpoint_WhenEveryDefault(string bucket)
    {
        var perimeter = PolicyOf(Examples.Default, bucket).Single(s => (string?)s["Sid"] == "DenyDataAccessOutsideWorkspaceNetwork");
        Assert.Equal("Deny", (string?)perimeter["Effect"]);
        Assert.StartsWith("WorkspaceNetworkS3Endpoint", (string)perimeter["Condition"]!["StringNotEquals"]!["aws:SourceVpce"]!["Ref"]!, StringComparison.Ordinal);
        Assert.Equal("false", (string?)perimeter["Condition"]!["BoolIfExists"]!["aws:PrincipalIsAWSService"]);
        Assert.Equal("false", (string?)perimeter["Condition"]!["BoolIfExists"]!["aws:ViaAWSService"]);
        var actions = perimeter["Action"]!.Values<string>().ToList();
        Assert.Contains("s3:GetObject*", actions);
        Assert.Contains("s3:PutObject*", actions);
        Assert.Contains("s3:ListBucket*", actions);
        Assert.DoesNotContain("s3:*", actions);
        Assert.Null(perimeter["Condition"]!["ArnNotLikeIfExists"]);
    }

    [Fact]
    public void DataBucketPolicies_ExemptBreakGlassPrincipals_WhenListed()
    {
        var perimeter = PolicyOf(Examples.Full, "WorkspaceDataBucket").Single(s => (string?)s["Sid"] == "DenyDataAccessOutsideWorkspaceNetwork");
        Assert.Equal(new[] { "arn:aws:iam::111122223333:role/WorkspaceBreakGlass" }, perimeter["Condition"]!["ArnNotLikeIfExists"]!["aws:PrincipalArn"]!.Values<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:iam::123:role/Admin")]
    public void BreakGlassPrincipalArns_Throws_WhenMalformed(string arn)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { BreakGlassPrincipalArns = new[] { arn } }));
        Assert.Contains("BreakGlassPrincipalArns: received '" + arn + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains("IAM role or user ARN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoncurrentVersions_Expire_OnlyWhenAsked()
    {
        var full = Bucket(Examples.Full, "WorkspaceDataBucket")["Properties"]!["LifecycleConfiguration"]!["Rules"]![0]!;
        Assert.Equal(365, (int)full["NoncurrentVersionExpiration"]!["NoncurrentDays"]!);
        Assert.Null(Bucket(Examples.Default, "WorkspaceDataBucket")["Properties"]!["LifecycleConfiguration"]);
    }

    [Fact]
    public void InputBuckets_AreAdmittedByTheS3EndpointWithAWarning_WhenBrought()
    {
        var stack = TestStacks.Create();
        var input = Amazon.CDK.AWS.S3.Bucket.FromBucketName(stack, "Input", "team-input-data");
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { InputBuckets = new[] { input } });
        var template = Template.FromStack(stack);
        var gateway = TemplateJson.Statement(template, "AWS::EC2::VPCEndpoint", "PolicyDocument", "AllowWorkspaceBuckets");
        Assert.Contains("team-input-data", gateway["Resource"]!.ToString(), StringComparison.Ordinal);
        AssertAnnotations.FromStack(stack).HasWarning("/TestStack/Workspace", Match.StringLikeRegexp(WarningIds.UnverifiedInputBucket));
    }

    [Fact]
    public void GrantRead_ScopesBucketAndKeyPermissionsToArns_WhenGranted()
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        var role = new Role(stack, "Reader", new RoleProps { AssumedBy = new ServicePrincipal("sagemaker.amazonaws.com") });
        _ = workspace.GrantRead(role);
        _ = workspace.GrantModelReadWrite(role);
        var statements = TemplateJson.Statements(Template.FromStack(stack), "AWS::IAM::Policy", "PolicyDocument").ToList();
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.NotEqual("\"*\"", s["Resource"]!.ToString(Newtonsoft.Json.Formatting.None)));
        var kms = statements.Where(s => s["Action"]!.ToString().Contains("kms:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(kms);
        Assert.All(kms, s => Assert.Contains("s3.eu-west-1.", s["Condition"]!["StringEquals"]!["kms:ViaService"]!.ToString(), StringComparison.Ordinal));
        var read = statements.First(s => s["Action"]!.ToString().Contains("s3:GetObject", StringComparison.Ordinal));
        Assert.DoesNotContain("s3:PutObject", read["Action"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SecureBucket_Throws_WhenTheEndpointIdIsMalformed()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureBucket(stack, "Bucket", new SecureBucketProps { RequiredVpcEndpointId = "endpoint-1" }));
        Assert.Contains("RequiredVpcEndpointId: received 'endpoint-1'", error.Message, StringComparison.Ordinal);
    }
}
