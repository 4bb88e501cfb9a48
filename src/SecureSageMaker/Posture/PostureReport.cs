using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Posture;

/// <summary>A control's state as the template proves it.</summary>
internal sealed record ControlRow(string Mechanism, string Control, string State, string Evidence);

/// <summary>
/// Renders a workspace's posture report in Markdown: every row is computed from the stack's final
/// template (and the state of the CDK annotations), never from what the constructs claim; what the
/// template cannot show is "cannot verify". It ends with a Mermaid diagram of the network.
/// </summary>
internal static class PostureReport
{
    public const string On = "on";
    public const string Off = "off";
    public const string Weakened = "weakened";
    public const string CannotVerify = "cannot verify";

    public static string Render(PostureContext context, ReportAnchors anchors)
    {
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append('\n');
        Line("# Security posture: " + anchors.Path);
        Line();
        Line(F($"SecureSageMaker {PostureContext.LibraryVersion}. Stack `{context.StackName}`, template `{context.TemplateFile}`. Every row below is read from the synthesized template; generated at synth, do not edit."));
        Line();
        var rows = Rows(context, anchors).ToList();
        Line(F($"**Summary**: {rows.Count(r => r.State == On)} of {rows.Count} controls on; {rows.Count(r => r.State == Weakened)} weakened, {rows.Count(r => r.State == Off)} off, {rows.Count(r => r.State == CannotVerify)} cannot be verified from the template. Checker findings: {context.Findings.Count(f => f.AcknowledgedBy is null)} open, {context.Findings.Count(f => f.AcknowledgedBy is not null)} acknowledged."));
        Line();
        Line("## Controls");
        Line();
        Line("| mechanism | control | state | evidence in the template |");
        Line("|---|---|---|---|");
        foreach (var row in rows)
        {
            Line(F($"| {row.Mechanism} | {Cell(row.Control)} | **{row.State}** | {Cell(row.Evidence)} |"));
        }

        Line();
        Weakenings(context, Line);
        Acknowledgments(context, Line);
        Findings(context, Line);
        EndpointsAndCost(context, anchors, Line);
        Diagram(context, anchors, Line);
        return sb.ToString();
    }

    /// <summary>The controls of one workspace as the report states them: the one evaluation both the report and the console use.</summary>
    internal static IReadOnlyList<ControlRow> Controls(PostureContext context, ReportAnchors anchors) => Rows(context, anchors).ToList();

    private static IEnumerable<ControlRow> Rows(PostureContext context, ReportAnchors anchors)
    {
        yield return InternetPath(context, anchors);
        yield return InterfaceEndpoints(context, anchors);
        yield return S3Gateway(context, anchors);
        yield return WorkloadEgress(context, anchors);
        yield return FlowLogs(context, anchors);
        yield return DnsFirewall(context, anchors);
        yield return PolicyRow(context, anchors, "GuardrailPolicy", "Network isolation", "IAM guardrail policy (deny jobs, models, notebooks and domains that leave the network or keys)");
        yield return new ControlRow("Network isolation", "synth-time guardrail checker", context.ChecksEnabled ? On : Off,
            context.ChecksEnabled ? F($"{GuardrailRules.All.Count} rules judged this template") : "not applied to this stack");
        yield return PolicyRow(context, anchors, "PresignedUrlPolicy", "Hardening", "presigned notebook and Studio URLs only from company CIDRs or the workspace's endpoint");
        yield return Key(context, anchors, "DataKey", "data key");
        yield return Key(context, anchors, "LogsKey", "logs key");
        foreach (var name in new[] { "DataBucket", "ModelBucket" })
        {
            yield return Bucket(context, anchors, name);
        }

        yield return PerimeterExceptions(context, anchors);
        yield return Notebooks(context);
    }

