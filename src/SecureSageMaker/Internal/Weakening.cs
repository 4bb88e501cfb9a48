using Amazon.CDK;
using Constructs;

namespace SecureSageMaker.Internal;

/// <summary>
/// Raises the warning of an option that weakens a control, and records it in the tree's ledger so
/// the posture report lists it even after the app acknowledges the warning.
/// </summary>
internal static class Weakening
{
    public static void Warn(IConstruct scope, string id, string message)
    {
        Annotations.Of(scope).AddWarningV2(id, message);
        PostureLedger.Of(scope).Weakenings.Add((scope, id, message));
    }
}
