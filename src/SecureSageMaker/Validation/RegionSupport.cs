using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// Where each feature deploys, from <c>Data/region-support.json</c> (CloudFormation's region resource schemas as
/// cfn-lint 1.51 ships them, checked in CI by <c>tools/lint-regions.py</c>): SageMaker runs in regions where some of
/// its CloudFormation resource types, or CodeArtifact, do not exist. A stack with a fixed region that uses a feature
/// its region lacks fails at synth; an environment-agnostic stack gets a CloudFormation rule on <c>AWS::Region</c>
/// that stops the deploy before the first resource (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html).
/// </summary>
internal static class RegionSupport
{
    private static readonly Lazy<IReadOnlyDictionary<string, (string[] Types, string[] Unsupported)>> Table = new(Load);

    /// <summary>The features and the regions they do not deploy in.</summary>
    public static IReadOnlyDictionary<string, (string[] Types, string[] Unsupported)> Features => Table.Value;

    /// <summary>
    /// Throws when the stack has a fixed region that lacks <paramref name="feature"/>: called in validation, before
    /// anything is added to the tree. <paramref name="option"/> names what turns the feature off.
    /// </summary>
    /// <exception cref="ArgumentException">The stack's region lacks the feature.</exception>
    public static void Check(IConstruct scope, string id, string feature, string option)
    {
        var region = Stack.Of(scope).Region;
        if (Tokens.IsLiteral(region) && Features[feature].Unsupported.Contains(region, StringComparer.Ordinal))
        {
            throw new ArgumentException(scope.Node.Path + "/" + id + ": " + string.Format(CultureInfo.InvariantCulture, Message(feature, option), "region '" + region + "'"));
        }
    }

    /// <summary>For a region decided at deploy time, a CloudFormation rule (one per feature and stack) that stops the deploy where the feature does not exist.</summary>
    public static void Guard(IConstruct scope, string feature, string option)
    {
        var stack = Stack.Of(scope);
        var id = "SecureSageMakerRegion" + feature;
        if (!Tokens.IsLiteral(stack.Region) && stack.Node.TryFindChild(id) is null)
        {
            _ = new CfnRule(stack, id, new CfnRuleProps
            {
                Assertions = new[]
                {
                    new CfnRuleAssertion
                    {
                        Assert = Fn.ConditionNot(Fn.ConditionContains(Features[feature].Unsupported, Aws.REGION)),
                        AssertDescription = string.Format(CultureInfo.InvariantCulture, Message(feature, option), "this region"),
                    },
                },
            });
        }
    }

    private static string Message(string feature, string option) => string.Format(CultureInfo.InvariantCulture,
        "{0} (SecureSageMaker feature {1}) does not deploy in {{0}}: CloudFormation has no {2} there. Deploy to another region or leave out {3}.",
        Describe(feature), feature, string.Join(", ", Features[feature].Types), option);

    private static string Describe(string feature) => feature switch
    {
        "NotebookInstances" => "A notebook instance",
        "Studio" => "A Studio domain",
        "Hosting" => "A model or endpoint",
        "PackageMirror" => "The package mirror (AWS CodeArtifact)",
        _ => feature,
    };

    private static IReadOnlyDictionary<string, (string[], string[])> Load()
    {
        using var stream = typeof(RegionSupport).Assembly.GetManifestResourceStream("SecureSageMaker.Data.region-support.json")
            ?? throw new InvalidOperationException("The region support table is missing from the assembly.");
        var features = JsonNode.Parse(stream)!["features"]!.AsObject();
        return features.ToDictionary(p => p.Key, p => (
            p.Value!["resourceTypes"]!.AsArray().Select(t => (string)t!).ToArray(),
            p.Value!["unsupportedRegions"]!.AsArray().Select(t => (string)t!).ToArray()), StringComparer.Ordinal);
    }
}
