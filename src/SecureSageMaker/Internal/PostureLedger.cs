using System.Runtime.CompilerServices;
using Constructs;

namespace SecureSageMaker.Internal;

/// <summary>
/// What an app weakened and acknowledged, kept on the .NET side per construct tree (keyed by its root)
/// so the checker and the posture report need not walk the tree's metadata through jsii.
/// </summary>
internal sealed class PostureLedger
{
    private static readonly ConditionalWeakTable<object, PostureLedger> Ledgers = new();

    public List<(IConstruct Scope, string Id, string Message)> Weakenings { get; } = new();

    public List<(IConstruct Scope, string RuleId, string Reason)> Acknowledgments { get; } = new();

    public static PostureLedger Of(IConstruct scope) => Ledgers.GetValue(scope.Node.Root, _ => new PostureLedger());
}
