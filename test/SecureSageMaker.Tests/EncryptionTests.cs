using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Xunit;

namespace SecureSageMaker.Tests;

public class EncryptionTests
{
    private static Cfn Default => Shared.DefaultCfn;

    [Fact]
    public void Keys_RotateAndAreRetained_WhenEveryDefault()
    {
        var keys = Default.OfType("AWS::KMS::Key");
        Assert.Equal(new[] { "WorkspaceKeysDataKey2DDB8122", "WorkspaceKeysLogsKey5EFE3AA1" }, keys.Select(k => k.Id).OrderBy(i => i));
        Assert.All(keys, k =>
        {
            Assert.Equal("true", Cfn.Text(k.Resource, "Properties", "EnableKeyRotation"));
            Assert.Equal(30, Cfn.Number(k.Resource, "Properties", "PendingWindowInDays"));
            Assert.Equal("Retain", (string?)k.Resource["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)k.Resource["UpdateReplacePolicy"]);
        });
    }

    [Fact]
    public void LogsKey_AdmitsCloudWatchLogs_OnlyForThisAccountsLogGroups()
    {
        var statement = Default.Statement("AWS::KMS::Key", "AllowCloudWatchLogsOfThisAccount", "KeyPolicy");
        Assert.Contains("logs.", Cfn.Text(statement, "Principal", "Service"), StringComparison.Ordinal);
        Assert.Contains("log-group:*", Cfn.Text(statement, "Condition", "ArnLike", "kms:EncryptionContext:aws:logs:arn"), StringComparison.Ordinal);
        Assert.DoesNotContain("AllowCloudWatchLogs", Cfn.Text(Default.Resource("WorkspaceKeysDataKey"), "Properties", "KeyPolicy"), StringComparison.Ordinal);
    }

    [Fact]
    public void ExecutionRoles_UseTheDataKeyOnlyThroughServices_AndGrantsOnlyForAwsResources()
    {
        var kms = Default.Statements("AWS::IAM::Policy").Where(s => s["Action"]!.ToJsonString().Contains("kms:CreateGrant", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(kms);
        Assert.All(kms, s =>
        {
            Assert.Contains("kms:ViaService", Cfn.Text(s, "Condition", "StringEquals"), StringComparison.Ordinal);
            Assert.Equal("\"true\"", Cfn.Text(s, "Condition", "Bool", "kms:GrantIsForAWSResource"));
        });
        Assert.All(Default.Statements("AWS::IAM::Policy").Where(s => s["Action"]!.ToJsonString().Contains("kms:", StringComparison.Ordinal)),
            s => Assert.Contains("kms:ViaService", Cfn.Text(s, "Condition"), StringComparison.Ordinal));
    }

    [Fact]
    public void BroughtKeys_AreUsed_AndWarn_WhenForeignOrUnmanaged()
    {
        // GIVEN
        var stack = TestStacks.Create();
        var data = Key.FromKeyArn(stack, "Data", "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        var logs = Key.FromKeyArn(stack, "Logs", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ac");

        // WHEN
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Keys = new WorkspaceKeysProps { DataKey = data, LogsKey = logs } });

        // THEN
        Assert.Empty(TestStacks.Synth(stack).OfType("AWS::KMS::Key"));
        var warnings = TestStacks.Warnings(stack);
        Assert.Contains(warnings, w => w.Contains(WarningIds.ForeignAccountKey, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains(WarningIds.ImportedKeyPolicyUnmanaged, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", null, "KMS keys are regional")]
    [InlineData(null, "arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab", "CloudWatch Logs needs a key of the log group's own account")]
    [InlineData("arn:aws:kms:eu-west-1:111122223333:alias/data", null, "not an alias")]
    [InlineData("arn:aws:kms:eu-west-1:111122223333:key/not-a-key-id", null, "the key id is a UUID")]
    public void BroughtKeys_AreRejected_WithTheProperty_WhenUnusable(string? dataArn, string? logsArn, string expected)
    {
        var stack = TestStacks.Create();
        var error = Assert.Throws<ArgumentException>(() => new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Keys = new WorkspaceKeysProps
            {
                DataKey = dataArn is null ? null : Key.FromKeyArn(stack, "Data", dataArn),
                LogsKey = logsArn is null ? null : Key.FromKeyArn(stack, "Logs", logsArn),
            },
        }));
        Assert.Contains(dataArn is null ? "LogsKey: received" : "DataKey: received", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PendingWindow_IsRejected_OutsideTheKmsLimits()
    {
        var error = Assert.Throws<ArgumentException>(() => TestStacks.Workspace(new SecureMlWorkspaceProps { Keys = new WorkspaceKeysProps { PendingWindowDays = 3 } }));
        Assert.Contains("PendingWindowDays: received 3. Use a value from 7 to 30", error.Message, StringComparison.Ordinal);
    }
}
