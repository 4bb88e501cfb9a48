using System.Text.Json.Nodes;
using Amazon.CDK;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// The ECR registry account of AWS Deep Learning Containers per region, from AWS's own table
/// (<c>Data/dlc-accounts.json</c>, with its source): CDK 2.160's region facts lack several regions where
/// SageMaker runs, and a stack whose region is decided at deploy time then fails with "Unable to get mapping".
/// </summary>
internal static class DeepLearningContainers
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Table = new(() =>
    {
        using var stream = typeof(DeepLearningContainers).Assembly.GetManifestResourceStream("SecureSageMaker.Data.dlc-accounts.json")
            ?? throw new InvalidOperationException("The Deep Learning Containers account table is missing from the assembly.");
        return JsonNode.Parse(stream)!["accounts"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
    });

    /// <summary>Every region with a registry account.</summary>
    public static IReadOnlyDictionary<string, string> Accounts => Table.Value;

    /// <summary>
    /// The registry account of the stack's region: a literal for a fixed region (null where AWS publishes none), else
    /// a lookup in one mapping per stack that names every region of the table.
    /// </summary>
    public static string? Account(IConstruct scope)
    {
        var stack = Stack.Of(scope);
        if (Tokens.IsLiteral(stack.Region))
        {
            return Accounts.TryGetValue(stack.Region, out var account) ? account : null;
        }

        const string id = "SecureSageMakerDlcAccounts";
        var mapping = stack.Node.TryFindChild(id) as CfnMapping ?? new CfnMapping(stack, id, new CfnMappingProps
        {
            Mapping = Accounts.ToDictionary(p => p.Key, p => (IDictionary<string, object>)new Dictionary<string, object> { ["account"] = p.Value }),
        });
        return mapping.FindInMap(Aws.REGION, "account");
    }
}
