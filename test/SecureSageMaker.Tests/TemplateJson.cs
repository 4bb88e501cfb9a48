using Amazon.CDK.Assertions;
using Newtonsoft.Json.Linq;

namespace SecureSageMaker.Tests;

/// <summary>Reads a template as JSON, for the checks the CDK matchers cannot say.</summary>
internal static class TemplateJson
{
    public static JObject Of(Template template) => JObject.FromObject(template.ToJSON());

    public static IEnumerable<(string Id, JObject Resource)> Resources(Template template, string type) =>
        ((JObject)Of(template)["Resources"]!).Properties()
            .Where(p => (string?)p.Value["Type"] == type)
            .Select(p => (p.Name, (JObject)p.Value));

    /// <summary>The statements of every policy document of the given resources, flattened.</summary>
    public static IEnumerable<JObject> Statements(Template template, string type, string documentProperty) =>
        Resources(template, type)
            .SelectMany(r => r.Resource["Properties"]?[documentProperty]?["Statement"]?.Children<JObject>() ?? Enumerable.Empty<JObject>());

    public static JObject Statement(Template template, string type, string documentProperty, string sid) =>
        Statements(template, type, documentProperty).Single(s => (string?)s["Sid"] == sid);
}
