using Amazon.CDK;

namespace SecureSageMaker.Posture;

/// <summary>Maps CloudFormation logical ids back to the constructs that render them, in one batched resolve.</summary>
internal static class ResourceConstructs
{
    public static Dictionary<string, CfnResource> ByLogicalId(Stack stack)
    {
        var resources = stack.Node.FindAll().OfType<CfnResource>().Where(r => ReferenceEquals(Stack.Of(r), stack)).ToArray();
        var ids = LogicalIds(stack, resources);
        var map = new Dictionary<string, CfnResource>(StringComparer.Ordinal);
        for (var i = 0; i < resources.Length; i++)
        {
            map.TryAdd(ids[i], resources[i]);
        }

        return map;
    }

    public static string[] LogicalIds(Stack stack, IReadOnlyList<CfnResource> resources)
    {
        if (resources.Count == 0)
        {
            return Array.Empty<string>();
        }

        var resolved = Jsii.JsiiValues.Resolve(stack, resources.Select(r => (object)r.LogicalId).ToArray()) as System.Text.Json.Nodes.JsonArray;
        return resolved?.Select(v => v?.GetValue<string>() ?? string.Empty).ToArray() ?? new string[resources.Count];
    }
}
