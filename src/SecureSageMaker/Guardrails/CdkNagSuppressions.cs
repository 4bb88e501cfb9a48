using Amazon.CDK;
using Constructs;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// Writes cdk-nag's suppression metadata (<c>cdk_nag.rules_to_suppress</c>) on a resource where the
/// workspace deviates from a cdk-nag rule on purpose, so pipelines that run cdk-nag see a justified
/// acknowledgment instead of a failure.
/// </summary>
internal static class CdkNagSuppressions
{
    public const string MetadataKey = "cdk_nag";

    public static void Suppress(IConstruct construct, string ruleId, string reason)
    {
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource;
        if (resource is null)
        {
            return;
        }

        var rules = new List<object>();
        if (resource.GetMetadata(MetadataKey) is IDictionary<string, object> existing
            && existing.TryGetValue("rules_to_suppress", out var list) && list is IEnumerable<object> items)
        {
            rules.AddRange(items);
        }

        rules.Add(new Dictionary<string, object> { ["id"] = ruleId, ["reason"] = reason });
        resource.AddMetadata(MetadataKey, new Dictionary<string, object> { ["rules_to_suppress"] = rules.ToArray() });
    }
}
