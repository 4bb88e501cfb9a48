namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-ST2: Studio user profiles and spaces keep security groups where they set them, and allow no remote access.</summary>
internal sealed class StudioProfilesAndSpacesRule : GuardrailRule
{
    public override string Id => RuleIds.StudioProfilesAndSpaces;

    public override string What => "Studio user profiles and spaces set no empty security group list, and spaces do not enable remote access.";

    public override string Why => "A profile or space without security groups, or with remote access, escapes the workspace's network controls.";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type is not ("AWS::SageMaker::UserProfile" or "AWS::SageMaker::Space"))
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        var settings = resource.Type == "AWS::SageMaker::UserProfile" ? resource.Get("UserSettings") : resource.Get("SpaceSettings");
        if (JsonRead.Get(settings, "SecurityGroups") is { } groups && !JsonRead.IsPresent(groups))
        {
            p.Breach("The security group list is empty.");
        }

        p.ExpectNotString(JsonRead.Get(settings, "RemoteAccess"), "ENABLED", "RemoteAccess", "RemoteAccess is ENABLED: the space accepts remote connections.");
        return p.Finding;
    }
}
