using System.Text.RegularExpressions;
using SecureSageMaker.Internal;

namespace SecureSageMaker.Training;

/// <summary>A training job: image, instances, input channels from workspace buckets, output to the model bucket, hyperparameters and a stopping condition.</summary>
public sealed partial class TrainingJobDefinition : JobDefinition
{
    /// <summary>Input channels.</summary>
    /// <remarks><strong>Default</strong>: one channel <c>train</c> over the data bucket's <c>train/</c> prefix.</remarks>
    public TrainingChannel[]? Channels { get; init; }

    /// <summary>Key prefix of the output in the model bucket.</summary>
    /// <remarks><strong>Default</strong>: <c>training-output/</c>.</remarks>
    public string? OutputPrefix { get; init; }

    /// <summary>Hyperparameters passed to the algorithm.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public IDictionary<string, string>? Hyperparameters { get; init; }

    internal override JobKind Kind => JobKind.Training;

    internal override Dictionary<string, object> Render(SecureMlWorkspace workspace, string roleArn)
    {
        var channels = Channels ?? new[] { new TrainingChannel { Name = "train", KeyPrefix = "train/" } };
        var request = new Dictionary<string, object>
        {
            ["AlgorithmSpecification"] = new Dictionary<string, object> { ["TrainingImage"] = Image, ["TrainingInputMode"] = "File" },
            ["RoleArn"] = roleArn,
            ["InputDataConfig"] = channels.Select(c => (object)new Dictionary<string, object>
            {
                ["ChannelName"] = c.Name,
                ["DataSource"] = new Dictionary<string, object>
                {
                    ["S3DataSource"] = new Dictionary<string, object>
                    {
                        ["S3DataType"] = "S3Prefix",
                        ["S3Uri"] = S3Uri(c.Bucket ?? workspace.DataBucket.Bucket, c.KeyPrefix ?? string.Empty),
                        ["S3DataDistributionType"] = "FullyReplicated",
                    },
                },
            }).ToArray(),
            ["OutputDataConfig"] = new Dictionary<string, object>
            {
                ["S3OutputPath"] = S3Uri(workspace.ModelBucket.Bucket, OutputPrefix ?? "training-output/"),
                ["KmsKeyId"] = workspace.Keys.DataKey.KeyArn,
            },
            ["ResourceConfig"] = new Dictionary<string, object>
            {
                ["InstanceType"] = InstanceType ?? Defaults.JobInstanceType,
                ["InstanceCount"] = InstanceCount ?? Defaults.JobInstanceCount,
                ["VolumeSizeInGB"] = VolumeSizeInGb ?? Defaults.JobVolumeSizeInGb,
                ["VolumeKmsKeyId"] = workspace.Keys.DataKey.KeyArn,
            },
            ["StoppingCondition"] = new Dictionary<string, object> { ["MaxRuntimeInSeconds"] = MaxRuntimeInSeconds ?? Defaults.JobMaxRuntimeInSeconds },
            ["VpcConfig"] = VpcConfig(workspace),
            ["EnableNetworkIsolation"] = true,
            ["EnableInterContainerTrafficEncryption"] = true,
        };
        if (Hyperparameters is { Count: > 0 })
        {
            request["HyperParameters"] = Hyperparameters.ToDictionary(p => p.Key, p => (object)p.Value);
        }

        return request;
    }

    internal override void Check(PropsValidator v)
    {
        base.Check(v);
        CheckPrefix(v, OutputPrefix, "OutputPrefix");
        var channels = Channels ?? Array.Empty<TrainingChannel>();
        foreach (var channel in channels)
        {
            v.Require(channel is not null && ChannelName().IsMatch(channel.Name ?? string.Empty), "Channels", channel?.Name,
                "Name each channel with 1 to 64 letters, digits, dots, hyphens or underscores.");
            CheckPrefix(v, channel?.KeyPrefix, "Channels");
        }

        foreach (var dup in channels.Where(c => c is not null).GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Fail("Channels", dup.Key, "Give each channel a distinct name.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9.\\-_]{1,64}$")]
    private static partial Regex ChannelName();
}