    private static ControlRow InternetPath(PostureContext context, ReportAnchors anchors)
    {
        const string control = "no internet gateway, NAT, EIP, route, attachment or public-IP subnet";
        if (context.Resource(anchors.LogicalId("Vpc")) is not { Type: "AWS::EC2::VPC" })
        {
            return new ControlRow("PrivateLink", control, CannotVerify,
                "the VPC " + TemplateFacts.Display(anchors.Value("Vpc")) + " is not in this template: its gateways, routes and subnets are not visible here");
        }

        var paths = context.Resources.Values.Where(r => Guardrails.Rules.NoInternetPathRule.PathOutTypes.Contains(r.Type))
            .Select(r => r.Type + " " + r.LogicalId)
            .Concat(context.OfType("AWS::EC2::Route").Select(r => "route " + r.LogicalId + " (" + Guardrails.Rules.NoInternetPathRule.Destination(r) + " to " + Guardrails.Rules.NoInternetPathRule.Target(r) + ")"))
            .Concat(context.OfType("AWS::EC2::Subnet").Where(r => JsonRead.Bool(r.Get("MapPublicIpOnLaunch")) == true).Select(r => "public-IP subnet " + r.LogicalId))
            .ToList();
        var subnets = context.OfType("AWS::EC2::Subnet").Count(s => JsonRead.ReferencedId(s.Get("VpcId")) == anchors.LogicalId("Vpc"));
        return paths.Count == 0
            ? new ControlRow("PrivateLink", control, On, F($"VPC {anchors.LogicalId("Vpc")} with {subnets} subnets; the template has no gateway, NAT, EIP, route, transit, peering or VPN attachment, or public-IP subnet"))
            : new ControlRow("PrivateLink", control, Off, string.Join("; ", paths));
    }

    private static IReadOnlyList<ResourceView> EndpointsInVpc(PostureContext context, ReportAnchors anchors, string type) =>
        context.OfType("AWS::EC2::VPCEndpoint")
            .Where(e => (JsonRead.String(e.Get("VpcEndpointType")) ?? "Gateway") == type && JsonNode.DeepEquals(e.Get("VpcId"), anchors.Value("Vpc")))
            .ToList();

    private static ControlRow InterfaceEndpoints(PostureContext context, ReportAnchors anchors)
    {
        const string control = "interface endpoints with private DNS and a restrictive policy";
        var endpoints = EndpointsInVpc(context, anchors, "Interface");
        var weak = endpoints.Where(e => JsonRead.Bool(e.Get("PrivateDnsEnabled")) != true || e.Get("PolicyDocument") is null).Select(e => e.LogicalId).ToList();
        var orgs = endpoints.SelectMany(e => TemplateFacts.ConditionValues(e.Get("PolicyDocument"), "aws:PrincipalOrgID")).Distinct().ToList();
        var accounts = endpoints.SelectMany(e => TemplateFacts.ConditionValues(e.Get("PolicyDocument"), "aws:PrincipalAccount")).Distinct().ToList();
        var scope = orgs.Count > 0 ? "organization-scoped (" + string.Join(", ", orgs) + ")" : accounts.Count > 0 ? "account-scoped (" + string.Join(", ", accounts) + ")" : "no principal scope found";
        if (endpoints.Count == 0)
        {
            return new ControlRow("PrivateLink", control, Off, "no interface endpoint in the VPC");
        }

        return new ControlRow("PrivateLink", control, weak.Count == 0 && (orgs.Count > 0 || accounts.Count > 0) ? On : Weakened,
            F($"{endpoints.Count} endpoints, {scope}") + (weak.Count == 0 ? string.Empty : "; without private DNS or policy: " + string.Join(", ", weak)));
    }

    private static ControlRow S3Gateway(PostureContext context, ReportAnchors anchors)
    {
        const string control = "S3 gateway endpoint limited to named buckets";
        var gateway = EndpointsInVpc(context, anchors, "Gateway").FirstOrDefault();
        if (gateway is null)
        {
            return new ControlRow("PrivateLink", control, Off, "no S3 gateway endpoint in the VPC");
        }

        var resources = JsonRead.Items(gateway.Get("PolicyDocument", "Statement"))
            .Where(s => JsonRead.String(JsonRead.Get(s, "Effect")) == "Allow")
            .SelectMany(s => JsonRead.Items(JsonRead.Get(s, "Resource")))
            .ToList();
        var wildcard = resources.Any(r => JsonRead.String(r) == "*");
        return new ControlRow("PrivateLink", control, wildcard || resources.Count == 0 ? Weakened : On,
            wildcard ? "the policy allows every bucket" : F($"{gateway.LogicalId} allows {resources.Count} bucket and object ARNs (see perimeter exceptions)"));
    }

