using Amazon.CDK.Assertions;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>
/// Pins the logical ids of every stateful resource in both example stacks. A renamed construct id
/// changes a logical id, and CloudFormation then replaces the resource in a deployed account:
/// a new, empty bucket, a new key that cannot decrypt the old data, a new log group.
/// </summary>
public class StableIdsTests
{
    private static readonly string[] StatefulTypes =
    {
        "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::Logs::LogGroup", "AWS::SageMaker::Domain", "AWS::SageMaker::UserProfile",
    };

    private static readonly string[] DefaultIds =
    {
        "WorkspaceAccessLogsBucketBC220977", "WorkspaceDataBucket87A1AC05", "WorkspaceModelBucket69F3799F",
        "WorkspaceKeysDataKey2DDB8122", "WorkspaceKeysLogsKey5EFE3AA1",
        "WorkspaceNetworkFlowLogGroupF52A8A95", "WorkspaceNetworkDnsFirewallQueryLogGroup594DCE4F",
    };

    private static readonly string[] FullOnlyIds =
    {
        "WorkspaceProcessingStateMachineLogGroup12A1F648", "WorkspaceTrainingStateMachineLogGroup975A6717",
        "WorkspaceStudio5A535362", "WorkspaceStudioUserDataScientist297A1509",
        "WorkspaceDetectiveControlsDeliveryBucketC8BBDA61", "WorkspaceDetectiveControlsDeliveryBucketKey0441013D",
    };

    [Fact]
    public void StatefulLogicalIds_AreStable_InTheDefaultStack() => AssertStable(Examples.Default, DefaultIds);

    [Fact]
    public void StatefulLogicalIds_AreStable_InTheFullStack() => AssertStable(Examples.Full, DefaultIds.Concat(FullOnlyIds).ToArray());

    [Fact]
    public void StatefulLogicalIds_AreStable_InTheHostingStack() =>
        AssertStable(Amazon.CDK.Assertions.Template.FromStack(Examples.HostingStack), new[] { "EndpointLogGroup15F89CA5" });

    private static void AssertStable(Template template, string[] expected)
    {
        var actual = StatefulTypes.SelectMany(t => TemplateJson.Resources(template, t)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(id => !actual.Contains(id)).ToList();
        var added = actual.Where(id => !expected.Contains(id, StringComparer.Ordinal)).ToList();
        Assert.True(missing.Count == 0 && added.Count == 0,
            "Stateful logical ids changed. Missing: [" + string.Join(", ", missing) + "]; new: [" + string.Join(", ", added) + "]. "
            + "In a deployed account CloudFormation would replace each missing resource with a new one: a new empty bucket, a new key that cannot "
            + "decrypt data encrypted under the old one, a new log group. Restore the construct ids, or, if a new resource is intended, add its id here.");
    }
}
