using Xunit;

namespace TeamMl.Tests;

public class OfflineSynthTests
{
    [Fact]
    public void FixedEnvironment_SynthesizesWithoutLookups()
    {
        var stack = TeamStacks.Create();

        var assembly = ((Amazon.CDK.App)stack.Node.Root).Synth();

        Assert.Equal(new[] { "eu-west-1a", "eu-west-1b" }, stack.AvailabilityZones);
        Assert.Empty(assembly.Manifest.Missing ?? Array.Empty<Amazon.CDK.CloudAssemblySchema.IMissingContext>());
    }
}
