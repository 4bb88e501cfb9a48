using Amazon.CDK;
using Constructs;

namespace SecureSageMaker.Posture;

/// <summary>
/// Which resources (by logical id) each finding acknowledgment covers: the resources at or below its
/// scope. Computed on first need, acknowledgment by acknowledgment, because each costs jsii round trips.
/// </summary>
internal sealed class AcknowledgmentCoverage
{
    private readonly Stack _stack;
    private readonly IReadOnlyList<Acknowledgment> _acknowledgments;
    private readonly Dictionary<Acknowledgment, HashSet<string>> _covered = new();
    private readonly Dictionary<IConstruct, string> _paths = new(ReferenceEqualityComparer.Instance);

    public AcknowledgmentCoverage(Stack stack, IReadOnlyList<Acknowledgment> acknowledgments)
    {
        _stack = stack;
        _acknowledgments = acknowledgments;
    }

    /// <summary>Whether the path <paramref name="scope"/> is <paramref name="path"/> or one of its ancestors.</summary>
    public static bool IsAtOrAbove(string scope, string path) =>
        scope.Length == 0 || path == scope || path.StartsWith(scope + "/", StringComparison.Ordinal);

    /// <summary>The first acknowledgment of <paramref name="id"/> whose scope holds the resource, or null.</summary>
    public Acknowledgment? Covering(string id, string logicalId) =>
        _acknowledgments.Where(a => a.Kind == AcknowledgmentKind.Finding && a.Id == id).FirstOrDefault(a => Covered(a).Contains(logicalId));

    public string PathOf(IConstruct scope)
    {
        if (!_paths.TryGetValue(scope, out var path))
        {
            path = scope.Node.Path;
            _paths[scope] = path;
        }

        return path;
    }

    private HashSet<string> Covered(Acknowledgment acknowledgment)
    {
        if (!_covered.TryGetValue(acknowledgment, out var ids))
        {
            var resources = acknowledgment.Scope is CfnResource single
                ? new[] { single }
                : acknowledgment.Scope.Node.FindAll().OfType<CfnResource>().ToArray();
            ids = ResourceConstructs.LogicalIds(_stack, resources).ToHashSet(StringComparer.Ordinal);
            _covered[acknowledgment] = ids;
        }

        return ids;
    }
}
