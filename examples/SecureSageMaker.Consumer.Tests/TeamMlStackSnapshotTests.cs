using System.Runtime.CompilerServices;
using Amazon.CDK;
using SecureSageMaker.Testing;
using TeamMl;
using Xunit;

public class TeamMlStackSnapshotTests
{
    [Fact]
    public void Template_MatchesSnapshot()
    {
        var stack = new TeamMlStack(new App(), "TeamMlAccount", new TeamMlStackProps
        {
            Env = new Amazon.CDK.Environment { Account = "111122223333", Region = "eu-west-1" },
            AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
            CompanyCidrs = new[] { "203.0.113.0/24" },
        });

        // Fails on a changed template, and on a stack that `cdk synth` would reject.
        TemplateSnapshot.Verify(stack, Snapshot("TeamMlAccount"));
    }

    private static string Snapshot(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "__snapshots__", name + ".json");
}
