using Amazon.CDK;
using Amazon.CDK.Assertions;
using SecureSageMaker.Examples;
using Xunit;

namespace SecureSageMaker.Tests;

public class MultiAccountTests
{
    private static App AppWith(object accounts) => new(new AppProps
    {
        Context = new Dictionary<string, object> { [AccountTargets.AccountsKey] = accounts },
    });

    [Fact]
    public void ExampleApp_StampsOneWorkspacePerConfiguredAccount_FromContext()
    {
        // GIVEN
        var app = AppWith(new object[]
        {
            new Dictionary<string, object> { ["account"] = "111111111111", ["region"] = "eu-west-1", ["availabilityZones"] = new[] { "eu-west-1a", "eu-west-1b" } },
            new Dictionary<string, object> { ["account"] = "222222222222", ["region"] = "us-east-1", ["availabilityZones"] = new[] { "us-east-1a", "us-east-1b", "us-east-1c" } },
        });

        // WHEN
        var stacks = ExampleStacks.AddAccounts(app, AccountTargets.Read(app), TestStacks.Synthesizer());

        // THEN
        Assert.Equal(new[] { "SecureMlWorkspace-111111111111-eu-west-1", "SecureMlWorkspace-222222222222-us-east-1" }, stacks.Select(s => s.StackName));
        Assert.Equal("222222222222", stacks[1].Account);
        var template = Template.FromStack(stacks[1]);
        template.ResourceCountIs("AWS::EC2::Subnet", 3);
        template.HasResourceProperties("AWS::EC2::VPCEndpoint", new Dictionary<string, object> { ["ServiceName"] = "com.amazonaws.us-east-1.sts" });
    }

    [Fact]
    public void AccountTargets_AreEmpty_WhenTheContextHasNone()
    {
        Assert.Empty(AccountTargets.Read(new App()));
    }

    [Theory]
    [InlineData("1111", "eu-west-1", "eu-west-1a", "account: received '1111'")]
    [InlineData("111111111111", "Ireland", "eu-west-1a", "region: received 'Ireland'")]
    [InlineData("111111111111", "eu-west-1", "us-east-1a", "availabilityZones: received")]
    public void AccountTargets_Throw_WhenAnEntryIsMalformed(string account, string region, string zone, string expected)
    {
        var app = AppWith(new object[]
        {
            new Dictionary<string, object> { ["account"] = account, ["region"] = region, ["availabilityZones"] = new[] { zone, zone } },
        });
        var error = Assert.Throws<ArgumentException>(() => AccountTargets.Read(app));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
