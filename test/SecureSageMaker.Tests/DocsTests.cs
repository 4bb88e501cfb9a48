using System.Reflection;
using Amazon.CDK;
using Constructs;
using SecureSageMaker.Guardrails;
using ReadmeSnippets;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>
/// The README is the front door: its C# compiles and runs, and it documents every option, warning id,
/// rule id, guardrail statement and catalog endpoint.
/// </summary>
public class DocsTests
{
    private static readonly Lazy<string> ReadmeText = new(() => ReadmeCode.ReadmeText);

    public static TheoryData<string> SettingsTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Documented())
        {
            data.Add(type.Name);
        }

        return data;
    }

    public static TheoryData<int> FragmentNumbers()
    {
        var data = new TheoryData<int>();
        foreach (var fragment in Readme.Fragments)
        {
            data.Add(fragment.Number);
        }

        return data;
    }

    [Fact]
    public void ReadmeCSharpBlocks_AreAllCompiledOrCheckedAgainstAFile()
    {
        var blocks = ReadmeCode.Blocks(ReadmeText.Value);

        Assert.Contains(blocks, b => b.Kind == ReadmeCode.BlockKind.Fragment);
        var unknown = blocks.Where(b => b.Kind == ReadmeCode.BlockKind.Unknown).Select(b => "line " + b.Line + ": ```" + b.Language + " " + b.Info).ToList();
        Assert.True(unknown.Count == 0, "README C# blocks must be ```csharp (a complete file), ```csharp fragment or ```csharp file=<path>: " + string.Join("; ", unknown));
    }

    [Fact]
    public void ReadmeFileBlocks_EqualTheFilesTheyName()
    {
        var blocks = ReadmeCode.Blocks(ReadmeText.Value).Where(b => b.Kind == ReadmeCode.BlockKind.File).ToList();

        Assert.Contains(blocks, b => b.FilePath == "examples/SecureSageMaker.Consumer/Program.cs");
        foreach (var block in blocks)
        {
            var path = Path.Combine(ReadmeCode.Root(), block.FilePath!);
            Assert.True(File.Exists(path), "README line " + block.Line + " names " + block.FilePath + ", which does not exist.");
            var file = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
            Assert.True(file == block.Code.TrimEnd('\n'), "README line " + block.Line + " differs from " + block.FilePath + ": copy the file into the README.");
        }
    }

    [Fact]
    public void ReadmeSnippets_AreWhatTheSnippetsProjectCompiles()
    {
        // GIVEN the files the README's blocks make
        var expected = ReadmeCode.Generated(ReadmeCode.Blocks(ReadmeText.Value));
        var directory = ReadmeCode.GeneratedDirectory;
        var actual = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.cs").ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).Replace("\r\n", "\n", StringComparison.Ordinal), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

        // THEN the snippets project holds exactly them
        var stale = expected.Where(e => !actual.TryGetValue(e.Key, out var text) || text != e.Value).Select(e => e.Key)
            .Concat(actual.Keys.Where(k => !expected.ContainsKey(k))).ToList();
        if (stale.Count > 0 && (System.Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" || System.Environment.GetEnvironmentVariable("CI") != "true"))
        {
            Directory.CreateDirectory(directory);
            foreach (var file in actual.Keys.Where(k => !expected.ContainsKey(k)))
            {
                File.Delete(Path.Combine(directory, file));
            }

            foreach (var (file, text) in expected)
            {
                File.WriteAllText(Path.Combine(directory, file), text);
            }
        }

        Assert.True(stale.Count == 0, "examples/SecureSageMaker.ReadmeSnippets/Generated was out of date with README.md (" + string.Join(", ", stale)
            + "). Outside CI it has been rewritten: build and test again, and commit it.");
    }

    [Theory]
    [MemberData(nameof(FragmentNumbers))]
    public void ReadmeFragment_RunsAndSynthesizesWithoutErrors(int number)
    {
        // GIVEN the fragment with that number, a stack with a fixed environment, and a workspace if it uses one
        var fragment = Readme.Fragments.Single(f => f.Number == number);
        var line = ReadmeCode.Blocks(ReadmeText.Value).Where(b => b.Kind is ReadmeCode.BlockKind.Fragment or ReadmeCode.BlockKind.Complete).ElementAt(number - 1).Line;
        var stack = TestStacks.Create("Readme" + number);
        var app = (App)stack.Node.Root;
        var workspace = fragment.UsesWorkspace ? new SecureMlWorkspace(stack, "Workspace") : null;

        // WHEN it runs
        fragment.Run(app, stack, workspace);

        // THEN every stack it made synthesizes with no error annotation
        _ = app.Synth();
        foreach (var made in app.Node.FindAll().OfType<Stack>().Where(s => s is not NestedStack))
        {
            var errors = TestStacks.Errors(made);
            Assert.True(errors.Count == 0, "README.md line " + line + ": " + string.Join(" | ", errors));
        }
    }

    [Theory]
    [MemberData(nameof(SettingsTypes))]
    public void Readme_DocumentsEverySettingOf(string typeName)
    {
        // GIVEN the type's table: from its heading to the next one
        var type = Documented().Single(t => t.Name == typeName);
        var text = ReadmeText.Value;
        var section = text.IndexOf("#### `" + typeName + "`", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no table for " + typeName + " (a heading #### `" + typeName + "`).");
        var end = text.IndexOf("\n#", section + 5, StringComparison.Ordinal);
        var table = text[section..(end < 0 ? text.Length : end)];

        // THEN it has a row for every property
        var missing = Settable(type).Where(p => !table.Contains("| `" + p.Name + "` |", StringComparison.Ordinal)).Select(p => p.Name).ToList();
        Assert.True(missing.Count == 0, "README's table for " + typeName + " lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void Readme_ListsEveryWarningIdRuleIdStatementAndEndpoint()
    {
        var ids = typeof(WarningIds).GetFields().Select(f => (string)f.GetValue(null)!)
            .Concat(typeof(RuleIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!))
            .Concat(GuardrailStatements.All().Select(s => s.Sid))
            .Concat(GuardrailStatements.All(new WorkspaceBinding(new[] { "subnet-1" }, new[] { "sg-1" }, "arn:aws:kms:eu-west-1:111122223333:key/k")).Select(s => s.Sid))
            .Concat(typeof(InterfaceEndpointService).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name))
            .Distinct();
        var missing = ids.Where(id => !ReadmeText.Value.Contains("`" + id + "`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md does not mention: " + string.Join(", ", missing));
    }

    private static IEnumerable<Type> Documented() => typeof(SecureMlWorkspace).Assembly.GetExportedTypes()
        .Where(t => !t.IsAbstract && !typeof(IConstruct).IsAssignableFrom(t) && !typeof(Exception).IsAssignableFrom(t))
        .Where(t => Settable(t).Any())
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(p => p.SetMethod is { IsPublic: true } && p.Name != "EqualityContract");
}
