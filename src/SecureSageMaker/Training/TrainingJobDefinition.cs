using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>A training job: image, instances, input channels from the workspace's buckets, output to a prefix of its own in the model bucket, hyperparameters and a stopping condition.</summary>
public sealed partial class TrainingJobDefinition : JobDefinition
{
    /// <summary>Input channels.</summary>
    /// <remarks><strong>Default</strong>: one channel <c>train</c> over the data bucket's <c>train/</c> prefix.</remarks>
    public TrainingChannel[]? Channels { get; init; }

    /// <summary>Key prefix of the output in the model bucket; the workflow's role may write there and nowhere else.</summary>
    /// <remarks><strong>Default</strong>: <c>training-output/&lt;workflow name&gt;/</c>.</remarks>
    public string? OutputPrefix { get; init; }

    /// <summary>Hyperparameters passed to the algorithm (at most 100; keys up to 256 characters, values up to 2,500).</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public IReadOnlyDictionary<string, string>? Hyperparameters { get; init; }

    internal override string Api => "Training";

    private TrainingChannel[] ResolvedChannels => Channels ?? new[] { new TrainingChannel { Name = "train", KeyPrefix = "train/" } };

    internal string Output(string workflowName) => OutputPrefix ?? "training-output/" + workflowName + "/";

    internal override Dictionary<string, object> Render(Construct scope, IMlWorkspace workspace, string roleArn, string workflowName)
    {
        var request = new Dictionary<string, object>
        {
            ["AlgorithmSpecification"] = new Dictionary<string, object> { ["TrainingImage"] = Image.Uri(scope), ["TrainingInputMode"] = "File" },
            ["RoleArn"] = roleArn,
            ["InputDataConfig"] = ResolvedChannels.Select(c => (object)new Dictionary<string, object>
            {
                ["ChannelName"] = c.Name,
                ["DataSource"] = new Dictionary<string, object>
                {
                    ["S3DataSource"] = new Dictionary<string, object>
                    {
                        ["S3DataType"] = "S3Prefix",
                        ["S3Uri"] = S3Uri(c.Bucket ?? workspace.DataBucket, c.KeyPrefix),
                        ["S3DataDistributionType"] = "FullyReplicated",
                    },
                },
            }).ToArray(),
            ["OutputDataConfig"] = new Dictionary<string, object>
            {
                ["S3OutputPath"] = S3Uri(workspace.ModelBucket, Output(workflowName)),
                ["KmsKeyId"] = workspace.DataKey.KeyArn,
            },
            ["ResourceConfig"] = Resources(workspace),
            ["StoppingCondition"] = new Dictionary<string, object> { ["MaxRuntimeInSeconds"] = MaxRuntimeInSeconds ?? Defaults.JobMaxRuntimeInSeconds },
            ["VpcConfig"] = VpcConfig(workspace),
            ["EnableNetworkIsolation"] = true,
            ["EnableInterContainerTrafficEncryption"] = true,
            ["Tags"] = WorkspaceTag.Tags(workspace),
        };
        if (Hyperparameters is { Count: > 0 })
        {
            request["HyperParameters"] = Hyperparameters.ToDictionary(p => p.Key, p => (object)p.Value);
        }

        return request;
    }

    internal override void GrantData(IGrantable role, IMlWorkspace workspace, string workflowName)
    {
        foreach (var channel in ResolvedChannels)
        {
            var bucket = channel.Bucket ?? workspace.DataBucket;
            BucketGrants.Read(role, bucket, KeyOf(bucket, workspace), channel.KeyPrefix);
        }

        BucketGrants.ReadWrite(role, workspace.ModelBucket, workspace.DataKey, Output(workflowName));
    }

    internal override void Check(PropsValidator v, IConstruct scope, IMlWorkspace? workspace)
    {
        base.Check(v, scope, workspace);
        CheckPrefix(v, OutputPrefix, "Definition.OutputPrefix", required: false);
        var channels = Channels ?? Array.Empty<TrainingChannel>();
        if (!v.NoNullEntries(channels, "Definition.Channels"))
        {
            return;
        }

        foreach (var (channel, i) in channels.Select((c, i) => (c, i)))
        {
            var at = "Definition.Channels[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
            v.Require(Tokens.IsUnresolved(channel.Name) || ChannelName().IsMatch(channel.Name ?? string.Empty), at + ".Name", channel.Name,
                "Name each channel with 1 to 64 letters, digits, dots, hyphens or underscores.");
            CheckPrefix(v, channel.KeyPrefix, at + ".KeyPrefix", required: true);
            CheckBucket(v, channel.Bucket, workspace, at + ".Bucket", write: false);
        }

        foreach (var dup in channels.Where(c => Tokens.IsLiteral(c.Name)).GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Fail("Definition.Channels", dup.Key, "Give each channel a distinct name.");
        }

        CheckHyperparameters(v);
    }

    private void CheckHyperparameters(PropsValidator v)
    {
        if (Hyperparameters is null)
        {
            return;
        }

        v.Require(Hyperparameters.Count <= 100, "Definition.Hyperparameters", Hyperparameters.Count + " entries", "Use at most 100 hyperparameters (SageMaker's limit).");
        foreach (var (key, value) in Hyperparameters)
        {
            v.Require(key.Length is > 0 and <= 256, "Definition.Hyperparameters", key, "Keep each hyperparameter name 1 to 256 characters.");
            v.Require(value is not null && value.Length <= 2500, "Definition.Hyperparameters", string.Format(CultureInfo.InvariantCulture, "{0} ({1} characters)", key, value?.Length), "Keep each value at most 2,500 characters (SageMaker's limit).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9.\\-_]{1,64}$")]
    private static partial Regex ChannelName();
}