    private static ControlRow WorkloadEgress(PostureContext context, ReportAnchors anchors)
    {
        const string control = "workload egress only to the endpoints (TCP 443)";
        var rules = TemplateFacts.EgressOf(context, anchors.LogicalId("WorkloadSecurityGroup"));
        if (context.Resource(anchors.LogicalId("WorkloadSecurityGroup")) is null)
        {
            return new ControlRow("PrivateLink", control, CannotVerify, "the workload security group is not in this template");
        }

        var evidence = string.Join("; ", rules.Select(r => r.Ports + " to " + r.Destination));
        if (rules.Any(r => r.ToAnywhere && r.Ports == "all traffic"))
        {
            return new ControlRow("PrivateLink", control, Weakened, evidence);
        }

        if (rules.Any(r => r.ToAnywhere))
        {
            var vpcInTemplate = context.Resource(anchors.LogicalId("Vpc")) is { Type: "AWS::EC2::VPC" };
            var row = InternetPath(context, anchors);
            return vpcInTemplate && row.State == On
                ? new ControlRow("PrivateLink", control, On, evidence + " (any address: only the S3 gateway endpoint is routable, the VPC has no other route out)")
                : new ControlRow("PrivateLink", control, vpcInTemplate ? Weakened : CannotVerify, evidence + (vpcInTemplate
                    ? " (any address, and the VPC has a route out)"
                    : " (any address, and the brought VPC's routes are not in this template)"));
        }

        return new ControlRow("PrivateLink", control, On, evidence.Length == 0 ? "no egress rule" : evidence);
    }

    private static ControlRow FlowLogs(PostureContext context, ReportAnchors anchors)
    {
        const string control = "VPC flow logs, encrypted, retained";
        var flowLog = context.OfType("AWS::EC2::FlowLog").FirstOrDefault(f => JsonNode.DeepEquals(f.Get("ResourceId"), anchors.Value("Vpc")));
        if (flowLog is null)
        {
            return new ControlRow("PrivateLink", control, Off, "no flow log on the VPC");
        }

        var group = context.Resource(JsonRead.ReferencedId(flowLog.Get("LogGroupName")));
        var encrypted = group?.Get("KmsKeyId") is not null && group.Get("RetentionInDays") is not null && JsonRead.String(group.Entry["DeletionPolicy"]) == "Retain";
        return new ControlRow("PrivateLink", control, encrypted ? On : Weakened,
            F($"{flowLog.LogicalId} ({JsonRead.String(flowLog.Get("TrafficType"))}) into {(group is null ? "a log group outside the template" : group.LogicalId + (encrypted ? ", KMS, retention, retained" : ", not encrypted, without retention or not retained"))}"));
    }

    private static ControlRow DnsFirewall(PostureContext context, ReportAnchors anchors)
    {
        const string control = "DNS firewall: allow-list, block every other domain, fail-closed, query logs";
        var associations = context.OfType("AWS::Route53Resolver::FirewallRuleGroupAssociation").Where(a => JsonNode.DeepEquals(a.Get("VpcId"), anchors.Value("Vpc"))).ToList();
        if (associations.Count == 0)
        {
            return new ControlRow("PrivateLink", control, anchors.Has("DnsFirewallElsewhere") ? CannotVerify : Off,
                anchors.Has("DnsFirewallElsewhere")
                    ? "governed by rule group " + TemplateFacts.Display(anchors.Value("DnsFirewallElsewhere")) + " outside this template"
                    : "no firewall rule group is associated with the VPC: DNS queries can carry data out");
        }

        // One definition of "on": where the VPC is in the template, the row follows the checker's own judgement (VP2: the
        // first deciding rule in Route 53 Resolver's order), and only then describes the allow-list.
        if (anchors.LogicalId("Vpc") is { } vpcId && context.Resource(vpcId) is { } vpc)
        {
            var verdict = new Guardrails.Rules.DnsFirewallRule().Evaluate(vpc);
            if (verdict.Reasons.Count > 0)
            {
                return new ControlRow("PrivateLink", control, Off, string.Join("; ", verdict.Reasons));
            }

            if (verdict.UnverifiableReasons.Count > 0)
            {
                return new ControlRow("PrivateLink", control, CannotVerify, string.Join("; ", verdict.UnverifiableReasons));
            }
        }

        var blocking = associations.Select(a => context.Resource(JsonRead.ReferencedId(a.Get("FirewallRuleGroupId"))))
            .Where(g => g is not null && Guardrails.Rules.DnsFirewallRule.BlocksEverythingElse(g))
            .ToList();
        var logged = context.OfType("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation").Any(a => JsonNode.DeepEquals(a.Get("ResourceId"), anchors.Value("Vpc")));
        var allowed = blocking.SelectMany(g => Guardrails.Rules.DnsFirewallRule.AllowedDomains(g!)).Distinct().Count();
        if (blocking.Count > 0 && !blocking.All(g => Guardrails.Rules.DnsFirewallRule.AllowListsReadable(g!)))
        {
            return new ControlRow("PrivateLink", control, CannotVerify, "an allow-list holds a value decided at deploy time, which could allow every domain");
        }

        var broad = blocking.SelectMany(g => Guardrails.Rules.DnsFirewallRule.AllowedDomains(g!)).Where(PrivateNetwork.IsBroad).Distinct().ToList();
        return new ControlRow("PrivateLink", control, blocking.Count > 0 && logged && broad.Count == 0 ? On : Weakened,
            (blocking.Count > 0 ? F($"{allowed} allowed domain patterns, every other domain blocked") : "no rule blocks the domains not allowed")
            + (broad.Count > 0 ? "; allows every name under " + string.Join(", ", broad.Select(b => "`" + b + "`")) + ", where anyone can register a name" : string.Empty)
            + (logged ? "; queries logged" : "; queries not logged"));
    }

