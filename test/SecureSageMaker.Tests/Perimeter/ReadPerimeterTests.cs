using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Xunit;

namespace SecureSageMaker.Tests.Perimeter;

/// <summary>
/// The read perimeter: a seat's credentials (a notebook's, a Studio user's) can be copied out of the instance or app
/// and used from a laptop; the buckets deny them every read that does not come through the workspace's S3 endpoint.
/// Only the execution roles of jobs and models, whose credentials stay in network-isolated containers, keep the
/// exemption SageMaker's own downloads need.
/// </summary>
public class ReadPerimeterTests
{
    private static readonly Lazy<(Stack Stack, Cfn Cfn)> Seats = new(() =>
    {
        var (stack, workspace) = TestStacks.Workspace(new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps() });
        _ = workspace.AddNotebookInstance("Notebook");
        _ = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps { DomainName = "studio", UserProfileNames = new[] { "analyst" } });
        return (stack, TestStacks.Synth(stack));
    });

    private static string Render(JsonNode node) => node switch
    {
        JsonValue v => (string)v!,
        JsonObject o when o["Ref"] is JsonValue r => (string)r! switch { "AWS::Partition" => "aws", "AWS::AccountId" => TestStacks.Account, var other => "{" + other + "}" },
        JsonObject o when o["Fn::Join"] is JsonArray j => string.Join((string?)j[0] ?? string.Empty, j[1]!.AsArray().Select(p => Render(p!))),
        _ => node.ToJsonString(),
    };

    private static bool Like(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$");

    private static string RoleArn(JsonObject role) => "arn:aws:iam::" + TestStacks.Account + ":role" + (string)role["Properties"]!["Path"]! + "GeneratedRoleName";

    public static TheoryData<string> SeatRoles => new() { "WorkspaceNotebookRole", "WorkspaceStudioRole" };

    [Theory]
    [MemberData(nameof(SeatRoles))]
    public void SeatRole_IsDeniedEveryBucketRead_FromOutsideTheWorkspacesEndpoint(string rolePrefix)
    {
        var arn = RoleArn(Seats.Value.Cfn.Resource(rolePrefix));
        var policies = Seats.Value.Cfn.OfType("AWS::S3::BucketPolicy").Where(p => !p.Id.Contains("AccessLogs", StringComparison.Ordinal)).ToList();
        Assert.True(policies.Count >= 2, "the data and model buckets' policies");
        foreach (var (id, policy) in policies)
        {
            var statement = Cfn.At(policy, "Properties", "PolicyDocument", "Statement").AsArray().Single(s => (string?)s!["Sid"] == "DenyDataAccessOutsideWorkspaceNetwork")!;
            Assert.Contains("s3:GetObject*", statement["Action"]!.ToJsonString(), StringComparison.Ordinal);
            var exempt = statement["Condition"]!["ArnNotLikeIfExists"]!["aws:PrincipalArn"]!.AsArray().Select(p => Render(p!)).ToList();
            Assert.True(exempt.Count > 0, id);
            Assert.DoesNotContain(exempt, pattern => Like(pattern, arn));
        }
    }

    [Fact]
    public void JobRole_KeepsTheExemption_SageMakersDownloadsNeed()
    {
        var arn = RoleArn(Seats.Value.Cfn.Resource("WorkspaceJobRole"));
        var statement = Seats.Value.Cfn.Statement("AWS::S3::BucketPolicy", "DenyDataAccessOutsideWorkspaceNetwork");
        Assert.Contains(statement["Condition"]!["ArnNotLikeIfExists"]!["aws:PrincipalArn"]!.AsArray().Select(p => Render(p!)), pattern => Like(pattern, arn));
    }

    [Fact]
    public void SeatRoles_StayUnderTheGuardedPrefix_AndReadTheMirror()
    {
        foreach (var prefix in new[] { "WorkspaceNotebookRole", "WorkspaceStudioRole" })
        {
            Assert.StartsWith("/securesagemaker/seats/", (string)Seats.Value.Cfn.Resource(prefix)["Properties"]!["Path"]!, StringComparison.Ordinal);
        }

        var deny = Cfn.Text(Seats.Value.Cfn.Single("AWS::CodeArtifact::Domain").Resource, "Properties", "PermissionsPolicyDocument");
        Assert.Contains(":role/securesagemaker/seats/", deny, StringComparison.Ordinal);
    }
}
