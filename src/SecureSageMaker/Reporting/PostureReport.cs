using System.Globalization;
using System.Text;
using Amazon.CDK;
using Constructs;
using SecureSageMaker.Guardrails;
using SecureSageMaker.Network;

namespace SecureSageMaker.Reporting;

/// <summary>
/// A human-readable report of a workspace's security posture, in Markdown with a Mermaid diagram of
/// the network (it renders on GitHub): which controls are on, which were weakened (warning ids and
/// acknowledgments), the endpoints and their estimated monthly cost.
/// </summary>
public static class PostureReport
{
    /// <summary>Renders the report of <paramref name="workspace"/>.</summary>
    public static string Render(SecureMlWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var stack = Stack.Of(workspace);
        var network = workspace.Network;
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append('\n');
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        Line("# Security posture: " + workspace.Node.Path);
        Line();
        Line(F($"Stack `{stack.StackName}`, template `{stack.TemplateFile}`. Generated at synth by SecureSageMaker; do not edit."));
        Line();
        Line("## Controls");
        Line();
        Line("| mechanism | control | state |");
        Line("|---|---|---|");
        var brought = workspace.Vpc.Node.Scope != network;
        Line(F($"| PrivateLink | VPC with no internet gateway, NAT or public subnet | {(brought ? "brought VPC: checked for public subnets" : "on (new isolated VPC)")} |"));
        Line(F($"| PrivateLink | interface endpoints with private DNS and account-scoped policies | on: {network.InterfaceEndpointCount} endpoints |"));
        Line("| PrivateLink | S3 gateway endpoint limited to the workspace's buckets and SageMaker's own | on |");
        Line("| PrivateLink | workload egress only to the endpoints on TCP 443 | on |");
        Line("| PrivateLink | VPC flow logs, encrypted, retained | on |");
        Line(F($"| Network isolation | guardrail policy (deny jobs and models without isolation, VPC, keys, encryption) | on: attached to {workspace.GuardrailPolicy.AttachmentCount} roles, users or groups |"));
        Line(F($"| Network isolation | synth-time guardrail checker ({GuardrailRules.All.Count} rules) | {(GuardrailChecks.IsAppliedTo(stack) ? "on" : "off")} |"));
        Line(F($"| Encryption | data key `{workspace.Keys.DataKey.Node.Path}` | {KeyState(workspace.Keys.DataKey)} |"));
        Line(F($"| Encryption | logs key `{workspace.Keys.LogsKey.Node.Path}` | {KeyState(workspace.Keys.LogsKey)} |"));
        Line("| Encryption | buckets: SSE-KMS, public access blocked, versioned, TLS-only, VPC-endpoint perimeter, retained | on |");
        var cidrs = workspace.PresignedUrlAllowedCidrs;
        Line(F($"| Hardening | presigned notebook and Studio URLs | {(cidrs.Count == 0 ? "through the workspace's endpoint only" : "from " + string.Join(", ", cidrs) + " or the workspace's endpoint")} |"));
        Line();

        Line("## Weakened controls");
        Line();
        var weakened = Weakened(stack).ToList();
        if (weakened.Count == 0)
        {
            Line("None: every control holds its default.");
        }
        else
        {
            Line("| warning id | where | acknowledged | message |");
            Line("|---|---|---|---|");
            foreach (var (id, path, message, acknowledged) in weakened)
            {
                Line(F($"| `{id}` | `{path}` | {(acknowledged ? "yes" : "no")} | {Cell(message)} |"));
            }
        }

        Line();
        Line("## Guardrail acknowledgments");
        Line();
        var acks = Acknowledgments(stack).ToList();
        if (acks.Count == 0)
        {
            Line("None.");
        }
        else
        {
            Line("| rule | where | reason |");
            Line("|---|---|---|");
            foreach (var (id, path, reason) in acks)
            {
                Line(F($"| `{id}` | `{path}` | {Cell(reason)} |"));
            }
        }

        Line();
        Line("## Endpoints and cost");
        Line();
        Line("| endpoint | service |");
        Line("|---|---|");
        foreach (var endpoint in network.InterfaceEndpoints.Keys.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            Line(F($"| `{endpoint.ConstructId}` | `{endpoint.Name}` |"));
        }

        Line();
        Line(F($"Estimated fixed cost of the interface endpoints: **USD {workspace.EstimatedMonthlyEndpointCostUsd:0.00} a month** ({network.InterfaceEndpointCount} endpoints x {network.AvailabilityZoneCount} AZs x {Defaults.HoursPerMonth} h x USD {Defaults.InterfaceEndpointUsdPerAzHour} per endpoint-AZ-hour, the us-east-1 list price; data processed, KMS requests and instances are extra)."));
        Line();
        Line("## Network");
        Line();
        Line("```mermaid");
        Line("flowchart LR");
        Line(F($"  subgraph vpc[\"VPC: {(brought ? "brought by the user" : "no internet gateway, no NAT")}\"]"));
        Line(F($"    subnets[\"{network.AvailabilityZoneCount} isolated subnets\"]"));
        Line("    wsg[\"Workload security group\"]");
        Line("    esg[\"Endpoint security group: TCP 443 from workloads\"]");
        Line(F($"    eps[\"Interface endpoints: {string.Join(", ", network.InterfaceEndpoints.Keys.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal))}\"]"));
        Line("    s3e[\"S3 gateway endpoint\"]");
        foreach (var (label, index) in workspace.Workloads.Select((w, i) => (w, i)))
        {
            Line(F($"    w{index}[\"{label}\"] --- wsg"));
        }

        Line("  end");
        Line("  subnets --- wsg");
        Line("  wsg -- 443 --> esg --> eps");
        Line("  wsg -- 443 --> s3e");
        Line("  s3e --> data[(\"Data bucket\")]");
        Line("  s3e --> model[(\"Model bucket\")]");
        Line("  data -. access logs .-> logs[(\"Access-log bucket\")]");
        Line("  model -. access logs .-> logs");
        Line("  dkey{{\"Data key\"}} -. encrypts .-> data");
        Line("  dkey -. encrypts .-> model");
        Line("  lkey{{\"Logs key\"}} -. encrypts .-> lg[\"Log groups\"]");
        Line("```");
        return sb.ToString();
    }

    private static string KeyState(Amazon.CDK.AWS.KMS.IKey key) =>
        key is Amazon.CDK.AWS.KMS.Key ? "on: customer-managed, rotated yearly, retained" : "brought by the user: rotation and policy not managed here";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static IEnumerable<(string Id, string Path, string Message, bool Acknowledged)> Weakened(Stack stack)
    {
        foreach (var (scope, id, message) in Internal.PostureLedger.Of(stack).Weakenings.Where(w => ReferenceEquals(Stack.Of(w.Scope), stack)))
        {
            // An acknowledged warning is gone from the construct's metadata; an open one still carries its id.
            var open = scope.Node.Metadata.Any(m => m.Type == "aws:cdk:warning" && (m.Data?.ToString() ?? string.Empty).Contains("[ack: " + id + "]", StringComparison.Ordinal));
            yield return (id, scope.Node.Path, message, !open);
        }
    }

    private static IEnumerable<(string Id, string Path, string Reason)> Acknowledgments(Stack stack) =>
        Internal.PostureLedger.Of(stack).Acknowledgments
            .Where(a => a.Scope is not Stage && ReferenceEquals(Stack.Of(a.Scope), stack))
            .Select(a => (a.RuleId, a.Scope.Node.Path, a.Reason));
}
