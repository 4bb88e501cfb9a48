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

    internal static string SnapshotPath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "__snapshots__", name + ".json");
}
