using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// What a data scientist's seat (a notebook instance's or Studio's execution role) may do beyond an
/// execution role: read and write the workspace's buckets, start jobs and models in this account with
/// the workspace's job role (and pass no other), and list what runs.
/// </summary>
internal static class DataScientistRights
{
    public static void Grant(Role role, IMlWorkspace workspace)
    {
        var stack = Stack.Of(role);
        string Arn(string resource) => stack.FormatArn(new ArnComponents { Service = "sagemaker", Resource = resource, ResourceName = "*" });
        BucketGrants.ReadWrite(role, workspace.DataBucket, workspace.DataKey);
        BucketGrants.ReadWrite(role, workspace.ModelBucket, workspace.DataKey);
        foreach (var input in workspace.InputBuckets)
        {
            BucketGrants.Read(role, input, input.EncryptionKey);
        }

        var resources = new[] { Arn("training-job"), Arn("processing-job"), Arn("hyper-parameter-tuning-job"), Arn("transform-job"), Arn("model") };
        var tag = WorkspaceTag.Value(workspace);
        role.AddToPolicy(IamJson.Allow("StartWorkspaceJobsAndModels", new[]
            {
                "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob", "sagemaker:CreateTransformJob",
                "sagemaker:CreateModel",
            }, resources, IamJson.Condition("StringEquals", "aws:RequestTag/" + WorkspaceTag.Key, tag)));
        // Tag integrity: the workspace's tag goes only on what has none yet (a create) or has it already, never onto
        // another workspace's job to then describe or stop it; the seats never remove it.
        var tagging = IamJson.Condition("StringEquals", "aws:RequestTag/" + WorkspaceTag.Key, tag);
        tagging["StringEqualsIfExists"] = new Dictionary<string, object> { ["aws:ResourceTag/" + WorkspaceTag.Key] = tag };
        role.AddToPolicy(IamJson.Allow("TagWhatTheWorkspaceStarts", new[] { "sagemaker:AddTags" }, resources, tagging));
        role.AddToPolicy(IamJson.Allow("WatchAndStopWorkspaceJobsAndModels", new[]
            {
                "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob",
                "sagemaker:DescribeHyperParameterTuningJob", "sagemaker:StopHyperParameterTuningJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob",
                "sagemaker:DescribeModel", "sagemaker:ListTags",
            }, resources, IamJson.Condition("StringEquals", "aws:ResourceTag/" + WorkspaceTag.Key, tag)));
        // Endpoints the workspace lets its seats use carry its tag (EncryptedEndpointProps.InvokableBySeats); the seats
        // reach them only from the workspace's VPC (through its runtime endpoint), never with copied credentials from
        // elsewhere, and cannot tag an endpoint themselves.
        var invoking = IamJson.Condition("StringEquals", "aws:ResourceTag/" + WorkspaceTag.Key, tag);
        ((Dictionary<string, object>)invoking["StringEquals"])["aws:SourceVpc"] = workspace.Vpc.VpcId;
        role.AddToPolicy(IamJson.Allow("InvokeWorkspaceEndpoints", EncryptedEndpoint.InvokeActions, new[] { Arn("endpoint") }, invoking));
        role.AddToPolicy(WorkspaceTag.ReadJumpStartCache(stack));
        role.AddToPolicy(IamJson.Allow("ListSageMakerResources", new[] { "sagemaker:ListTrainingJobs", "sagemaker:ListProcessingJobs", "sagemaker:ListModels", "sagemaker:ListEndpoints", "sagemaker:Search" }, new[] { "*" }));
        role.AddToPolicy(ExecutionRoles.PassToSageMaker(workspace.JobRole));
    }
}