    private static ControlRow PolicyRow(PostureContext context, ReportAnchors anchors, string anchor, string mechanism, string control)
    {
        var policy = context.Resource(anchors.LogicalId(anchor));
        if (policy is null)
        {
            return new ControlRow(mechanism, control, CannotVerify, "the policy is not in this template");
        }

        var attachments = TemplateFacts.AttachmentsOf(context, policy.LogicalId);
        if (anchor == "GuardrailPolicy" && anchors.LogicalId("PeopleGuardrailPolicy") is { } people1 && context.Resource(people1) is not null)
        {
            // ApplyGuardrails attaches a copy of the statements that is deleted with the stack (PeoplePolicies).
            attachments = attachments.Concat(TemplateFacts.AttachmentsOf(context, people1)).ToList();
        }

        var people = attachments.Where(a => a.IsPerson).ToList();
        var conditions = anchor == "PresignedUrlPolicy" ? PresignedConditions(policy) : string.Empty;
        var listed = attachments.Count == 0 ? "attached to nobody" : "attached to " + string.Join(", ", attachments.Select(a => a.Name + " (" + a.Kind + ")"));
        var state = people.Count > 0 ? On : attachments.Count == 0 && anchor == "PresignedUrlPolicy" ? Off : Weakened;
        return new ControlRow(mechanism, control, state,
            conditions + listed + (people.Count == 0 ? "; attached to no person's role, user or group: attach it with ApplyGuardrails (attachments made in other stacks are not visible here)" : string.Empty));
    }

    private static string PresignedConditions(ResourceView policy)
    {
        var document = policy.Get("PolicyDocument");
        var cidrs = TemplateFacts.ConditionValues(document, "aws:SourceIp");
        var endpoints = TemplateFacts.ConditionValues(document, "aws:SourceVpce");
        return "allowed from " + (cidrs.Count == 0 ? "no CIDR" : string.Join(", ", cidrs)) + " and endpoint " + string.Join(", ", endpoints) + "; ";
    }

    private static ControlRow Key(PostureContext context, ReportAnchors anchors, string anchor, string label)
    {
        var key = context.Resource(anchors.LogicalId(anchor));
        if (key is not { Type: "AWS::KMS::Key" })
        {
            return new ControlRow("Encryption", label, CannotVerify, "brought key " + TemplateFacts.Display(anchors.Value(anchor)) + ": its rotation and policy are not in this template");
        }

        var rotated = JsonRead.Bool(key.Get("EnableKeyRotation")) == true;
        var retained = JsonRead.String(key.Entry["DeletionPolicy"]) == "Retain" && JsonRead.String(key.Entry["UpdateReplacePolicy"]) == "Retain";
        return new ControlRow("Encryption", label, rotated && retained ? On : Weakened,
            key.LogicalId + (rotated ? ", rotated" : ", NOT rotated") + (retained ? ", retained on delete and replacement" : ", NOT retained"));
    }

