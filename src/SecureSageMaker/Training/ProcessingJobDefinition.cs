using Amazon.CDK.AWS.S3;
using SecureSageMaker.Internal;

namespace SecureSageMaker.Training;

/// <summary>A processing input or output: a key prefix in a workspace bucket and a path in the container.</summary>
public sealed class ProcessingData
{
    /// <summary>Name of the input or output.</summary>
    public required string Name { get; init; }

    /// <summary>Key prefix in the bucket.</summary>
    public required string KeyPrefix { get; init; }

    /// <summary>Path in the container.</summary>
    /// <remarks><strong>Default</strong>: <c>/opt/ml/processing/&lt;input|output&gt;/&lt;name&gt;</c>.</remarks>
    public string? LocalPath { get; init; }

    /// <summary>The bucket.</summary>
    /// <remarks><strong>Default</strong>: the workspace's data bucket.</remarks>
    public IBucket? Bucket { get; init; }
}

/// <summary>A processing job: image, instances, inputs and outputs in workspace buckets, and a stopping condition.</summary>
public sealed class ProcessingJobDefinition : JobDefinition
{
    /// <summary>Inputs.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public ProcessingData[]? Inputs { get; init; }

    /// <summary>Outputs, uploaded at the end of the job, encrypted with the data key.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public ProcessingData[]? Outputs { get; init; }

    /// <summary>The container's entrypoint.</summary>
    /// <remarks><strong>Default</strong>: the image's own.</remarks>
    public string[]? ContainerEntrypoint { get; init; }

    internal override JobKind Kind => JobKind.Processing;

    internal override Dictionary<string, object> Render(SecureMlWorkspace workspace, string roleArn)
    {
        var app = new Dictionary<string, object> { ["ImageUri"] = Image };
        if (ContainerEntrypoint is { Length: > 0 })
        {
            app["ContainerEntrypoint"] = ContainerEntrypoint;
        }

        return new Dictionary<string, object>
        {
            ["AppSpecification"] = app,
            ["RoleArn"] = roleArn,
            ["ProcessingResources"] = new Dictionary<string, object>
            {
                ["ClusterConfig"] = new Dictionary<string, object>
                {
                    ["InstanceType"] = InstanceType ?? Defaults.JobInstanceType,
                    ["InstanceCount"] = InstanceCount ?? Defaults.JobInstanceCount,
                    ["VolumeSizeInGB"] = VolumeSizeInGb ?? Defaults.JobVolumeSizeInGb,
                    ["VolumeKmsKeyId"] = workspace.Keys.DataKey.KeyArn,
                },
            },
            ["ProcessingInputs"] = (Inputs ?? Array.Empty<ProcessingData>()).Select(i => (object)new Dictionary<string, object>
            {
                ["InputName"] = i.Name,
                ["S3Input"] = new Dictionary<string, object>
                {
                    ["S3Uri"] = S3Uri(i.Bucket ?? workspace.DataBucket.Bucket, i.KeyPrefix),
                    ["LocalPath"] = i.LocalPath ?? "/opt/ml/processing/input/" + i.Name,
                    ["S3DataType"] = "S3Prefix",
                    ["S3InputMode"] = "File",
                },
            }).ToArray(),
            ["ProcessingOutputConfig"] = new Dictionary<string, object>
            {
                ["Outputs"] = (Outputs ?? Array.Empty<ProcessingData>()).Select(o => (object)new Dictionary<string, object>
                {
                    ["OutputName"] = o.Name,
                    ["S3Output"] = new Dictionary<string, object>
                    {
                        ["S3Uri"] = S3Uri(o.Bucket ?? workspace.DataBucket.Bucket, o.KeyPrefix),
                        ["LocalPath"] = o.LocalPath ?? "/opt/ml/processing/output/" + o.Name,
                        ["S3UploadMode"] = "EndOfJob",
                    },
                }).ToArray(),
                ["KmsKeyId"] = workspace.Keys.DataKey.KeyArn,
            },
            ["NetworkConfig"] = new Dictionary<string, object>
            {
                ["EnableNetworkIsolation"] = true,
                ["EnableInterContainerTrafficEncryption"] = true,
                ["VpcConfig"] = VpcConfig(workspace),
            },
            ["StoppingCondition"] = new Dictionary<string, object> { ["MaxRuntimeInSeconds"] = MaxRuntimeInSeconds ?? Defaults.JobMaxRuntimeInSeconds },
        };
    }

    internal override void Check(PropsValidator v)
    {
        base.Check(v);
        foreach (var (property, items) in new[] { ("Inputs", Inputs), ("Outputs", Outputs) })
        {
            foreach (var item in items ?? Array.Empty<ProcessingData>())
            {
                v.Require(!string.IsNullOrWhiteSpace(item?.Name), property, item?.Name, "Name each input and output.");
                CheckPrefix(v, item?.KeyPrefix, property);
            }
        }
    }
}
