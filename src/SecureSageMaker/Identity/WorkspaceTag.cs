using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// The tag that marks what a workspace's people start: their roles may create jobs and models only
/// with it, and describe or stop only what carries it, so one workspace's notebooks cannot watch or
/// stop another's jobs in the same account.
/// </summary>
internal static class WorkspaceTag
{
    public const string Key = "SecureSageMakerWorkspace";

    /// <summary>The workspace's name, from its execution-role path (<c>/securesagemaker/&lt;name&gt;/</c>).</summary>
    public static string Value(IMlWorkspace workspace) => workspace.ExecutionRolePath.Trim('/').Split('/').Last();

    /// <summary>The tag in the form SageMaker requests take.</summary>
    public static object[] Tags(IMlWorkspace workspace) => new object[] { new Dictionary<string, object> { ["Key"] = Key, ["Value"] = Value(workspace) } };

    /// <summary>Read access to the region's JumpStart cache, which the S3 endpoint admits.</summary>
    public static PolicyStatement ReadJumpStartCache(Stack stack)
    {
        var bucket = stack.FormatArn(new ArnComponents { Service = "s3", Region = string.Empty, Account = string.Empty, Resource = "jumpstart-cache-prod-" + stack.Region });
        return IamJson.Allow("ReadJumpStartCache", new[] { "s3:GetObject", "s3:ListBucket" }, new[] { bucket, bucket + "/*" });
    }
}