    private static ControlRow Bucket(PostureContext context, ReportAnchors anchors, string anchor)
    {
        var label = anchor == "DataBucket" ? "data bucket" : "model bucket";
        var bucket = context.Resource(anchors.LogicalId(anchor));
        if (bucket is null)
        {
            return new ControlRow("Encryption", label, CannotVerify, "the bucket is not in this template");
        }

        var missing = new List<string>();
        var sse = JsonRead.Items(bucket.Get("BucketEncryption", "ServerSideEncryptionConfiguration")).FirstOrDefault();
        if (JsonRead.String(JsonRead.Get(sse, "ServerSideEncryptionByDefault", "SSEAlgorithm")) != "aws:kms" || JsonRead.Get(sse, "ServerSideEncryptionByDefault", "KMSMasterKeyID") is null)
        {
            missing.Add("SSE-KMS");
        }

        if (JsonRead.String(bucket.Get("VersioningConfiguration", "Status")) != "Enabled")
        {
            missing.Add("versioning");
        }

        if (JsonRead.String(bucket.Entry["DeletionPolicy"]) != "Retain")
        {
            missing.Add("retention on delete");
        }

        var statements = BucketStatements(context, bucket.LogicalId).ToList();
        if (!statements.Any(s => JsonRead.String(JsonRead.Get(s, "Effect")) == "Deny" && JsonRead.String(JsonRead.Get(s, "Condition", "Bool", "aws:SecureTransport")) == "false"))
        {
            missing.Add("TLS-only policy");
        }

        if (!statements.Any(s => JsonRead.String(JsonRead.Get(s, "Effect")) == "Deny" && JsonRead.Get(s, "Condition", "StringNotEquals", "aws:SourceVpce") is not null))
        {
            missing.Add("VPC-endpoint perimeter");
        }

        return new ControlRow("Encryption", label, missing.Count == 0 ? On : Weakened,
            bucket.LogicalId + (missing.Count == 0 ? ": SSE-KMS, versioned, TLS-only, VPC-endpoint perimeter, retained" : ": missing " + string.Join(", ", missing)));
    }

    private static IEnumerable<JsonNode?> BucketStatements(PostureContext context, string bucketId) =>
        context.OfType("AWS::S3::BucketPolicy").Where(p => JsonRead.ReferencedId(p.Get("Bucket")) == bucketId)
            .SelectMany(p => JsonRead.Items(p.Get("PolicyDocument", "Statement")));

    private static ControlRow PerimeterExceptions(PostureContext context, ReportAnchors anchors)
    {
        var exempt = new[] { "DataBucket", "ModelBucket" }
            .SelectMany(b => BucketStatements(context, anchors.LogicalId(b) ?? string.Empty))
            .Where(s => JsonRead.Get(s, "Condition", "StringNotEquals", "aws:SourceVpce") is not null)
            .SelectMany(s => JsonRead.Items(JsonRead.Get(s, "Condition", "ArnNotLikeIfExists", "aws:PrincipalArn")))
            .Select(TemplateFacts.Display).Distinct().ToList();
        var executionRoles = exempt.Where(e => JsonRead.String(anchors.Value("ExecutionRolePath")) is { } path && e.Contains(":role" + path, StringComparison.Ordinal)).ToList();
        exempt = exempt.Except(executionRoles).ToList();
        var ownBuckets = new[] { "DataBucket", "ModelBucket" }.Select(anchors.LogicalId).Where(id => id is not null).ToHashSet();
        var gateway = EndpointsInVpc(context, anchors, "Gateway").FirstOrDefault();
        var inputs = JsonRead.Items(gateway?.Get("PolicyDocument", "Statement"))
            .Where(s => JsonRead.String(JsonRead.Get(s, "Sid")) == "AllowInputBuckets")
            .SelectMany(s => JsonRead.Items(JsonRead.Get(s, "Resource")))
            .Select(TemplateFacts.Display).Where(d => !ownBuckets.Contains(d)).Distinct().ToList();
        var parts = new List<string>();
        if (exempt.Count > 0)
        {
            parts.Add("principals exempt from the bucket perimeter: " + string.Join(", ", exempt));
        }

        if (inputs.Count > 0)
        {
            parts.Add("input buckets admitted by the S3 endpoint, outside the workspace's controls: " + string.Join(", ", inputs));
        }

        var notes = executionRoles.Count == 0 ? string.Empty : "; by design, SageMaker execution roles under " + JsonRead.String(anchors.Value("ExecutionRolePath")) + " may read (never write) from outside the network, for SageMaker's check of a model artifact";
        return new ControlRow("Encryption", "data perimeter exceptions", parts.Count == 0 ? On : Weakened, (parts.Count == 0 ? "none" : string.Join("; ", parts)) + notes);
    }

