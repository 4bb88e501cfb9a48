namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-IM1: roles under the execution-role path trust SageMaker only.</summary>
internal sealed class ExecutionRoleTrustRule : GuardrailRule
{
    public override string Id => RuleIds.ExecutionRoleTrust;

    public override string What => "IAM roles whose path starts with /securesagemaker/ (the workspaces' execution roles) can be assumed by sagemaker.amazonaws.com only.";

    public override string Why => "The buckets' perimeter lets execution roles read from outside the VPC, because SageMaker reads model artifacts from there: a role under that path that anyone else can assume reads the data from the internet.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::IAM::Role")
        {
            return RuleFinding.NotApplicable;
        }

        var path = resource.Get("Path");
        if (JsonRead.IsIntrinsic(path))
        {
            return RuleFinding.CannotVerify("Path is an intrinsic function: the role may be under the execution-role path.");
        }

        if (!(JsonRead.String(path) ?? string.Empty).StartsWith(GuardrailStatements.ExecutionRolePathPrefix, StringComparison.Ordinal))
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        foreach (var statement in p.List(resource.Get("AssumeRolePolicyDocument", "Statement"), "AssumeRolePolicyDocument.Statement").Where(s => JsonRead.String(JsonRead.Get(s, "Effect")) != "Deny"))
        {
            var principal = JsonRead.Get(statement, "Principal");
            var services = JsonRead.Items(JsonRead.Get(principal, "Service")).Select(JsonRead.String).ToList();
            var others = principal is System.Text.Json.Nodes.JsonObject o ? o.Where(kv => kv.Key != "Service").Select(kv => kv.Key).ToList() : new List<string> { "*" };
            if (others.Count > 0 || services.Any(s => s != "sagemaker.amazonaws.com"))
            {
                p.Breach("The role is under the execution-role path but trusts " + (principal?.ToJsonString() ?? "no principal") + ": only sagemaker.amazonaws.com may assume it.");
            }
        }

        return p.Finding;
    }
}
