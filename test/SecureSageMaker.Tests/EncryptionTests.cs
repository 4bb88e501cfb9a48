using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.KMS;
using Newtonsoft.Json.Linq;
using Xunit;
using AssertAnnotations = Amazon.CDK.Assertions.Annotations;

namespace SecureSageMaker.Tests;

public class EncryptionTests
{
    [Fact]
    public void Keys_AreRotatedAndRetained_WhenEveryDefault()
    {
        var template = Examples.Default;
        var keys = TemplateJson.Resources(template, "AWS::KMS::Key").ToList();
        Assert.Equal(2, keys.Count);
        foreach (var (_, key) in keys)
        {
            Assert.True((bool)key["Properties"]!["EnableKeyRotation"]!);
            Assert.Equal(30, (int)key["Properties"]!["PendingWindowInDays"]!);
            Assert.Equal("Retain", (string?)key["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)key["UpdateReplacePolicy"]);
        }
    }

    [Fact]
    public void KeyPolicies_GrantKmsAllOnlyToTheAccountRoot_Always()
    {
        foreach (var (_, key) in TemplateJson.Resources(Examples.Full, "AWS::KMS::Key"))
        {
            var statements = key["Properties"]!["KeyPolicy"]!["Statement"]!.Children<JObject>().ToList();
            var kmsAll = statements.Where(s => s["Action"]!.ToString(Newtonsoft.Json.Formatting.None).Contains("\"kms:*\"", StringComparison.Ordinal)).ToList();
            var root = Assert.Single(kmsAll);
            Assert.Contains(":root", root["Principal"]!["AWS"]!.ToString(Newtonsoft.Json.Formatting.None), StringComparison.Ordinal);
            Assert.All(statements, s => Assert.Equal("Allow", (string?)s["Effect"]));
        }
    }

    [Fact]
    public void LogsKey_AdmitsCloudWatchLogsOfThisAccountOnly_WhenEveryDefault()
    {
        var template = Examples.Default;
        var (_, logsKey) = TemplateJson.Resources(template, "AWS::KMS::Key").Single(k => k.Id.StartsWith("WorkspaceKeysLogsKey", StringComparison.Ordinal));
        var statement = logsKey["Properties"]!["KeyPolicy"]!["Statement"]!.Children<JObject>().Single(s => (string?)s["Sid"] == "AllowCloudWatchLogsOfThisAccount");
        Assert.Contains("logs.", statement["Principal"]!["Service"]!.ToString(Newtonsoft.Json.Formatting.None), StringComparison.Ordinal);
        var context = statement["Condition"]!["ArnLike"]!["kms:EncryptionContext:aws:logs:arn"]!.ToString(Newtonsoft.Json.Formatting.None);
        Assert.Contains("AWS::AccountId", context, StringComparison.Ordinal);
        Assert.Contains(":log-group:*", context, StringComparison.Ordinal);

        var (_, dataKey) = TemplateJson.Resources(template, "AWS::KMS::Key").Single(k => k.Id.StartsWith("WorkspaceKeysDataKey", StringComparison.Ordinal));
        Assert.DoesNotContain("Service", dataKey["Properties"]!["KeyPolicy"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LogGroups_AreEncryptedWithTheLogsKeyRetainedAndExpire_WhenEveryDefault()
    {
        var groups = TemplateJson.Resources(Examples.Default, "AWS::Logs::LogGroup").ToList();
        Assert.Equal(3, groups.Count);
        foreach (var (_, group) in groups)
        {
            Assert.StartsWith("WorkspaceKeysLogsKey", (string)group["Properties"]!["KmsKeyId"]!["Fn::GetAtt"]![0]!, StringComparison.Ordinal);
            Assert.Equal(365, (int)group["Properties"]!["RetentionInDays"]!);
            Assert.Equal("Retain", (string?)group["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)group["UpdateReplacePolicy"]);
        }

        Examples.Default.HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["LogGroupName"] = "/aws/sagemaker/TrainingJobs" });
        Examples.Default.HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["LogGroupName"] = "/aws/sagemaker/ProcessingJobs" });
    }

    [Fact]
    public void SageMakerLogGroups_AreNotCreated_WhenTurnedOff()
    {
        var (workspace, template) = TestStacks.Workspace(new SecureMlWorkspaceProps { CreateSageMakerLogGroups = false, LogRetention = Amazon.CDK.AWS.Logs.RetentionDays.THREE_MONTHS });
        template.ResourceCountIs("AWS::Logs::LogGroup", 1);
        template.HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object> { ["RetentionInDays"] = 90 });
        Assert.Null(workspace.TrainingLogGroup);
    }

    [Fact]
    public void BroughtKeys_AreUsed_WhenGiven()
    {
        var stack = TestStacks.Create();
        var dataKey = Key.FromKeyArn(stack, "Data", "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555");
        var logsKey = Key.FromKeyArn(stack, "Logs", "arn:aws:kms:eu-west-1:111122223333:key/66666666-2222-3333-4444-555555555555");
        var custom = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { DataKey = dataKey, LogsKey = logsKey });
        var customTemplate = Template.FromStack(stack);
        customTemplate.ResourceCountIs("AWS::KMS::Key", 0);
        customTemplate.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["ServerSideEncryptionConfiguration"] = new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["ServerSideEncryptionByDefault"] = new Dictionary<string, object>
                        {
                            ["SSEAlgorithm"] = "aws:kms",
                            ["KMSMasterKeyID"] = "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555",
                        },
                    }),
                },
            }),
        });
        Assert.Same(dataKey, custom.Keys.DataKey);
        AssertAnnotations.FromStack(stack).HasWarning("/TestStack/Workspace/Keys", Match.StringLikeRegexp(WarningIds.ImportedKeyPolicyUnmanaged));
    }

    [Fact]
    public void BroughtKeys_Throw_WhenInAnotherRegionOrTheLogsKeyInAnotherAccount()
    {
        var stack = TestStacks.Create();
        var dataKey = Key.FromKeyArn(stack, "Data", "arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555");
        var logsKey = Key.FromKeyArn(stack, "Logs", "arn:aws:kms:eu-west-1:999999999999:key/66666666-2222-3333-4444-555555555555");
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { DataKey = dataKey, LogsKey = logsKey }));
        Assert.Contains("DataKey: received 'arn:aws:kms:us-east-1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("KMS keys are regional", error.Message, StringComparison.Ordinal);
        Assert.Contains("LogsKey: received 'arn:aws:kms:eu-west-1:999999999999", error.Message, StringComparison.Ordinal);
        Assert.Null(stack.Node.TryFindChild("Workspace"));
    }

    [Fact]
    public void BroughtDataKey_RaisesAWarning_WhenInAnotherAccount()
    {
        var stack = TestStacks.Create();
        var dataKey = Key.FromKeyArn(stack, "Data", "arn:aws:kms:eu-west-1:999999999999:key/11111111-2222-3333-4444-555555555555");
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { DataKey = dataKey });
        AssertAnnotations.FromStack(stack).HasWarning("/TestStack/Workspace/Keys", Match.StringLikeRegexp(WarningIds.ForeignAccountKey));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(31)]
    public void KeyPendingWindow_Throws_WhenOutOfRange(int days)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { KeyPendingWindowDays = days }));
        Assert.Contains("KeyPendingWindowDays: received " + days + ". Use a value from 7 to 30.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogRetention_Throws_WhenCloudWatchDoesNotAcceptIt()
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { LogRetention = (Amazon.CDK.AWS.Logs.RetentionDays)4242 }));
        Assert.Contains("LogRetention: received 4242", error.Message, StringComparison.Ordinal);
    }
}
