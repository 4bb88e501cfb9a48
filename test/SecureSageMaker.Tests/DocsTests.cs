using System.Reflection;
using System.Runtime.CompilerServices;
using SecureSageMaker.Guardrails;
using SecureSageMaker.Network;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>The README is the front door: every option, warning id, rule id, guardrail statement and catalog endpoint is in it.</summary>
public class DocsTests
{
    private static readonly Lazy<string> Readme = new(() => File.ReadAllText(ReadmePath()));

    private static string ReadmePath([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "README.md"));

    public static TheoryData<string> PublicOptions()
    {
        var data = new TheoryData<string>();
        var types = typeof(SecureMlWorkspace).Assembly.GetExportedTypes()
            .Where(t => t.Name.EndsWith("Props", StringComparison.Ordinal) || t.Namespace == "SecureSageMaker.Training" && t.GetConstructors().Length > 0 || t.Name == "JobDefinition");
        foreach (var property in types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).Where(p => p.CanWrite))
        {
            data.Add(property.DeclaringType!.Name + "." + property.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicOptions))]
    public void Readme_DocumentsEveryOption(string option)
    {
        var (type, property) = (option.Split('.')[0], option.Split('.')[1]);
        var section = Readme.Value.IndexOf("#### `" + type + "`", StringComparison.Ordinal);
        Assert.True(section >= 0, "README has no props table for " + type + ".");
        var end = Readme.Value.IndexOf("####", section + 5, StringComparison.Ordinal);
        var table = Readme.Value[section..(end < 0 ? Readme.Value.Length : end)];
        Assert.Contains("| `" + property + "` |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_ListsEveryWarningIdRuleIdStatementAndEndpoint()
    {
        var ids = typeof(WarningIds).GetFields().Select(f => (string)f.GetValue(null)!)
            .Concat(GuardrailRules.All.Select(r => r.Id))
            .Concat(GuardrailStatements.AccountIndependent().Concat(GuardrailStatements.WorkspaceBound(new[] { "s" }, new[] { "g" }, "k")).Select(s => s.Sid))
            .Concat(typeof(WorkspaceEndpoint).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name));
        var missing = ids.Where(id => !Readme.Value.Contains("`" + id + "`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md does not mention: " + string.Join(", ", missing));
    }
}
