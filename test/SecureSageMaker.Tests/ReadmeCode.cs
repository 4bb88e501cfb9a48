using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace SecureSageMaker.Tests;

/// <summary>
/// The README's C# blocks and what each must be: <c>```csharp file=path</c> equals that repository
/// file; <c>```csharp fragment</c> is statements that become a method of the snippets project (given
/// <c>app</c>, <c>stack</c> and <c>workspace</c> unless it declares them); a plain <c>```csharp</c> block is a
/// complete file compiled as is.
/// </summary>
internal static partial class ReadmeCode
{
    public static string Root([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));

    public static string GeneratedDirectory => Path.Combine(Root(), "examples", "SecureSageMaker.ReadmeSnippets", "Generated");

    public static string ReadmeText => File.ReadAllText(Path.Combine(Root(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    public static IReadOnlyList<Block> Blocks(string readme)
    {
        var blocks = new List<Block>();
        var lines = readme.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success)
            {
                continue;
            }

            var start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].TrimEnd() != "```"; i++)
            {
                body.Add(lines[i]);
            }

            blocks.Add(new Block(start + 1, open.Groups["lang"].Value, open.Groups["info"].Value.Trim(), string.Join('\n', body)));
        }

        return blocks;
    }

    /// <summary>The files the snippets project's Generated folder must hold, by file name.</summary>
    public static IReadOnlyDictionary<string, string> Generated(IReadOnlyList<Block> blocks)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var index = new StringBuilder();
        var n = 0;
        foreach (var block in blocks.Where(b => b.Kind is BlockKind.Fragment or BlockKind.Complete))
        {
            n++;
            var name = (block.Kind == BlockKind.Fragment ? "Fragment" : "Complete") + n.ToString("D2", CultureInfo.InvariantCulture);
            var header = "// README.md, C# block " + n.ToString(CultureInfo.InvariantCulture) + ", written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.\n";
            if (block.Kind == BlockKind.Complete)
            {
                files[name + ".cs"] = header + block.Code + "\n";
                continue;
            }

            var (usings, statements) = SplitUsings(block.Code);
            var declared = Declared().Matches(statements).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
            string Param(string param) => declared.Contains(param) ? "_" + param : param;
            var usesWorkspace = !declared.Contains("workspace") && Regex.IsMatch(statements, @"\bworkspace\b");
            var text = new StringBuilder(header);
            foreach (var u in usings)
            {
                text.Append(u).Append('\n');
            }

            text.Append("\nnamespace ReadmeSnippets;\n\npublic static partial class Readme\n{\n")
                .Append("    public static void ").Append(name).Append("(Amazon.CDK.App ").Append(Param("app")).Append(", Amazon.CDK.Stack ").Append(Param("stack"))
                .Append(", SecureSageMaker.SecureMlWorkspace ").Append(Param("workspace")).Append(")\n    {\n");
            foreach (var line in statements.Split('\n'))
            {
                text.Append(line.Length == 0 ? string.Empty : "        " + line).Append('\n');
            }

            text.Append("    }\n}\n");
            files[name + ".cs"] = text.ToString();
            index.Append("        new(").Append(n.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(usesWorkspace ? "true" : "false")
                .Append(", (app, stack, workspace) => ").Append(name).Append("(app, stack, workspace!)),\n");
        }

        files["Readme.cs"] = "// Written by DocsTests from README.md: the fragments, in order.\n\nnamespace ReadmeSnippets;\n\npublic static partial class Readme\n{\n"
            + "    public static IReadOnlyList<ReadmeFragment> Fragments { get; } = new ReadmeFragment[]\n    {\n" + index + "    };\n}\n";
        return files;
    }

    private static (List<string> Usings, string Statements) SplitUsings(string code)
    {
        var lines = code.Split('\n').ToList();
        var usings = new List<string>();
        while (lines.Count > 0 && (lines[0].StartsWith("using ", StringComparison.Ordinal) || lines[0].Length == 0))
        {
            if (lines[0].Length > 0)
            {
                usings.Add(lines[0]);
            }

            lines.RemoveAt(0);
        }

        return (usings, string.Join('\n', lines));
    }

    [GeneratedRegex(@"^```(?<lang>csharp|cs|c#|C#)\b(?<info>.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"\b(?:var|[A-Z][A-Za-z0-9_.<>]*)\s+(?<name>app|stack|workspace)\s*=")]
    private static partial Regex Declared();

    internal enum BlockKind
    {
        Complete,
        Fragment,
        File,
        Unknown,
    }

    internal sealed record Block(int Line, string Language, string Info, string Code)
    {
        public BlockKind Kind => Language != "csharp" ? BlockKind.Unknown
            : Info.Length == 0 ? BlockKind.Complete
            : Info == "fragment" ? BlockKind.Fragment
            : Info.StartsWith("file=", StringComparison.Ordinal) ? BlockKind.File
            : BlockKind.Unknown;

        public string? FilePath => Kind == BlockKind.File ? Info["file=".Length..] : null;
    }
}
