using Amazon.CDK;
using Constructs;

namespace SecureSageMaker.Internal;

/// <summary>
/// A stack's account, region, partition and URL suffix, read once. Each read through jsii is a round
/// trip (about 0.4 ms); the values (literals or token strings) do not change.
/// </summary>
internal sealed record StackInfo(Stack Stack, string Account, string Region, string Partition, string UrlSuffix)
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Stack, StackInfo> Cache = new();

    public static StackInfo Of(IConstruct scope)
    {
        var stack = Stack.Of(scope);
        return Cache.GetValue(stack, s => new StackInfo(s, s.Account, s.Region, s.Partition, s.UrlSuffix));
    }
}
