using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails.Rules;

/// <summary>
/// SecureSageMaker-VP3: SageMaker resources in a workspace's stack run in a workspace's subnets and
/// security group (and a Studio domain in its VPC), not merely in some VPC. Made per stack from the
/// workspaces in it: a template alone does not say which network is the workspace's.
/// </summary>
internal sealed class WorkspacePlacementRule : GuardrailRule
{
    private readonly IReadOnlyList<(JsonNode? Vpc, JsonNode? Subnets, JsonNode? SecurityGroup)> _workspaces;

    public WorkspacePlacementRule(IReadOnlyList<(JsonNode? Vpc, JsonNode? Subnets, JsonNode? SecurityGroup)> workspaces)
    {
        _workspaces = workspaces;
    }

    public override string Id => RuleIds.WorkspacePlacement;

    public override string What => "Notebook instances, models, endpoint configs, Studio domains and HyperPod clusters in a workspace's stack use that workspace's subnets and workload security group (and a domain its VPC).";

    public override string Why => "A resource in another VPC's subnets or security group keeps the checks' letter (it has a VPC) but not their point: that network may have a NAT or an internet gateway, and the workspace's guardrails bind people, not CloudFormation.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        (JsonNode? Vpc, JsonNode? Subnets, JsonNode? Groups) placement;
        switch (resource.Type)
        {
            case "AWS::SageMaker::NotebookInstance":
                placement = (null, resource.Get("SubnetId"), resource.Get("SecurityGroupIds"));
                break;
            case "AWS::SageMaker::Model" or "AWS::SageMaker::EndpointConfig" or "AWS::SageMaker::Cluster":
                placement = (null, resource.Get("VpcConfig", "Subnets"), resource.Get("VpcConfig", "SecurityGroupIds"));
                break;
            case "AWS::SageMaker::Domain":
                placement = (resource.Get("VpcId"), resource.Get("SubnetIds"), resource.Get("DefaultUserSettings", "SecurityGroups"));
                break;
            default:
                return RuleFinding.NotApplicable;
        }

        // Any one workspace of the stack will do: compliant with one, else what could not be verified, else the breach.
        var findings = _workspaces.Select(w => Judge(w, placement.Vpc, placement.Subnets, placement.Groups)).ToList();
        return findings.FirstOrDefault(f => f.Result == RuleResult.Compliant)
            ?? findings.FirstOrDefault(f => f.Result == RuleResult.CannotVerify)
            ?? findings.FirstOrDefault()
            ?? RuleFinding.NotApplicable;
    }

    private static RuleFinding Judge((JsonNode? Vpc, JsonNode? Subnets, JsonNode? SecurityGroup) workspace, JsonNode? vpc, JsonNode? subnets, JsonNode? groups)
    {
        var p = new Problems();
        var workspaceSubnets = JsonRead.Items(workspace.Subnets).ToList();
        if (vpc is not null && !JsonNode.DeepEquals(vpc, workspace.Vpc))
        {
            Differ(p, vpc, "VpcId is " + vpc.ToJsonString() + ", not the workspace's VPC.");
        }

        foreach (var subnet in JsonRead.Items(subnets).Where(s => !workspaceSubnets.Any(w => JsonNode.DeepEquals(w, s))))
        {
            Differ(p, subnet, "Subnet " + subnet?.ToJsonString() + " is not one of the workspace's.");
        }

        foreach (var group in JsonRead.Items(groups).Where(g => !JsonNode.DeepEquals(g, workspace.SecurityGroup)))
        {
            Differ(p, group, "Security group " + group?.ToJsonString() + " is not the workspace's workload security group.");
        }

        return p.Finding;
    }

    /// <summary>A literal id that is not the workspace's breaks the rule; a value decided elsewhere (a parameter, an import) cannot be verified.</summary>
    private static void Differ(Problems p, JsonNode? value, string reason)
    {
        if (JsonRead.String(value) is not null || JsonRead.ReferencedId(value) is not null)
        {
            p.Breach(reason);
        }
        else
        {
            p.Unverifiable(reason + " It is decided outside this template.");
        }
    }
}
