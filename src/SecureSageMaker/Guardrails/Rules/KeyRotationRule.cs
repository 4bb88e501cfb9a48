namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-KM1: symmetric KMS keys rotate.</summary>
internal sealed class KeyRotationRule : GuardrailRule
{
    public override string Id => RuleIds.KeyRotation;

    public override string What => "Symmetric KMS keys have EnableKeyRotation true.";

    public override string Why => "Rotation limits what one leaked key version can decrypt (cdk-nag KMS5, cmk-backing-key-rotation-enabled).";

    public override RuleFinding Evaluate(ResourceView resource)
    {
        if (resource.Type != "AWS::KMS::Key")
        {
            return RuleFinding.NotApplicable;
        }

        var spec = resource.Get("KeySpec");
        if (JsonRead.IsIntrinsic(spec))
        {
            return RuleFinding.CannotVerify("KeySpec is an intrinsic function, so whether the key can rotate is unknown.");
        }

        if ((JsonRead.String(spec) ?? "SYMMETRIC_DEFAULT") != "SYMMETRIC_DEFAULT")
        {
            return RuleFinding.NotApplicable;
        }

        var p = new Problems();
        p.ExpectTrue(resource.Get("EnableKeyRotation"), "EnableKeyRotation", "EnableKeyRotation is not true.");
        return p.Finding;
    }
}
