using System.Text.Json.Nodes;

namespace SecureSageMaker;

/// <summary>
/// The Public Suffix List (<c>Data/public-suffixes.json</c>, generated from the pinned npm <c>psl</c> by
/// <c>tools/generate-public-suffixes.mjs</c>; CI fails when it is stale): names under which anyone can register a
/// domain of their own (<c>com</c>, <c>co.uk</c>, <c>eu.org</c>), and so run the name server that a DNS tunnel needs.
/// </summary>
internal static class PublicSuffixes
{
    private static readonly Lazy<HashSet<string>> Rules = new(() =>
    {
        using var stream = typeof(PublicSuffixes).Assembly.GetManifestResourceStream("SecureSageMaker.Data.public-suffixes.json")
            ?? throw new InvalidOperationException("The Public Suffix List is missing from the assembly.");
        return JsonNode.Parse(stream)!["rules"]!.AsArray().Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);
    });

    /// <summary>Zones AWS itself answers for: no registrant runs a name server under them, whatever the list says of them.</summary>
    private static readonly string[] AwsOperated = { ".amazonaws.com", ".amazonaws.com.cn", ".compute.internal", ".ec2.internal" };

    /// <summary>
    /// Whether <paramref name="name"/> is a public suffix, by the list's rules: listed, or matched by a wildcard rule
    /// (<c>*.ck</c>) and not an exception (<c>!www.ck</c>); a single label (a top-level domain) always is.
    /// </summary>
    public static bool IsPublicSuffix(string name)
    {
        var lower = name.Trim('.').ToLowerInvariant();
        if (!lower.Contains('.', StringComparison.Ordinal))
        {
            return true;
        }

        if (AwsOperated.Any(z => ("." + lower).EndsWith(z, StringComparison.Ordinal)))
        {
            return false;
        }

        var rules = Rules.Value;
        if (rules.Contains(lower))
        {
            return true;
        }

        var parent = lower[(lower.IndexOf('.', StringComparison.Ordinal) + 1)..];
        return rules.Contains("*." + parent) && !rules.Contains("!" + lower);
    }
}
