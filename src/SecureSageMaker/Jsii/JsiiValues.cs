using System.Text.Json.Nodes;
using Amazon.CDK;

namespace SecureSageMaker.Jsii;

/// <summary>
/// Values that come back from jsii as untyped objects (Newtonsoft tokens, arrays, dictionaries),
/// turned into System.Text.Json nodes so the rest of the library reads one JSON model.
/// </summary>
internal static class JsiiValues
{
    public static JsonNode? ToJsonNode(object? value) =>
        value is null ? null : JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(value));

    /// <summary>Resolves tokens in <paramref name="value"/> against the stack, in one round trip.</summary>
    public static JsonNode? Resolve(Stack stack, object value) => ToJsonNode(stack.Resolve(value));
}
