using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>What every execution role of a workspace is bound to.</summary>
internal sealed record RoleContext(Amazon.CDK.AWS.EC2.IVpc Vpc, Amazon.CDK.AWS.KMS.IKey DataKey, IReadOnlyList<IManagedPolicy> GuardrailPolicies, string ExecutionRolePath)
{
    public static RoleContext Of(IMlWorkspace workspace) => new(workspace.Vpc, workspace.DataKey, workspace.GuardrailPolicies, workspace.ExecutionRolePath);

    /// <summary>
    /// The context of a seat's role (a notebook's, a Studio user's or space's): users can read its credentials from the
    /// instance or app and use them anywhere, so it lives under <see cref="ExecutionRoles.SeatPath"/>, which the buckets'
    /// read exemption for execution roles does not match.
    /// </summary>
    public static RoleContext SeatOf(IMlWorkspace workspace) => Of(workspace) with { ExecutionRolePath = ExecutionRoles.SeatPath(workspace.ExecutionRolePath) };
}

/// <summary>
/// Makes the execution roles SageMaker assumes for the workspace's workloads: under the workspace's
/// execution-role path, one-hour sessions, no AWS-managed policies, no <c>sagemaker:*</c>, every
/// statement scoped to the workspace's ARNs or, where an action has no resource, to a condition, and
/// the workspace's guardrail policy attached. The caller adds what its workload needs (bucket grants,
/// an image pull) on top.
/// </summary>
internal static class ExecutionRoles
{
    /// <summary>
    /// The IAM path of a workspace's seat roles: <c>/securesagemaker/seats/&lt;workspace&gt;/</c> beside the execution roles'
    /// <c>/securesagemaker/&lt;workspace&gt;/</c>. Still under <see cref="Guardrails.GuardrailStatements.ExecutionRolePathPrefix"/>
    /// (the guardrails protect it; rule IM1 holds it to a SageMaker trust), never under the execution roles' path, whose
    /// roles the buckets let read from outside the network for SageMaker's own downloads.
    /// </summary>
    public static string SeatPath(string executionRolePath) =>
        executionRolePath.StartsWith(Guardrails.GuardrailStatements.ExecutionRolePathPrefix, StringComparison.Ordinal)
            ? Guardrails.GuardrailStatements.ExecutionRolePathPrefix + "seats/" + executionRolePath[Guardrails.GuardrailStatements.ExecutionRolePathPrefix.Length..]
            : Guardrails.GuardrailStatements.ExecutionRolePathPrefix + "seats/" + executionRolePath.Trim('/').Split('/').Last() + "/";

    public static Role Create(Construct scope, string id, RoleContext workspace, string purpose)
    {
        var stack = Stack.Of(scope);
        var role = new Role(scope, id, new RoleProps
        {
            AssumedBy = new ServicePrincipal("sagemaker.amazonaws.com"),
            Description = "SageMaker execution role of a secure workspace: " + purpose + " (least privilege).",
            MaxSessionDuration = Duration.Hours(1),
            Path = workspace.ExecutionRolePath,
        });
        var logGroups = stack.FormatArn(new ArnComponents { Service = "logs", Resource = "log-group", ResourceName = "/aws/sagemaker/*", ArnFormat = ArnFormat.COLON_RESOURCE_NAME });
        role.AddToPolicy(IamJson.Allow("WriteSageMakerLogs", new[] { "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:CreateLogGroup" }, new[] { logGroups, logGroups + ":log-stream:*" }));
        role.AddToPolicy(IamJson.Allow("PutSageMakerMetrics", new[] { "cloudwatch:PutMetricData" }, new[] { "*" },
            IamJson.Condition("StringLike", "cloudwatch:namespace", new[] { "/aws/sagemaker/*", "aws/sagemaker/*" })));
        role.AddToPolicy(IamJson.Allow("GetEcrToken", new[] { "ecr:GetAuthorizationToken" }, new[] { "*" }));
        role.AddToPolicy(IamJson.Allow("DescribeNetwork", new[] { "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups" }, new[] { "*" }));
        var vpcArn = stack.FormatArn(new ArnComponents { Service = "ec2", Resource = "vpc", ResourceName = workspace.Vpc.VpcId });
        role.AddToPolicy(IamJson.Allow("ManageNetworkInterfacesInTheWorkspaceVpc",
            new[] { "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission" },
            new[] { "*" }, IamJson.Condition("ArnEquals", "ec2:Vpc", vpcArn)));
        role.AddToPolicy(KeyFactory.UseThroughServices(workspace.DataKey,
            new[] { "kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*" },
            "sagemaker", "s3", "ec2"));
        AttachGuardrails(role, workspace.GuardrailPolicies);
        return role;
    }

    /// <summary>
    /// Tells cdk-nag why the role's default policy is what it is: its wildcards are scoped by an ARN
    /// prefix of this account or by a condition, and it is the default policy of this one role.
    /// </summary>
    public static void ExplainWildcards(IRole role)
    {
        if (role.Node.TryFindChild("DefaultPolicy") is { } policy)
        {
            const string reason = "Wildcards are limited to this account's SageMaker ARN prefixes (training-job/*, model/*, log-group:/aws/sagemaker/*, bucket/*) or to actions without resource-level permissions, scoped by conditions (kms:ViaService, ec2:Vpc, cloudwatch:namespace).";
            var resource = Guardrails.Suppressions.Resource(policy);
            Guardrails.Suppressions.CdkNag(resource, ("AwsSolutions-IAM5", reason));
            Guardrails.Suppressions.RoleDefaultPolicy(resource);
        }
    }

    /// <summary>Attaches every guardrail policy to a role the workload owns.</summary>
    public static void AttachGuardrails(IRole role, IEnumerable<IManagedPolicy> policies)
    {
        foreach (var policy in policies)
        {
            role.AddManagedPolicy(policy);
        }
    }

    /// <summary>Lets a role pass another role to SageMaker, and only to SageMaker.</summary>
    public static PolicyStatement PassToSageMaker(IRole role) =>
        IamJson.Allow("PassTheJobRoleToSageMaker", new[] { "iam:PassRole" }, new[] { role.RoleArn },
            IamJson.Condition("StringEquals", "iam:PassedToService", "sagemaker.amazonaws.com"));
}