    private static ControlRow Notebooks(PostureContext context)
    {
        var notebooks = context.OfType("AWS::SageMaker::NotebookInstance").ToList();
        if (notebooks.Count == 0)
        {
            return new ControlRow("Hardening", "notebook instances without root or internet access", On, "no notebook instance in the template");
        }

        var open = notebooks.Where(n => JsonRead.String(n.Get("RootAccess")) != "Disabled" || JsonRead.String(n.Get("DirectInternetAccess")) != "Disabled").Select(n => n.LogicalId).ToList();
        return new ControlRow("Hardening", "notebook instances without root or internet access", open.Count == 0 ? On : Off,
            open.Count == 0 ? F($"{notebooks.Count} notebook instances: RootAccess and DirectInternetAccess Disabled") : "root or internet access: " + string.Join(", ", open));
    }

    private static void Weakenings(PostureContext context, Action<string> line)
    {
        line("## Weakened controls");
        line(string.Empty);
        if (context.Weakenings.Count == 0)
        {
            line("None: no option weakened a control.");
            line(string.Empty);
            return;
        }

        line("| warning | where | acknowledged | reason |");
        line("|---|---|---|---|");
        foreach (var w in context.Weakenings)
        {
            var acknowledged = !w.Acknowledged ? "no (the warning shows in `cdk synth`)" : w.By is null ? "**without a reason: error " + RuleIds.UnexplainedAcknowledgment + "**" : "yes";
            line(F($"| `{w.Weakening.Id}` | `{w.Weakening.Scope.Node.Path}` | {acknowledged} | {Cell(w.By?.Reason ?? w.Weakening.Message)} |"));
        }

        line(string.Empty);
    }

    private static void Acknowledgments(PostureContext context, Action<string> line)
    {
        line("## Acknowledgments");
        line(string.Empty);
        if (context.Acknowledgments.Count == 0)
        {
            line("None.");
            line(string.Empty);
            return;
        }

        line("| id | where | reason | matches |");
        line("|---|---|---|---|");
        foreach (var a in context.Acknowledgments)
        {
            line(F($"| `{a.Acknowledgment.Id}` | `{a.Path}` | {Cell(a.Acknowledgment.Reason)} | {(a.Matched ? "yes" : "**nothing: remove it, or it will silence a future finding**")} |"));
        }

        line(string.Empty);
    }

    private static void Findings(PostureContext context, Action<string> line)
    {
        line("## Checker findings");
        line(string.Empty);
        if (!context.ChecksEnabled)
        {
            line("The checker is not applied to this stack: nothing was judged.");
            line(string.Empty);
            return;
        }

        if (context.Findings.Count == 0)
        {
            line("None.");
            line(string.Empty);
            return;
        }

        line("| id | resource | state | finding |");
        line("|---|---|---|---|");
        foreach (var f in context.Findings)
        {
            line(F($"| `{f.Id}` | `{f.Resource.LogicalId}` | {(f.AcknowledgedBy is null ? "**open: fails synth**" : "acknowledged: " + Cell(f.AcknowledgedBy.Reason))} | {Cell(string.Join(" ", f.Reasons))} |"));
        }

        line(string.Empty);
    }

