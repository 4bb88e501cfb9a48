using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.CDK;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Posture;

/// <summary>What the posture report of a stack is derived from: its final template, the checker's findings and the CDK annotations' state.</summary>
internal sealed class PostureContext
{
    public PostureContext(Stack stack, JsonObject template, IReadOnlyList<ResourceView> resources, bool checksEnabled,
        IReadOnlyList<Finding> findings, IReadOnlyList<WeakeningState> weakenings, IReadOnlyList<AcknowledgmentState> acknowledgments)
    {
        StackName = stack.StackName;
        TemplateFile = stack.TemplateFile;
        Template = template;
        Resources = resources.ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
        ChecksEnabled = checksEnabled;
        Findings = findings;
        Weakenings = weakenings;
        Acknowledgments = acknowledgments;
    }

    /// <summary>The library's version, as the package carries it.</summary>
    public static string LibraryVersion { get; } =
        typeof(PostureContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(PostureContext).Assembly.GetName().Version?.ToString() ?? "unknown";

    public string StackName { get; }

    public string TemplateFile { get; }

    public JsonObject Template { get; }

    public IReadOnlyDictionary<string, ResourceView> Resources { get; }

    public bool ChecksEnabled { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public IReadOnlyList<WeakeningState> Weakenings { get; }

    public IReadOnlyList<AcknowledgmentState> Acknowledgments { get; }

    public ResourceView? Resource(string? logicalId) => logicalId is not null && Resources.TryGetValue(logicalId, out var r) ? r : null;

    public IEnumerable<ResourceView> OfType(string type) => Resources.Values.Where(r => r.Type == type);
}
