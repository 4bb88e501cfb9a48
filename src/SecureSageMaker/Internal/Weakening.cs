using Amazon.CDK;
using Constructs;

namespace SecureSageMaker.Internal;

/// <summary>
/// Raises the warning of an option that weakens a control, and records it on the construct so the
/// posture report lists it even after the app acknowledges the warning.
/// </summary>
internal static class Weakening
{
    public const string MetadataKey = "secure-sagemaker:weakened";

    public static void Warn(IConstruct scope, string id, string message)
    {
        Annotations.Of(scope).AddWarningV2(id, message);
        scope.Node.AddMetadata(MetadataKey, new Dictionary<string, object> { ["id"] = id, ["message"] = message });
        PostureLedger.Of(scope).Weakenings.Add((scope, id, message));
    }
}