    private static void EndpointsAndCost(PostureContext context, ReportAnchors anchors, Action<string> line)
    {
        var endpoints = EndpointsInVpc(context, anchors, "Interface");
        line("## Interface endpoints and cost");
        line(string.Empty);
        line("| endpoint | service | subnets |");
        line("|---|---|---|");
        var endpointHours = 0;
        foreach (var e in endpoints.OrderBy(e => e.LogicalId, StringComparer.Ordinal))
        {
            var subnets = JsonRead.Items(e.Get("SubnetIds")).Count();
            endpointHours += subnets;
            line(F($"| `{e.LogicalId}` | {Cell(Service(e.Get("ServiceName")))} | {subnets} |"));
        }

        var cost = Math.Round(endpointHours * Defaults.HoursPerMonth * Defaults.InterfaceEndpointUsdPerAzHour, 2);
        line(string.Empty);
        line(F($"Estimated fixed cost of the interface endpoints: **USD {cost:0.00} a month** ({endpointHours} endpoint network interfaces x {Defaults.HoursPerMonth} h x USD {Defaults.InterfaceEndpointUsdPerAzHour}, the us-east-1 list price per endpoint per AZ-hour)."));
        if (DnsFirewall(context, anchors).State == On)
        {
            var millions = Defaults.AssumedDnsQueriesPerMonth / 1_000_000;
            line(string.Empty);
            line(F($"DNS firewall: **USD {millions * Defaults.DnsFirewallUsdPerMillionQueries:0.00} a month** at an assumed {millions:0} million queries a month (USD {Defaults.DnsFirewallUsdPerMillionQueries:0.00} per million queries the rule group judges; the bill scales with the real volume, which the query logs show)."));
        }

        line(string.Empty);
        line("Data processed by the endpoints, query log storage, KMS requests and instances are extra.");
        line(string.Empty);
    }

    private static string Service(JsonNode? name) => TemplateFacts.Display(name);

    /// <summary>The service part of an endpoint service name: <c>sts</c>, <c>sagemaker.api</c>, <c>studio</c>.</summary>
    private static string ShortService(string name)
    {
        var parts = name.Split('.');
        return parts.Length > 3 && (name.StartsWith("com.amazonaws.", StringComparison.Ordinal) || name.StartsWith("aws.sagemaker.", StringComparison.Ordinal))
            ? string.Join('.', parts.Skip(3))
            : name;
    }

    private static void Diagram(PostureContext context, ReportAnchors anchors, Action<string> line)
    {
        var inTemplate = context.Resource(anchors.LogicalId("Vpc")) is { Type: "AWS::EC2::VPC" };
        var endpoints = EndpointsInVpc(context, anchors, "Interface").Select(e => ShortService(Service(e.Get("ServiceName")))).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var dns = DnsFirewall(context, anchors);
        line("## Network");
        line(string.Empty);
        line("```mermaid");
        line("flowchart LR");
        line(F($"  subgraph vpc[\"{Label(inTemplate ? "VPC " + anchors.LogicalId("Vpc") + ": no internet gateway, no NAT" : "VPC brought to the workspace")}\"]"));
        line("    wsg[\"Workload security group\"]");
        line("    esg[\"Endpoint security group: TCP 443 from workloads\"]");
        line(F($"    eps[\"{Label("Interface endpoints: " + string.Join(", ", endpoints))}\"]"));
        line("    s3e[\"S3 gateway endpoint\"]");
        line(F($"    dns[\"{Label("DNS firewall: " + dns.State)}\"]"));
        var index = 0;
        foreach (var workload in context.Resources.Values.Where(r => r.Type is "AWS::SageMaker::NotebookInstance" or "AWS::SageMaker::Domain" or "AWS::SageMaker::Model" or "AWS::SageMaker::Endpoint" or "AWS::SageMaker::Pipeline" or "AWS::StepFunctions::StateMachine"))
        {
            line(F($"    w{index++}[\"{Label(workload.Type.Split("::").Last() + " " + workload.LogicalId)}\"] --- wsg"));
        }

        line("  end");
        line("  wsg -- 443 --> esg --> eps");
        line("  wsg -- 443 --> s3e");
        line("  wsg -. DNS .-> dns");
        line("  s3e --> data[(\"Data bucket\")]");
        line("  s3e --> model[(\"Model bucket\")]");
        line("  data -. access logs .-> logs[(\"Access-log bucket\")]");
        line("  model -. access logs .-> logs");
        line("  dkey{{\"Data key\"}} -. encrypts .-> data");
        line("  dkey -. encrypts .-> model");
        line("  lkey{{\"Logs key\"}} -. encrypts .-> lg[\"Log groups\"]");
        line("```");
    }

    /// <summary>Escapes a Mermaid label: quotes and angle brackets as entity codes, no line breaks.</summary>
    internal static string Label(string text) => text
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
