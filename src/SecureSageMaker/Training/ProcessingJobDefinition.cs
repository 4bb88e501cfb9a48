using System.Globalization;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>A processing job: image, instances, inputs and outputs in the workspace's buckets (the workflow's role may read the inputs and write the outputs, nothing more), and a stopping condition.</summary>
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

    internal override string Api => "Processing";

    internal override Dictionary<string, object> Render(Construct scope, IMlWorkspace workspace, string roleArn, string workflowName)
    {
        var app = new Dictionary<string, object> { ["ImageUri"] = Image.Uri(scope) };
        if (ContainerEntrypoint is { Length: > 0 })
        {
            app["ContainerEntrypoint"] = ContainerEntrypoint;
        }

        return new Dictionary<string, object>
        {
            ["AppSpecification"] = app,
            ["RoleArn"] = roleArn,
            ["ProcessingResources"] = new Dictionary<string, object> { ["ClusterConfig"] = Resources(workspace) },
            ["ProcessingInputs"] = (Inputs ?? Array.Empty<ProcessingData>()).Select(i => (object)new Dictionary<string, object>
            {
                ["InputName"] = i.Name,
                ["S3Input"] = new Dictionary<string, object>
                {
                    ["S3Uri"] = S3Uri(i.Bucket ?? workspace.DataBucket, i.KeyPrefix),
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
                        ["S3Uri"] = S3Uri(o.Bucket ?? workspace.DataBucket, o.KeyPrefix),
                        ["LocalPath"] = o.LocalPath ?? "/opt/ml/processing/output/" + o.Name,
                        ["S3UploadMode"] = "EndOfJob",
                    },
                }).ToArray(),
                ["KmsKeyId"] = workspace.DataKey.KeyArn,
            },
            ["NetworkConfig"] = new Dictionary<string, object>
            {
                ["EnableNetworkIsolation"] = true,
                ["EnableInterContainerTrafficEncryption"] = true,
                ["VpcConfig"] = VpcConfig(workspace),
            },
            ["StoppingCondition"] = new Dictionary<string, object> { ["MaxRuntimeInSeconds"] = MaxRuntimeInSeconds ?? Defaults.JobMaxRuntimeInSeconds },
            ["Tags"] = WorkspaceTag.Tags(workspace),
        };
    }

    internal override void GrantData(IGrantable role, IMlWorkspace workspace, string workflowName)
    {
        foreach (var input in Inputs ?? Array.Empty<ProcessingData>())
        {
            var bucket = input.Bucket ?? workspace.DataBucket;
            BucketGrants.Read(role, bucket, KeyOf(bucket, workspace), input.KeyPrefix);
        }

        foreach (var output in Outputs ?? Array.Empty<ProcessingData>())
        {
            var bucket = output.Bucket ?? workspace.DataBucket;
            BucketGrants.ReadWrite(role, bucket, KeyOf(bucket, workspace), output.KeyPrefix);
        }
    }

    internal override void Check(PropsValidator v, IConstruct scope, IMlWorkspace? workspace)
    {
        base.Check(v, scope, workspace);
        foreach (var (property, items, kind, write) in new[] { ("Definition.Inputs", Inputs, "input", false), ("Definition.Outputs", Outputs, "output", true) })
        {
            if (!v.NoNullEntries(items, property))
            {
                continue;
            }

            foreach (var (item, i) in (items ?? Array.Empty<ProcessingData>()).Select((d, i) => (d, i)))
            {
                var at = property + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                v.Require(!string.IsNullOrWhiteSpace(item.Name), at + ".Name", item.Name, "Name each " + kind + ".");
                CheckPrefix(v, item.KeyPrefix, at + ".KeyPrefix", required: true);
                CheckBucket(v, item.Bucket, workspace, at + ".Bucket", write);
                if (Tokens.IsLiteral(item.LocalPath))
                {
                    v.Require(item.LocalPath!.StartsWith("/opt/ml/processing/", StringComparison.Ordinal) && !item.LocalPath.Contains("..", StringComparison.Ordinal), at + ".LocalPath", item.LocalPath,
                        "Use a path under /opt/ml/processing/ (SageMaker mounts processing data only there).");
                }
            }

            foreach (var dup in (items ?? Array.Empty<ProcessingData>()).Where(i => Tokens.IsLiteral(i.Name)).GroupBy(i => i.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                v.Fail(property, dup.Key, "Give each " + kind + " a distinct name.");
            }
        }
    }
}
