using System.Text.RegularExpressions;
using Amazon.CDK;

namespace SecureSageMaker.Internal;

/// <summary>An ECR image URI: <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com[.cn]/&lt;repository&gt;[:tag|@digest]</c>.</summary>
internal static partial class ImageUri
{
    public static bool IsEcr(string uri) => Internal.Tokens.IsUnresolved(uri) || Pattern().IsMatch(uri);

    /// <summary>The repository ARN of an ECR image URI, or null for a token.</summary>
    public static string? RepositoryArn(string uri)
    {
        var m = Pattern().Match(uri);
        if (!m.Success)
        {
            return null;
        }

        var partition = m.Groups["cn"].Success && m.Groups["cn"].Length > 0 ? "aws-cn" : "aws";
        return "arn:" + partition + ":ecr:" + m.Groups["region"].Value + ":" + m.Groups["account"].Value + ":repository/" + m.Groups["repo"].Value;
    }

    [GeneratedRegex("^(?<account>[0-9]{12})\\.dkr\\.ecr(-fips)?\\.(?<region>[a-z0-9-]+)\\.amazonaws\\.com(?<cn>\\.cn)?/(?<repo>[a-z0-9]+(?:[._/-][a-z0-9]+)*)(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})?$")]
    private static partial Regex Pattern();
}
