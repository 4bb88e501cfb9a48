using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using SecureSageMaker.Examples;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>Deployable by construction: no collisions between stacks, retries that succeed, deletes that keep data, any partition.</summary>
public class DeploymentTests
{
    [Fact]
    public void Workspace_CreatesNoAccountWideLogGroup()
    {
        var names = Shared.DefaultCfn.OfType("AWS::Logs::LogGroup").Select(g => g.Resource["Properties"]?["LogGroupName"]?.ToJsonString()).Where(n => n is not null).ToList();
        Assert.DoesNotContain(names, n => n!.Contains("/aws/sagemaker/TrainingJobs", StringComparison.Ordinal) || n.Contains("/aws/sagemaker/ProcessingJobs", StringComparison.Ordinal));
    }

    [Fact]
    public void Baseline_CreatesSageMakersLogGroupsOnce_RetainedExceptWhenTheFirstCreateRollsBack()
    {
        var cfn = new Cfn(Template.FromStack(ExampleStacks.AddBaseline(new App(), TestStacks.Synthesizer())));
        var groups = cfn.OfType("AWS::Logs::LogGroup").Select(g => g.Resource).ToList();
        Assert.Equal(SageMakerLogGroups.Names.Count, groups.Count);
        Assert.All(groups, g =>
        {
            Assert.Equal("RetainExceptOnCreate", (string?)g["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)g["UpdateReplacePolicy"]);
            Assert.NotNull(g["Properties"]!["KmsKeyId"]);
        });
    }

    [Fact]
    public void NamedResources_AreUniquePerWorkspace_SoTwoWorkspacesShareAnAccount()
    {
        // GIVEN
        var stack = TestStacks.Create();
        _ = new SecureMlWorkspace(stack, "A", new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps(), IdleShutdown = Duration.Hours(1) });
        _ = new SecureMlWorkspace(stack, "B", new SecureMlWorkspaceProps { PackageMirror = new PackageMirrorProps(), IdleShutdown = Duration.Hours(1), Network = new PrivateNetworkProps { VpcCidr = "10.43.0.0/16" } });

        // THEN
        var cfn = TestStacks.Synth(stack);
        var names = cfn.Json["Resources"]!.AsObject()
            .SelectMany(r => (r.Value!["Properties"] as JsonObject ?? new JsonObject()).Where(p => p.Key.EndsWith("Name", StringComparison.Ordinal) && p.Key != "ServiceName" && p.Value is JsonValue or JsonObject).Select(p => r.Value!["Type"] + "/" + p.Key + "=" + p.Value!.ToJsonString()))
            // CodeArtifact repository names are unique per domain (each workspace has its own); association names need not be unique.
            .Where(n => !n.StartsWith("AWS::CodeArtifact::Repository/", StringComparison.Ordinal) && !n.StartsWith("AWS::Route53Resolver::FirewallRuleGroupAssociation/Name", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(names, n => n.StartsWith("AWS::SageMaker::StudioLifecycleConfig/", StringComparison.Ordinal));
        var duplicates = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "names used twice: " + string.Join("; ", duplicates));
        Assert.Empty(TestStacks.Errors(stack));
    }

    [Fact]
    public void DuplicatePhysicalNames_AreErrorsAtSynth_NamingThePropertyAndBothResources()
    {
        // GIVEN two notebooks and two workflows that share a name, and a raw log group named like the first notebook's would be
        var (stack, workspace) = TestStacks.Workspace();
        _ = workspace.AddNotebookInstance("First", new SecureNotebookInstanceProps { NotebookInstanceName = "team" });
        _ = workspace.AddNotebookInstance("Second", new SecureNotebookInstanceProps { NotebookInstanceName = "team" });
        var definition = new TrainingJobDefinition { Image = ContainerImage.FromDeepLearningContainer("pytorch-training", "2.3.0-cpu-py311") };
        _ = workspace.AddJobWorkflow("TrainA", new JobWorkflowProps { Name = "churn", Definition = definition });
        _ = workspace.AddJobWorkflow("TrainB", new JobWorkflowProps { Name = "churn", Definition = definition });

        // THEN synth reports each second use, naming the property and the first resource
        var errors = TestStacks.Errors(stack);
        Assert.Contains(errors, e => e.Contains("AWS::SageMaker::NotebookInstance NotebookInstanceName: received \"team\"", StringComparison.Ordinal) && e.Contains("WorkspaceFirst", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("AWS::SageMaker::Pipeline PipelineName", StringComparison.Ordinal));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void SecondBucketPolicy_OnAWorkspaceBucket_IsAnErrorAtSynth()
    {
        // GIVEN a policy of its own on the data bucket, which would replace the workspace's at deploy
        var (stack, workspace) = TestStacks.Workspace();
        _ = new Amazon.CDK.AWS.S3.CfnBucketPolicy(stack, "Second", new Amazon.CDK.AWS.S3.CfnBucketPolicyProps
        {
            Bucket = workspace.DataBucket.BucketName,
            PolicyDocument = new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = Array.Empty<object>() },
        });

        // THEN
        Assert.Contains(TestStacks.Errors(stack), e => e.Contains("AWS::S3::BucketPolicy Bucket", StringComparison.Ordinal) && e.Contains("A bucket has one policy", StringComparison.Ordinal));
    }

    [Fact]
    public void Retention_IsCoherent_NothingRetainedPointsAtWhatTheDeleteRemoves()
    {
        // What a retained resource may still name after the delete, and why that is safe.
        var allowed = new Dictionary<(string From, string To), string>
        {
            [("AWS::S3::BucketPolicy", "AWS::EC2::VPCEndpoint")] = "the kept perimeter names a deleted endpoint and so denies everyone but break-glass: it fails closed",
            [("AWS::S3::BucketPolicy", "AWS::IAM::Role")] = "an exemption for a deleted role exempts no one",
            [("AWS::IAM::ManagedPolicy", "AWS::IAM::Role")] = "the guardrails name roles only to attach to them",
            [("AWS::IAM::Policy", "AWS::IAM::Role")] = "a kept policy granting PassRole on a deleted role grants nothing",
            [("AWS::IAM::Policy", "AWS::StepFunctions::StateMachine")] = "same",
            [("AWS::IAM::Policy", "AWS::CodeArtifact::Repository")] = "a kept grant on a deleted repository grants nothing",
            [("AWS::IAM::Policy", "AWS::CodeArtifact::Domain")] = "same",
            [("AWS::SageMaker::Domain", "AWS::SageMaker::StudioLifecycleConfig")] = "a kept domain needs its lifecycle configuration only to start new apps",
            [("AWS::KMS::Key", "AWS::IAM::Role")] = "a key policy statement for a deleted role grants nothing",
        };
        foreach (var stack in new[] { Examples.DefaultStack, Examples.FullStack })
        {
            var resources = new Cfn(Template.FromStack(stack)).Json["Resources"]!.AsObject();
            var problems = new List<string>();
            foreach (var (id, node) in resources.Where(r => (string?)r.Value!["DeletionPolicy"] is "Retain" or "RetainExceptOnCreate"))
            {
                foreach (var target in References(node!["Properties"]).Distinct())
                {
                    var referenced = resources[target];
                    if (referenced is null || (string?)referenced["DeletionPolicy"] is "Retain" or "RetainExceptOnCreate")
                    {
                        continue;
                    }

                    var pair = ((string)node["Type"]!, (string)referenced["Type"]!);
                    if (!allowed.ContainsKey(pair))
                    {
                        problems.Add(id + " (" + pair.Item1 + ") -> " + target + " (" + pair.Item2 + ")");
                    }
                }
            }

            Assert.True(problems.Count == 0, stack.StackName + ": retained resources name resources the delete removes: " + string.Join("; ", problems));
        }
    }

    [Fact]
    public void Partition_FollowsTheStack_WithNoHardCodedAwsPartitionOrRegion()
    {
        // GIVEN a stack in China
        var stack = TestStacks.Create("China", region: "cn-north-1");
        var workspace = new SecureMlWorkspace(stack, "Workspace");
        _ = workspace.AddJobWorkflow("Training", new JobWorkflowProps { Name = "t", Definition = new TrainingJobDefinition { Image = ContainerImage.FromDeepLearningContainer("pytorch-training", "2.3.0-cpu-py311") } });

        // THEN
        var text = TestStacks.Synth(stack).Json.ToJsonString();
        Assert.DoesNotContain("\"arn:aws:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("us-east-1", text, StringComparison.Ordinal);
        Assert.Contains("727897471807.dkr.ecr.cn-north-1.", text, StringComparison.Ordinal);
        Assert.Contains("AWS::Partition", text, StringComparison.Ordinal);
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o["Ref"] is JsonValue r && r.TryGetValue<string>(out var id):
                yield return id;
                break;
            case JsonObject o when o["Fn::GetAtt"] is JsonArray a && a.Count > 0:
                yield return (string)a[0]!;
                break;
            case JsonObject o:
                foreach (var inner in o.SelectMany(p => References(p.Value)))
                {
                    yield return inner;
                }

                break;
            case JsonArray a:
                foreach (var inner in a.SelectMany(References))
                {
                    yield return inner;
                }

                break;
        }
    }
}
