using System.Text.Json.Nodes;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Posture;

/// <summary>A principal a managed policy is attached to, as the template shows it.</summary>
internal sealed record Attachment(string Name, string Kind, bool IsPerson);

/// <summary>One egress rule of a security group, as the template shows it.</summary>
internal sealed record EgressRule(string Protocol, string Ports, string Destination, bool ToAnywhere);

/// <summary>Facts the posture report reads off the template: attachments, egress rules, policy conditions.</summary>
internal static class TemplateFacts
{
    public static IReadOnlyList<Attachment> AttachmentsOf(PostureContext context, string? policyId)
    {
        var policy = context.Resource(policyId);
        if (policy is null)
        {
            return Array.Empty<Attachment>();
        }

        var found = new List<Attachment>();
        foreach (var role in JsonRead.Items(policy.Get("Roles")))
        {
            found.Add(RoleAttachment(context, role));
        }

        found.AddRange(JsonRead.Items(policy.Get("Users")).Select(u => new Attachment(Name(context, u), "user", true)));
        found.AddRange(JsonRead.Items(policy.Get("Groups")).Select(g => new Attachment(Name(context, g), "group", true)));
        foreach (var principal in context.Resources.Values.Where(r => r.Type is "AWS::IAM::Role" or "AWS::IAM::User" or "AWS::IAM::Group"))
        {
            if (JsonRead.Items(principal.Get("ManagedPolicyArns")).Any(a => JsonRead.ReferencedId(a) == policy.LogicalId))
            {
                found.Add(principal.Type == "AWS::IAM::Role"
                    ? RoleAttachment(context, JsonNode.Parse("{\"Ref\":\"" + principal.LogicalId + "\"}"))
                    : new Attachment(principal.LogicalId, principal.Type == "AWS::IAM::User" ? "user" : "group", true));
            }
        }

        return found.DistinctBy(a => a.Name).ToList();
    }

    /// <summary>Every egress rule of a security group: inline, and separate <c>SecurityGroupEgress</c> resources.</summary>
    public static IReadOnlyList<EgressRule> EgressOf(PostureContext context, string? groupId)
    {
        var group = context.Resource(groupId);
        if (group is null)
        {
            return Array.Empty<EgressRule>();
        }

        var rules = JsonRead.Items(group.Get("SecurityGroupEgress")).ToList();
        rules.AddRange(context.OfType("AWS::EC2::SecurityGroupEgress").Where(e => JsonRead.ReferencedId(e.Get("GroupId")) == group.LogicalId).Select(e => (JsonNode?)e.Properties));
        return rules.Select(r => Egress(context, r)).ToList();
    }

    /// <summary>The values of a condition key anywhere in a policy document (for example <c>aws:PrincipalOrgID</c>).</summary>
    public static IReadOnlyList<string> ConditionValues(JsonNode? document, string key) =>
        JsonRead.Items(JsonRead.Get(document, "Statement"))
            .SelectMany(s => (JsonRead.Get(s, "Condition") as JsonObject ?? new JsonObject()).Select(op => JsonRead.Get(op.Value, key)))
            .SelectMany(JsonRead.Items)
            .Select(v => JsonRead.String(v) ?? Display(v))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>How a value reads in a report: a literal, the logical id it refers to, or a join with <c>&lt;AWS::Region&gt;</c>-style parts.</summary>
    public static string Display(JsonNode? node)
    {
        if (JsonRead.Get(node, "Fn::Join") is JsonArray join && join.Count == 2 && join[1] is JsonArray parts)
        {
            return string.Join(JsonRead.String(join[0]) ?? string.Empty, parts.Select(p => JsonRead.String(p) ?? "<" + Display(p) + ">"));
        }

        return JsonRead.String(node) ?? (JsonRead.ReferencedId(node) is { } id ? id : node?.ToJsonString() ?? "(none)");
    }

    private static Attachment RoleAttachment(PostureContext context, JsonNode? role)
    {
        var resource = context.Resource(JsonRead.ReferencedId(role));
        if (resource is null)
        {
            return new Attachment(Name(context, role), "role brought to the stack", true);
        }

        var principals = JsonRead.Items(resource.Get("AssumeRolePolicyDocument", "Statement")).Select(s => JsonRead.Get(s, "Principal")).ToList();
        var serviceOnly = principals.Count > 0 && principals.All(p => p is JsonObject o && o.Count == 1 && o.ContainsKey("Service"));
        return serviceOnly
            ? new Attachment(resource.LogicalId, "service role (" + string.Join(", ", principals.SelectMany(p => JsonRead.Items(JsonRead.Get(p, "Service"))).Select(Display)) + ")", false)
            : new Attachment(resource.LogicalId, "role assumed by people or accounts", true);
    }

    private static string Name(PostureContext context, JsonNode? node) =>
        JsonRead.String(node) ?? JsonRead.ReferencedId(node) ?? node?.ToJsonString() ?? "(unknown)";

    private static EgressRule Egress(PostureContext context, JsonNode? rule)
    {
        var protocol = JsonRead.String(JsonRead.Get(rule, "IpProtocol")) ?? Display(JsonRead.Get(rule, "IpProtocol"));
        var from = JsonRead.Int(JsonRead.Get(rule, "FromPort"));
        var to = JsonRead.Int(JsonRead.Get(rule, "ToPort"));
        var ports = protocol is "-1" or "all" ? "all traffic" : protocol.ToUpperInvariant() + " " + (from == to ? from?.ToString(System.Globalization.CultureInfo.InvariantCulture) : from + "-" + to);
        var cidr = JsonRead.String(JsonRead.Get(rule, "CidrIp"));
        var cidr6 = JsonRead.String(JsonRead.Get(rule, "CidrIpv6"));
        string destination;
        if (cidr is not null || cidr6 is not null)
        {
            destination = cidr ?? cidr6!;
        }
        else if (JsonRead.Get(rule, "DestinationSecurityGroupId") is { } sg)
        {
            destination = "security group " + Display(sg);
        }
        else if (JsonRead.Get(rule, "DestinationPrefixListId") is { } pl)
        {
            destination = "prefix list " + Display(pl);
        }
        else
        {
            destination = Display(JsonRead.Get(rule, "CidrIp"));
        }

        return new EgressRule(protocol, ports, destination, cidr == "0.0.0.0/0" || cidr6 == "::/0");
    }
}
