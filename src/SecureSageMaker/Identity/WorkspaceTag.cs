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

    /// <summary>
    /// The resource types the workspace tags with <see cref="Key"/>, so that the organization's data-perimeter SCPs
    /// (<see cref="Guardrails.DataPerimeterStatements"/>) find them: the network, keys, log groups, flow logs and the
    /// package mirror. SageMaker types are left out: the tag scopes what a seat may describe and invoke there, and a
    /// user profile's tags are create-only (a new tag would replace it).
    /// </summary>
    public static readonly string[] PerimeterTypes =
    {
        "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::SecurityGroup", "AWS::EC2::VPCEndpoint", "AWS::EC2::FlowLog",
        "AWS::KMS::Key", "AWS::Logs::LogGroup", "AWS::CodeArtifact::Domain", "AWS::CodeArtifact::Repository",
    };

    /// <summary>Tags the perimeter resources under <paramref name="scope"/> (<see cref="PerimeterTypes"/>).</summary>
    public static void TagPerimeter(Constructs.IConstruct scope, string value) =>
        Amazon.CDK.Tags.Of(scope).Add(Key, value, new TagProps { IncludeResourceTypes = PerimeterTypes });

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
