using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Amazon.CDK;

namespace SecureSageMaker.Testing;

/// <summary>
/// Turns a stack into a normalised CloudFormation template (object keys sorted, asset hashes and CDK
/// analytics metadata replaced, no HTML escaping) and compares it with a committed snapshot file. The
/// comparison is on text, so a reviewer reads a change to the snapshot as an ordinary diff. A stack
/// that <c>cdk synth</c> would reject (error annotations, such as guardrail findings) fails first.
/// Calls are serialised: jsii is not thread-safe.
/// </summary>
public static partial class TemplateSnapshot
{
    // One jsii runtime per process: never synthesize from two threads at once.
    private static readonly object Jsii = new();

    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Environment variable that, set to <c>1</c> or <c>true</c>, rewrites every snapshot.</summary>
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    /// <summary>Placeholder written where a 64-hex-digit asset hash stood.</summary>
    public const string AssetHashPlaceholder = "<asset-hash>";

    /// <summary>Synthesizes the stack's app and returns the stack's normalised template.</summary>
    /// <param name="stack">The stack.</param>
    /// <param name="allowErrors">Snapshot a stack with error annotations on purpose (a test of a non-compliant stack).</param>
    /// <exception cref="StackHasErrorsException">The stack has error annotations and <paramref name="allowErrors"/> is false; the message lists them as <c>cdk synth</c> does.</exception>
    public static string Normalize(Stack stack, bool allowErrors = false)
    {
        ArgumentNullException.ThrowIfNull(stack);
        lock (Jsii)
        {
            var stage = Stage.Of(stack) ?? throw new ArgumentException("The stack is not in an app or stage.", nameof(stack));
            var assembly = stage.Synth();
            var artifact = assembly.GetStackArtifact(stack.ArtifactId);
            var errors = artifact.Messages
                .Where(m => m.Level == Amazon.CDK.CXAPI.SynthesisMessageLevel.ERROR)
                .Select(m => "[Error at " + m.Id + "] " + m.Entry.Data)
                .ToList();
            if (errors.Count > 0 && !allowErrors)
            {
                throw new StackHasErrorsException(string.Format(CultureInfo.InvariantCulture,
                    "Stack '{0}' has {1} error(s); cdk synth would fail with:{2}{3}{2}Fix them, or pass allowErrors: true to snapshot a non-compliant stack on purpose.",
                    stack.StackName, errors.Count, System.Environment.NewLine, string.Join(System.Environment.NewLine, errors)));
            }

            return NormalizeTemplateJson(File.ReadAllText(artifact.TemplateFullPath));
        }
    }

    /// <summary>Normalises a template given as JSON text.</summary>
    public static string NormalizeTemplateJson(string templateJson)
    {
        var root = JsonNode.Parse(templateJson) ?? throw new ArgumentException("The template is empty.", nameof(templateJson));
        if (root is JsonObject obj)
        {
            if (obj["Resources"] is JsonObject resources)
            {
                foreach (var name in resources.Where(p => p.Value?["Type"]?.GetValue<string>() == "AWS::CDK::Metadata").Select(p => p.Key).ToList())
                {
                    _ = resources.Remove(name);
                }
            }

            if (obj["Conditions"] is JsonObject conditions)
            {
                _ = conditions.Remove("CDKMetadataAvailable");
                if (conditions.Count == 0)
                {
                    _ = obj.Remove("Conditions");
                }
            }
        }

        var normalized = Canonical(root);
        return normalized!.ToJsonString(Output) + "\n";
    }

    /// <summary>
    /// Compares the stack's normalised template with the snapshot at <paramref name="snapshotPath"/>.
    /// </summary>
    /// <param name="stack">The stack.</param>
    /// <param name="snapshotPath">The snapshot file (committed with the tests).</param>
    /// <param name="mode">What to do; by default <see cref="SnapshotMode.Update"/> when <c>UPDATE_SNAPSHOTS</c> is set, <see cref="SnapshotMode.Verify"/> when <c>CI</c> is set, else <see cref="SnapshotMode.WriteMissing"/>.</param>
    /// <param name="allowErrors">Snapshot a stack with error annotations on purpose.</param>
    /// <exception cref="SnapshotMismatchException">The template differs from the snapshot, or the snapshot is missing under <see cref="SnapshotMode.Verify"/>. The current template is written beside it as <c>.received.json</c>.</exception>
    /// <exception cref="StackHasErrorsException">The stack has error annotations (cdk synth would fail) and <paramref name="allowErrors"/> is false.</exception>
    public static void Verify(Stack stack, string snapshotPath, SnapshotMode? mode = null, bool allowErrors = false)
    {
        VerifyText(Normalize(stack, allowErrors), snapshotPath, mode ?? ModeFromEnvironment());
    }

