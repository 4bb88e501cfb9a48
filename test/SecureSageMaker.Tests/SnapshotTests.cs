using System.Runtime.CompilerServices;
using SecureSageMaker.Examples;
using SecureSageMaker.Testing;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>
/// One normalised snapshot per example stack, for reviewers: any change to the synthesized
/// CloudFormation shows up as a diff of <c>__snapshots__/</c>. Under <c>CI=true</c> a missing or
/// different snapshot fails; <c>UPDATE_SNAPSHOTS=1</c> rewrites them.
/// </summary>
public class SnapshotTests
{
    [Fact]
    public void DefaultStack_MatchesSnapshot_WhenSynthesized()
    {
        TemplateSnapshot.Verify(Examples.DefaultStack, SnapshotPath(ExampleStacks.DefaultStackName));
    }

    [Fact]
    public void FullStack_MatchesSnapshot_WhenSynthesized()
    {
        TemplateSnapshot.Verify(Examples.FullStack, SnapshotPath(ExampleStacks.FullStackName));
    }

    [Fact]
    public void BroughtVpcAndKeys_MatchSnapshot_WhenSynthesized()
    {
        // GIVEN a VPC of the platform team (isolated subnets in two zones, imported by attributes) and keys brought by ARN
        var stack = TestStacks.Create("SecureMlWorkspaceBrought");
        var vpc = TestStacks.BroughtVpc(stack);
        var dataKey = Amazon.CDK.AWS.KMS.Key.FromKeyArn(stack, "PlatformDataKey", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        // WHEN
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps { Vpc = vpc },
            Keys = new WorkspaceKeysProps { DataKey = dataKey },
        });

        // THEN
        TemplateSnapshot.Verify(stack, SnapshotPath("SecureMlWorkspaceBrought"));
    }

    internal static string SnapshotPath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "__snapshots__", name + ".json");
}
