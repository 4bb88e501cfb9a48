using System.Text.Json.Nodes;
using Amazon.CDK;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>
/// CloudFormation cannot replace a resource with a custom name: it creates the new one first, under the same name.
/// Each test synthesizes a workspace twice, with one library-owned input changed, and replays CloudFormation's
/// decision (a changed create-only property, or a reference to a replaced resource, replaces a resource, by the
/// resource schemas in <c>Data/create-only-properties.json</c>): no resource may be replaced under the same name.
/// </summary>
public class ReplacementTests
{
    private static readonly Lazy<JsonObject> Schemas = new(() =>
    {
        using var stream = typeof(ReplacementTests).Assembly.GetManifestResourceStream("CreateOnlyProperties.json")!;
        return JsonNode.Parse(stream)!["types"]!.AsObject();
    });

    private static JsonObject Build(SecureMlWorkspaceProps props)
    {
        var stack = TestStacks.Create();
        var workspace = new SecureMlWorkspace(stack, "Workspace", props);
        _ = workspace.AddNotebookInstance("Notebook");
        _ = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps { DomainName = "studio", UserProfileNames = new[] { "analyst" } });
        return TestStacks.Synth(stack).Json["Resources"]!.AsObject();
    }

    private static JsonNode? At(JsonNode? node, string[] path) => path.Aggregate(node, (n, segment) => n is JsonObject o ? o[segment] : null);

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject o when o["Ref"] is JsonValue r => new[] { (string)r! },
        JsonObject o when o["Fn::GetAtt"] is JsonArray a => new[] { (string)a[0]! },
        JsonObject o => o.SelectMany(p => References(p.Value)),
        JsonArray a => a.SelectMany(References),
        _ => Array.Empty<string>(),
    };

    /// <summary>The resources CloudFormation would replace going from <paramref name="before"/> to <paramref name="after"/>, and those replaced under the same name.</summary>
    internal static (IReadOnlyList<string> Replaced, IReadOnlyList<string> SameName) Replay(JsonObject before, JsonObject after)
    {
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var (id, node) in after)
            {
                var type = (string)node!["Type"]!;
                if (replaced.Contains(id) || before[id] is not JsonObject old || (string)old["Type"]! != type || Schemas.Value[type] is not JsonObject schema)
                {
                    continue;
                }

                var createOnly = schema["createOnly"]!.AsArray().Select(p => ((string)p!).Split('/')).ToList();
                var was = old["Properties"];
                var now = node["Properties"];
                if (createOnly.Any(p => !JsonNode.DeepEquals(At(was, p), At(now, p)) || References(At(now, p)).Any(replaced.Contains)))
                {
                    _ = replaced.Add(id);
                    changed = true;
                }
            }
        }
        while (changed);

        var sameName = replaced.Where(id =>
        {
            var names = Schemas.Value[(string)after[id]!["Type"]!]!["names"]!.AsArray().Select(p => (string)p!);
            return names.Any(n => after[id]!["Properties"]?[n] is { } name && JsonNode.DeepEquals(name, before[id]!["Properties"]?[n]) && !References(name).Any(replaced.Contains));
        }).ToList();
        return (replaced.ToList(), sameName);
    }

    public static TheoryData<string> Changes => new() { "lifecycle script", "mirror sources", "subnets", "idle shutdown off" };

    private static SecureMlWorkspaceProps Props(string? change) => new()
    {
        PackageMirror = new PackageMirrorProps { Sources = change == "mirror sources" ? new[] { PackageSource.PyPi } : null },
        IdleShutdown = change switch { "lifecycle script" => Duration.Hours(3), "idle shutdown off" => null, _ => Duration.Hours(2) },
        Network = change == "subnets" ? new PrivateNetworkProps { VpcCidr = "10.90.0.0/16" } : null,
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void NoResource_IsReplacedUnderTheSameName_WhenALibraryOwnedInputChanges(string change)
    {
        var (replaced, sameName) = Replay(Build(Props(null)), Build(Props(change)));
        Assert.True(sameName.Count == 0, change + " replaces, under the same name: " + string.Join(", ", sameName) + " (replaced: " + string.Join(", ", replaced) + ")");
    }

    [Fact]
    public void Replay_FindsAReplacementUnderTheSameName_WhenANamedResourceChangesACreateOnlyProperty()
    {
        // The replay itself is tested: a named notebook moved to new subnets is replaced under its name.
        JsonObject Named(string cidr)
        {
            var stack = TestStacks.Create();
            var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps { Network = new PrivateNetworkProps { VpcCidr = cidr } });
            _ = workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { NotebookInstanceName = "research" });
            return TestStacks.Synth(stack).Json["Resources"]!.AsObject();
        }

        var (_, sameName) = Replay(Named("10.0.0.0/16"), Named("10.90.0.0/16"));
        Assert.Contains(sameName, id => id.StartsWith("WorkspaceNotebook", StringComparison.Ordinal));
    }
}

/// <summary>A Studio lifecycle configuration's name follows its content: all its properties are create-only.</summary>
public class StudioLifecycleNameTests
{
    [Fact]
    public void StudioLifecycleConfigName_EndsWithTheHashOfItsRenderedContent()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps() });
        var (_, config) = TestStacks.Synth(stack).Single("AWS::SageMaker::StudioLifecycleConfig");
        var content = config["Properties"]!["StudioLifecycleConfigContent"]!.ToJsonString();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)))[..8].ToLowerInvariant();
        var name = (string)config["Properties"]!["StudioLifecycleConfigName"]!;
        Assert.EndsWith("-" + hash, name, StringComparison.Ordinal);
        Assert.StartsWith("securesagemaker-", name, StringComparison.Ordinal);
        Assert.InRange(name.Length, 20, 63);
    }
}

/// <summary>A name of the user's on a resource whose create-only properties the workspace controls raises a documented warning.</summary>
public class NamedResourceWarningTests
{
    [Fact]
    public void NotebookName_RaisesNamedReplaceableResource_AndNoNameRaisesNothing()
    {
        var (stack, workspace) = TestStacks.Workspace();
        _ = workspace.AddNotebookInstance("Named", new SecureNotebookInstanceProps { NotebookInstanceName = "research" });
        _ = workspace.AddNotebookInstance("Unnamed");
        var warnings = TestStacks.Warnings(stack).Where(w => w.Contains(WarningIds.NamedReplaceableResource, StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Contains("NotebookInstanceName 'research'", warnings[0], StringComparison.Ordinal);
    }
}
