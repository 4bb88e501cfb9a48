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

    private const string ReplicationReason = "Versioning and Retain keep every version of every object in this account; cross-region replication is an option (SecureBucketProps.Replication) for teams whose rules require a second region.";

    private const string ObjectLockReason = "Object Lock makes objects immutable for a retention period, which data science workflows that overwrite or delete data cannot use; versioning and Retain keep every version. Object Lock is an option (SecureBucketProps.ObjectLockRetention).";

    private const string InlinePolicyReason = "This AWS::IAM::Policy is the CDK default policy of exactly one role, holding that role's least-privilege grants; it cannot be attached elsewhere, which is what the rule guards against.";

    private static readonly string[] Packs = { "HIPAA.Security", "NIST.800.53.R5", "PCI.DSS.321" };

    public static void ServerAccessLogTarget(IConstruct bucket)
    {
        var resource = Resource(bucket);
        CdkNag(resource, Packs.Select(p => (p + "-S3DefaultEncryptionKMS", AccessLogReason)).ToArray());
        Guard(resource, "s3_bucket_logging_enabled_check", "s3_bucket_default_encryption_kms_check");
        Acknowledge.Finding(resource, RuleIds.BucketKmsEncryption, AccessLogReason);
    }

    /// <summary>A bucket without cross-region replication or Object Lock, by choice (both are options).</summary>
    public static void NoReplicationOrObjectLock(IConstruct bucket, bool replicated, bool locked)
    {
        var resource = Resource(bucket);
        if (!replicated)
        {
            CdkNag(resource, Packs.Select(p => (p + "-S3BucketReplicationEnabled", ReplicationReason)).ToArray());
        }

        if (!locked)
        {
            GuardWithReason(resource, "s3_bucket_object_lock_enabled_check", ObjectLockReason);
        }
    }

    /// <summary>The default policy of a role: cdk-nag's compliance packs flag every AWS::IAM::Policy as inline.</summary>
    public static void RoleDefaultPolicy(CfnResource policy) =>
        CdkNag(policy, Packs.Select(p => (p + "-IAMNoInlinePolicy", InlinePolicyReason)).ToArray());

    /// <summary>The self-referencing all-traffic rule of distributed training.</summary>
    public static void SelfReferencingRule(CfnResource rule)
    {
        const string reason = "All protocols only between members of the workload security group (a self reference, not an address range): distributed training exchanges traffic on ports the framework chooses. Raised as warning SecureSageMaker:SelfReferencingTraffic.";
        CdkNag(rule, Packs.Select(p => (p + "-EC2RestrictedCommonPorts", reason)).Append(("AwsSolutions-EC23", reason)).ToArray());
    }

    /// <summary>A log group whose key comes from another stack: Control Tower's rule reads only keys of the same template.</summary>
    public static void CrossStackLogKey(CfnResource group) =>
        GuardWithReason(group, "cloudwatch_log_group_encrypted_check", "The log group is encrypted with the workspace's logs key, which another stack of the app owns (Fn::ImportValue); the rule accepts only a key of the same template.");

    /// <summary>Suppresses a cfn-guard rule and records the reason beside it: cfn-guard's metadata has no field for one.</summary>
    private static void GuardWithReason(CfnResource resource, string rule, string reason)
    {
        Guard(resource, rule);
        var reasons = resource.GetMetadata("SecureSageMaker") as IDictionary<string, object> ?? new Dictionary<string, object>();
        var map = new Dictionary<string, object>(reasons) { ["guard:" + rule] = reason };
        resource.AddMetadata("SecureSageMaker", map);
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
