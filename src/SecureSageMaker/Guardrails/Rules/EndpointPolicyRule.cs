using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>
/// SecureSageMaker-EP1: VPC endpoints reach only the services of the library's catalog, with a policy
/// that does not allow everyone everything; interface endpoints use private DNS; the S3 gateway
/// endpoint names its buckets.
/// </summary>
internal sealed partial class EndpointPolicyRule : GuardrailRule
{
    public override string Id => RuleIds.EndpointPolicy;

    public override string What => "VPC endpoints reach a service of the catalog (InterfaceEndpointService, or S3 through a gateway), have a PolicyDocument that allows no one everything without a condition, interface endpoints set PrivateDnsEnabled, and the S3 gateway endpoint names its buckets (no wildcard in a bucket name).";

    public override string Why => "An endpoint to another service or account (a third party's PrivateLink service, SQS, DynamoDB), an allow-all policy, or a gateway policy over every bucket is a path for data out of the VPC that needs no internet.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::EC2::VPCEndpoint")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectPresent(resource.Get("PolicyDocument"), "The endpoint has no policy, so it allows everything.");
        var type = resource.Get("VpcEndpointType");
        var service = JsonRead.Text(resource.Get("ServiceName"));
        if (JsonRead.IsIntrinsic(type))
        {
            p.Unverifiable("VpcEndpointType is an intrinsic function.");
        }
        else if (JsonRead.String(type) is "Interface")
        {
            p.ExpectTrue(resource.Get("PrivateDnsEnabled"), "PrivateDnsEnabled", "PrivateDnsEnabled is not true.");
            CheckService(p, service, interfaceEndpoint: true);
        }
        else
        {
            CheckService(p, service, interfaceEndpoint: false);
            if (service is not null && service.EndsWith(".s3", StringComparison.Ordinal))
            {
                CheckBuckets(p, resource.Get("PolicyDocument"), resource.Template);
            }
        }

        CheckAllowAll(p, resource.Get("PolicyDocument"));
        return p.Finding;
    }

    private static void CheckService(Problems p, string? service, bool interfaceEndpoint)
    {
        if (service is null)
        {
            p.Unverifiable("ServiceName is decided outside this template.");
            return;
        }

        var match = ServicePattern().Match(service);
        var name = match.Success ? match.Groups["name"].Value : null;
        var known = name is not null && (interfaceEndpoint
            ? InterfaceEndpointService.Catalog.Any(e => e.Name == name && (match.Groups["prefix"].Value == "aws.sagemaker.") == (name is "notebook" or "studio"))
            : name == "s3" && match.Groups["prefix"].Value == "com.amazonaws.");
        if (!known)
        {
            p.Breach("The endpoint's service '" + service + "' is not in the catalog of the services a workspace needs: it is a private path to another service or account.");
        }
    }

    private static void CheckAllowAll(Problems p, JsonNode? document)
    {
        foreach (var statement in JsonRead.Items(JsonRead.Get(document, "Statement")))
        {
            if (JsonRead.String(JsonRead.Get(statement, "Effect")) == "Allow" && AnyPrincipal(JsonRead.Get(statement, "Principal"))
                && JsonRead.Get(statement, "Condition") is null
                && JsonRead.Items(JsonRead.Get(statement, "Action")).Any(a => JsonRead.String(a) is "*" || (JsonRead.String(a)?.EndsWith(":*", StringComparison.Ordinal) ?? false)))
            {
                p.Breach("A policy statement allows every principal every action of a service with no condition: the endpoint reaches other accounts' resources.");
                return;
            }
        }
    }

    private static void CheckBuckets(Problems p, JsonNode? document, IReadOnlyDictionary<string, ResourceView> template)
    {
        foreach (var statement in JsonRead.Items(JsonRead.Get(document, "Statement")).Where(s => JsonRead.String(JsonRead.Get(s, "Effect")) == "Allow"))
        {
            if (JsonRead.Get(statement, "NotResource") is not null)
            {
                p.Breach("An Allow statement of the S3 gateway endpoint uses NotResource: it admits every bucket but a few.");
                continue;
            }

            foreach (var resource in JsonRead.Items(JsonRead.Get(statement, "Resource")))
            {
                if (JsonRead.Text(resource) is not { } arn)
                {
                    // A bucket of this template is named; a name decided elsewhere (a parameter, an import) could be '*'.
                    if (!NamesTemplateResources(resource, template))
                    {
                        p.Unverifiable("The S3 gateway endpoint allows " + resource?.ToJsonString() + ", a bucket decided outside this template.");
                        continue;
                    }

                    // Literal parts joined to references are still judged: a '*' joined to the partition is a wildcard bucket.
                    // A reference alone (a bucket's Arn) names a bucket of the template.
                    var joined = Flatten(resource);
                    if (joined.Contains(":s3:::", StringComparison.Ordinal) && joined.Split(":s3:::", 2)[1].Split('/')[0].IndexOfAny(new[] { '*', '?' }) >= 0)
                    {
                        p.Breach("The S3 gateway endpoint allows '" + joined + "', a bucket wildcard joined to references: it admits buckets of other accounts.");
                    }

                    continue;
                }

                var bucket = arn == "*" ? "*" : arn.Split(":s3:::", 2) is { Length: 2 } parts ? parts[1].Split('/')[0] : null;
                if (bucket is null || (bucket.IndexOfAny(new[] { '*', '?' }) >= 0 && !bucket.StartsWith(CodeArtifactAssets, StringComparison.Ordinal)))
                {
                    p.Breach("The S3 gateway endpoint allows '" + arn + "': a wildcard in a bucket name admits buckets of other accounts, a way out for data.");
                }
            }
        }
    }

    /// <summary>The package mirror's asset buckets (<c>assets-&lt;account&gt;-&lt;region&gt;</c>), read-only: the one bucket wildcard the library writes.</summary>
    private const string CodeArtifactAssets = "assets-*-";

    /// <summary>The value as text, each reference replaced by <c>{ref}</c> (which holds no wildcard).</summary>
    private static string Flatten(JsonNode? value) => value switch
    {
        JsonObject o when JsonRead.Get(o, "Fn::Join") is JsonArray { Count: 2 } join =>
            string.Join(JsonRead.String(join[0]) ?? string.Empty, JsonRead.Items(join[1]).Select(Flatten)),
        JsonObject => "{ref}",
        _ => JsonRead.String(value) ?? string.Empty,
    };

    /// <summary>Whether every reference in the value is to a resource of the template or a pseudo parameter, and it uses no other function.</summary>
    private static bool NamesTemplateResources(JsonNode? value, IReadOnlyDictionary<string, ResourceView> template) => value switch
    {
        JsonObject o when JsonRead.Get(o, "Ref") is { } r => JsonRead.String(r) is { } id && (id.StartsWith("AWS::", StringComparison.Ordinal) || template.ContainsKey(id)),
        JsonObject o when o.ContainsKey("Fn::GetAtt") => JsonRead.ReferencedId(o) is { } id && template.ContainsKey(id),
        JsonObject o when JsonRead.Get(o, "Fn::Join") is JsonArray { Count: 2 } join => JsonRead.Items(join[1]).All(part => NamesTemplateResources(part, template)),
        JsonObject => false,
        _ => true,
    };

    private static bool AnyPrincipal(JsonNode? principal) =>
        JsonRead.String(principal) == "*" || JsonRead.Items(JsonRead.Get(principal, "AWS")).Any(a => JsonRead.String(a) == "*");

    [GeneratedRegex(@"^(?<prefix>com\.amazonaws\.|aws\.sagemaker\.)(\$\{AWS::Region\}|[a-z]{2}(-[a-z]+)+-\d)\.(?<name>[a-z0-9.-]+)$")]
    private static partial Regex ServicePattern();
}
