using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker.Internal;
using SecureSageMaker.Encryption;

namespace SecureSageMaker.Identity;

/// <summary>What an execution role is for; each adds to the least privilege of the one before.</summary>
internal enum ExecutionRoleKind
{
    /// <summary>Training, processing and hosting: read data, read and write models, write logs.</summary>
    Job,

    /// <summary>A notebook instance: a data scientist's seat; also starts jobs with the job role.</summary>
    Notebook,

    /// <summary>A Studio user or space: a notebook's rights plus Studio apps.</summary>
    Studio,
}

/// <summary>
/// Makes the workspace's execution roles: no AWS-managed policies, no <c>sagemaker:*</c>, every
/// statement scoped to the workspace's ARNs or, where an action has no resource, to a condition.
/// </summary>
internal static class ExecutionRoleFactory
{
    public static Role Create(Construct scope, string id, SecureMlWorkspace workspace, ExecutionRoleKind kind)
    {
        var stack = Stack.Of(scope);
        var role = new Role(scope, id, new RoleProps
        {
            AssumedBy = new ServicePrincipal("sagemaker.amazonaws.com"),
            Description = "SageMaker " + kind.ToString().ToLowerInvariant() + " execution role of a secure workspace (least privilege).",
            MaxSessionDuration = Duration.Hours(1),
        });

        _ = workspace.GrantRead(role);
        _ = workspace.GrantModelReadWrite(role);
        if (kind != ExecutionRoleKind.Job)
        {
            _ = workspace.GrantReadWrite(role);
        }

        foreach (var input in workspace.InputBuckets)
        {
            _ = input.GrantRead(role);
        }

        var logGroups = "arn:" + stack.Partition + ":logs:" + stack.Region + ":" + stack.Account + ":log-group:/aws/sagemaker/*";
        role.AddToPolicy(Statements.Allow("WriteSageMakerLogs", new[] { "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:CreateLogGroup" }, new[] { logGroups, logGroups + ":log-stream:*" }));
        role.AddToPolicy(Statements.Allow("PutSageMakerMetrics", new[] { "cloudwatch:PutMetricData" }, new[] { "*" }, new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["cloudwatch:namespace"] = new[] { "/aws/sagemaker/*", "aws/sagemaker/*" } },
            }));
        role.AddToPolicy(Statements.Allow("GetEcrToken", new[] { "ecr:GetAuthorizationToken" }, new[] { "*" }));

        var vpcArn = "arn:" + stack.Partition + ":ec2:" + stack.Region + ":" + stack.Account + ":vpc/" + workspace.Vpc.VpcId;
        role.AddToPolicy(Statements.Allow("DescribeNetwork", new[] { "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups" }, new[] { "*" }));
        role.AddToPolicy(Statements.Allow("ManageNetworkInterfacesInTheWorkspaceVpc", new[] { "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission" }, new[] { "*" }, new Dictionary<string, object>
            {
                ["ArnEqualsIfExists"] = new Dictionary<string, object> { ["ec2:Vpc"] = vpcArn },
            }));
        role.AddToPolicy(WorkspaceKey.UseThroughServices(workspace.Keys.DataKey,
            new[] { "kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*" },
            "sagemaker", "s3", "ec2"));

        if (kind != ExecutionRoleKind.Job)
        {
            AddDataScientistRights(role, workspace, stack, kind);
        }

        workspace.AttachGuardrails(role);
        SuppressWildcardFinding(role);
        return role;
    }

    /// <summary>Tells cdk-nag why the role's policy has wildcards: each is scoped by an ARN prefix of this account or by a condition.</summary>
    internal static void SuppressWildcardFinding(IRole role)
    {
        if (role.Node.TryFindChild("DefaultPolicy") is { } policy)
        {
            Guardrails.CdkNagSuppressions.Suppress(policy, "AwsSolutions-IAM5",
                "Wildcards are limited to this account's SageMaker ARN prefixes (training-job/*, model/*, log-group:/aws/sagemaker/*, bucket/*) or to actions without resource-level permissions, scoped by conditions (kms:ViaService, ec2:Vpc, cloudwatch:namespace).");
        }
    }

    private static void AddDataScientistRights(Role role, SecureMlWorkspace workspace, Stack stack, ExecutionRoleKind kind)
    {
        string Arn(string resource) => "arn:" + stack.Partition + ":sagemaker:" + stack.Region + ":" + stack.Account + ":" + resource;
        role.AddToPolicy(Statements.Allow("RunWorkspaceJobsAndModels", new[]
            {
                "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
                "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob",
                "sagemaker:CreateHyperParameterTuningJob", "sagemaker:DescribeHyperParameterTuningJob", "sagemaker:StopHyperParameterTuningJob",
                "sagemaker:CreateModel", "sagemaker:DescribeModel", "sagemaker:AddTags", "sagemaker:ListTags",
            }, new[]
            {
                Arn("training-job/*"), Arn("processing-job/*"), Arn("hyper-parameter-tuning-job/*"), Arn("model/*"),
            }));
        role.AddToPolicy(Statements.Allow("ListSageMakerResources", new[] { "sagemaker:ListTrainingJobs", "sagemaker:ListProcessingJobs", "sagemaker:ListModels", "sagemaker:ListEndpoints", "sagemaker:Search" }, new[] { "*" }));
        role.AddToPolicy(Statements.Allow("PassTheJobRoleToSageMaker", new[] { "iam:PassRole" }, new[] { workspace.JobRole.RoleArn }, new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "sagemaker.amazonaws.com" },
            }));

        if (kind == ExecutionRoleKind.Studio)
        {
            role.AddToPolicy(Statements.Allow("UseStudioApps", new[]
                {
                    "sagemaker:CreateApp", "sagemaker:DeleteApp", "sagemaker:DescribeApp", "sagemaker:ListApps",
                    "sagemaker:DescribeDomain", "sagemaker:DescribeUserProfile", "sagemaker:DescribeSpace", "sagemaker:ListSpaces",
                    "sagemaker:CreateSpace", "sagemaker:UpdateSpace", "sagemaker:DeleteSpace",
                }, new[] { Arn("app/*"), Arn("domain/*"), Arn("user-profile/*"), Arn("space/*") }));
        }
    }
}
