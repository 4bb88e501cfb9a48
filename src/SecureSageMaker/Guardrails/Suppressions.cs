using Amazon.CDK;
using Constructs;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// Where the library deviates from a public rule on purpose, it says so in the template, in the
/// format of each tool: cdk-nag's <c>cdk_nag.rules_to_suppress</c> metadata, cfn-guard's
/// <c>guard.SuppressedRules</c> metadata (AWS Control Tower proactive controls), and an acknowledgment
/// of this library's own checker. The README lists every one.
/// </summary>
internal static class Suppressions
{
    private const string AccessLogReason = "This bucket is the target of the workspace's S3 server access logs: S3 delivers them only to buckets encrypted with SSE-S3, and a log target does not log into itself. It holds access logs, not data.";

    public static void ServerAccessLogTarget(IConstruct bucket)
    {
        var resource = Resource(bucket);
        CdkNag(resource, ("AwsSolutions-S1", AccessLogReason), ("HIPAA.Security-S3BucketLoggingEnabled", AccessLogReason), ("NIST.800.53.R5-S3BucketLoggingEnabled", AccessLogReason),
            ("PCI.DSS.321-S3BucketLoggingEnabled", AccessLogReason), ("HIPAA.Security-S3DefaultEncryptionKMS", AccessLogReason), ("NIST.800.53.R5-S3DefaultEncryptionKMS", AccessLogReason),
            ("PCI.DSS.321-S3DefaultEncryptionKMS", AccessLogReason));
        Guard(resource, "S3_BUCKET_LOGGING_ENABLED", "CT_S3_PR_2", "S3_BUCKET_DEFAULT_ENCRYPTION_KMS", "CT_S3_PR_10");
        Acknowledge.Finding(resource, RuleIds.BucketKmsEncryption, AccessLogReason);
    }

    /// <summary>Adds cdk-nag suppressions to a resource's metadata, keeping those already there.</summary>
    public static void CdkNag(CfnResource resource, params (string Id, string Reason)[] rules)
    {
        var list = new List<object>();
        if (resource.GetMetadata("cdk_nag") is IDictionary<string, object> existing && existing.TryGetValue("rules_to_suppress", out var items) && items is IEnumerable<object> previous)
        {
            list.AddRange(previous);
        }

        list.AddRange(rules.Select(r => (object)new Dictionary<string, object> { ["id"] = r.Id, ["reason"] = r.Reason }));
        resource.AddMetadata("cdk_nag", new Dictionary<string, object> { ["rules_to_suppress"] = list.ToArray() });
    }

    /// <summary>Adds cfn-guard rule suppressions to a resource's metadata, keeping those already there.</summary>
    public static void Guard(CfnResource resource, params string[] rules)
    {
        var list = new List<object>();
        if (resource.GetMetadata("guard") is IDictionary<string, object> existing && existing.TryGetValue("SuppressedRules", out var items) && items is IEnumerable<object> previous)
        {
            list.AddRange(previous);
        }

        list.AddRange(rules);
        resource.AddMetadata("guard", new Dictionary<string, object> { ["SuppressedRules"] = list.Distinct().ToArray() });
    }

    public static CfnResource Resource(IConstruct construct) =>
        construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
        ?? throw new InvalidOperationException(construct.Node.Path + " has no CloudFormation resource to annotate.");
}
