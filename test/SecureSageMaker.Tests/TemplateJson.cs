using Amazon.CDK.Assertions;
using Newtonsoft.Json.Linq;

namespace SecureSageMaker.Tests;

/// <summary>Reads a template's resources by type (the stable-id tests' reader).</summary>
internal static class TemplateJson
{
    public static IEnumerable<(string Id, JObject Resource)> Resources(Template template, string type) =>
        ((JObject)JObject.FromObject(template.ToJSON())["Resources"]!).Properties()
            .Where(p => (string?)p.Value["Type"] == type)
            .Select(p => (p.Name, (JObject)p.Value));
}