    /// <summary>Compares normalised template text with a snapshot file.</summary>
    /// <exception cref="SnapshotMismatchException">See <see cref="Verify(Stack, string, SnapshotMode?, bool)"/>.</exception>
    public static void VerifyText(string normalizedTemplate, string snapshotPath, SnapshotMode mode)
    {
        ArgumentNullException.ThrowIfNull(normalizedTemplate);
        ArgumentNullException.ThrowIfNull(snapshotPath);
        var received = Path.ChangeExtension(snapshotPath, ".received.json");
        var exists = File.Exists(snapshotPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(snapshotPath))!;
        if (!exists && mode == SnapshotMode.Verify && !Directory.Exists(folder))
        {
            throw new SnapshotMismatchException(string.Format(CultureInfo.InvariantCulture,
                "Snapshot folder '{0}' does not exist. If the path comes from [CallerFilePath], the test project may be built with ContinuousIntegrationBuild or a PathMap, which rewrite source paths; turn them off for test projects.",
                folder));
        }

        if (mode == SnapshotMode.Update || (!exists && mode == SnapshotMode.WriteMissing))
        {
            _ = Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(snapshotPath))!);
            File.WriteAllText(snapshotPath, normalizedTemplate);
            File.Delete(received);
            return;
        }

        if (!exists)
        {
            File.WriteAllText(received, normalizedTemplate);
            throw new SnapshotMismatchException(string.Format(CultureInfo.InvariantCulture,
                "Snapshot '{0}' is missing. The current template was written to '{1}'; review it, then run the tests with {2}=1 and commit the snapshot.",
                snapshotPath, received, UpdateVariable));
        }

        var expected = File.ReadAllText(snapshotPath).ReplaceLineEndings("\n");
        if (string.Equals(expected, normalizedTemplate, StringComparison.Ordinal))
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, normalizedTemplate);
        throw new SnapshotMismatchException(string.Format(CultureInfo.InvariantCulture,
            "The template differs from snapshot '{0}'. {1}The current template was written to '{2}'. If the change is intended, run the tests with {3}=1 and commit the snapshot; a changed logical id of a bucket, key or log group replaces it in a deployed account.",
            snapshotPath, Describe(expected, normalizedTemplate), received, UpdateVariable));
    }

    /// <summary>The mode the environment asks for.</summary>
    public static SnapshotMode ModeFromEnvironment()
    {
        static bool IsSet(string name) => System.Environment.GetEnvironmentVariable(name) is { } v
            && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));
        return IsSet(UpdateVariable) ? SnapshotMode.Update : IsSet("CI") ? SnapshotMode.Verify : SnapshotMode.WriteMissing;
    }

    private static string Describe(string expected, string actual)
    {
        var before = ResourceIds(expected);
        var after = ResourceIds(actual);
        var sb = new StringBuilder();
        var removed = before.Except(after).ToList();
        var added = after.Except(before).ToList();
        if (removed.Count > 0)
        {
            _ = sb.Append("Resources removed: ").Append(string.Join(", ", removed)).Append(". ");
        }

        if (added.Count > 0)
        {
            _ = sb.Append("Resources added: ").Append(string.Join(", ", added)).Append(". ");
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        _ = sb.Append(CultureInfo.InvariantCulture, $"First difference at line {line + 1}: expected '{(line < e.Length ? e[line].Trim() : "<end>")}', got '{(line < a.Length ? a[line].Trim() : "<end>")}'. ");
        return sb.ToString();
    }

    private static HashSet<string> ResourceIds(string json)
    {
        try
        {
            return (JsonNode.Parse(json)?["Resources"] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>();
        }
        catch (JsonException)
        {
            return new HashSet<string>();
        }
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(AssetHash().Replace(s, AssetHashPlaceholder)),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex AssetHash();
}
