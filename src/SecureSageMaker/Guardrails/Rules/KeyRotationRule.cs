namespace SecureSageMaker.Guardrails.Rules;

/// <summary>SecureSageMaker-KM1: symmetric KMS keys rotate.</summary>
public sealed class KeyRotationRule : GuardrailRule
{
    /// <inheritdoc />
    public override string Id => "SecureSageMaker-KM1";

    /// <inheritdoc />
    public override string What => "Symmetric KMS keys have EnableKeyRotation true.";

    /// <inheritdoc />
    public override string Why => "Rotation limits what one leaked key version can decrypt (cdk-nag KMS5, cmk-backing-key-rotation-enabled).";

    /// <inheritdoc />
    public override bool ReadsPropertiesOf(string type) => type is "AWS::KMS::Key";

    /// <inheritdoc />
    public override RuleFinding Evaluate(ResourceView resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Type != "AWS::KMS::Key" || (resource.GetString("KeySpec") ?? "SYMMETRIC_DEFAULT") != "SYMMETRIC_DEFAULT")
        {
            return RuleFinding.NotApplicable;
        }

        return resource.IsTrue("EnableKeyRotation") ? RuleFinding.Compliant : RuleFinding.NonCompliant("EnableKeyRotation is not true.");
    }
}
