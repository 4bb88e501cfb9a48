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

        role.AddToPolicy(IamJson.Allow("RunWorkspaceJobsAndModels", new[]
            {
                "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
                "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob",
                "sagemaker:CreateHyperParameterTuningJob", "sagemaker:DescribeHyperParameterTuningJob", "sagemaker:StopHyperParameterTuningJob",
                "sagemaker:CreateModel", "sagemaker:DescribeModel", "sagemaker:AddTags", "sagemaker:ListTags",
            }, new[] { Arn("training-job"), Arn("processing-job"), Arn("hyper-parameter-tuning-job"), Arn("model") }));
        role.AddToPolicy(IamJson.Allow("ListSageMakerResources", new[] { "sagemaker:ListTrainingJobs", "sagemaker:ListProcessingJobs", "sagemaker:ListModels", "sagemaker:ListEndpoints", "sagemaker:Search" }, new[] { "*" }));
        role.AddToPolicy(ExecutionRoles.PassToSageMaker(workspace.JobRole));
    }
}
