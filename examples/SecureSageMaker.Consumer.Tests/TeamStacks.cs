using Amazon.CDK;

namespace TeamMl.Tests;

/// <summary>The team's stack as the app builds it, each in an app of its own.</summary>
internal static class TeamStacks
{
    public static TeamMlStack Create() => new(new App(), "TeamMlAccount", new TeamMlStackProps
    {
        Env = new Amazon.CDK.Environment { Account = "111122223333", Region = "eu-west-1" },
        AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
        CompanyCidrs = new[] { "203.0.113.0/24" },
    });
}
