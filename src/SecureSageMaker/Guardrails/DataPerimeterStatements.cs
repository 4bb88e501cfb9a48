namespace SecureSageMaker.Guardrails;

/// <summary>
/// The organization SCPs' data perimeter beyond SageMaker (issue 22, class 3 and 6; anchor: the governance
/// policies of aws-samples/data-perimeter-policy-examples): the network paths out of a workspace's VPC, the
/// resource policies that open data, the detective controls, the package mirror, the channels out of
/// isolated compute (log subscriptions and exports, cross-account observability links, public function
/// URLs, compute placed in the workspace's subnets, Studio's file system) and the presigned URLs. A
/// workspace's resources are found by the tag <see cref="WorkspaceTag.Key"/> that the workspace puts on
/// its VPC, subnets, route tables, security groups, keys, log groups, flow logs and package mirror
/// (<see cref="WorkspaceTag.PerimeterTypes"/>); what no tag can scope is denied account-wide.
/// </summary>
public static class DataPerimeterStatements
{
    /// <summary>AWS Control Tower's execution role, through which it changes its own baseline (Config, stacks) in member accounts.</summary>
    public const string ControlTowerExecutionRoleArn = "arn:*:iam::*:role/AWSControlTowerExecution";

    /// <summary>The workspace's execution roles: SageMaker places network interfaces and mounts Studio's file system with them.</summary>
    internal const string ExecutionRolePattern = "arn:*:iam::*:role" + GuardrailStatements.ExecutionRolePathPrefix + "*";

    /// <summary>The Null condition that is true on a resource carrying the workspace tag.</summary>
    private const string Tagged = "aws:ResourceTag/" + WorkspaceTag.Key;

    /// <summary>Actions on a workspace's tagged resources that open a path out, a resource policy or a detective control.</summary>
    public static IReadOnlyList<string> WorkspaceResourceActions { get; } = new[]
    {
        // Network paths out of the VPC: gateways, peering, transit gateway, VPN and Client VPN, routes, endpoints, security groups, public IPs, new subnets and CIDRs.
        "ec2:Attach*Gateway", "ec2:Create*Gateway", "ec2:*VpcPeeringConnection", "ec2:CreateTransitGatewayVpcAttachment", "ec2:AssociateClientVpnTargetNetwork",
        "ec2:CreateRoute", "ec2:ReplaceRoute*", "ec2:*RouteTable", "ec2:AssociateRouteServer", "ec2:Enable*Propagation", "ec2:Create*Endpoint", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints",
        "ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroup*", "ec2:ModifySecurityGroupRules", "ec2:*Subnet*", "ec2:AssociateVpcCidrBlock", "ec2:AssociateDhcpOptions",
        "ec2:ModifyVpcAttribute", "ec2:DeleteFlowLogs",
        // EC2 deletes every tag when a request names none (aws:TagKeys absent): no tag removal at all on a workspace's network.
        "ec2:DeleteTags",
        // Keys: their policy, replicas in other regions, rotation, deletion, tags.
        "kms:PutKeyPolicy", "kms:ReplicateKey", "kms:DisableKeyRotation", "kms:ScheduleKeyDeletion",
        // Log groups: deletion, retention, subscriptions and exports (copies out), tags.
        "logs:DeleteLogGroup", "logs:*RetentionPolicy", "logs:PutSubscriptionFilter", "logs:CreateExportTask",
        // The package mirror: its domain and repository policies, upstream connections, tags.
        "codeartifact:Put*PermissionsPolicy", "codeartifact:*ExternalConnection", "codeartifact:UpdateRepository",
    };

    /// <summary>The log-group actions, for SageMaker's own log groups (<c>/aws/sagemaker/*</c>), which SageMaker creates untagged.</summary>
    public static IReadOnlyList<string> SageMakerLogActions { get; } = new[]
    {
        "logs:DeleteLogGroup", "logs:*RetentionPolicy", "logs:PutSubscriptionFilter", "logs:CreateExportTask",
    };

    /// <summary>Account-wide settings no tag can scope: S3 policies, ACLs, ownership, replication and public access, account log subscriptions, cross-account observability, the Config recorder, Studio's file systems (mount targets, policies, replication, DataSync), VPC Lattice associations, backup copies, workforces.</summary>
    public static IReadOnlyList<string> AccountWideActions { get; } = new[]
    {
        "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketOwnershipControls", "s3:PutReplicationConfiguration", "s3:Put*PublicAccessBlock", "s3:Put*PointPolicy*",
        "s3express:PutBucketPolicy", "s3tables:Put*Policy",
        "logs:PutAccountPolicy", "oam:CreateLink", "oam:UpdateLink",
        "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:PutConfigurationRecorder", "config:*DeliveryChannel", "config:DeleteConfigRule",
        "elasticfilesystem:CreateMountTarget", "elasticfilesystem:PutFileSystemPolicy", "elasticfilesystem:CreateReplicationConfiguration", "datasync:CreateLocationEfs",
        // VPC Lattice associations name the service network, not the VPC: no tag can scope them.
        "vpc-lattice:CreateServiceNetworkVpcAssociation", "vpc-lattice:UpdateServiceNetworkVpcAssociation", "vpc-lattice:CreateResourceGateway",
        "backup:StartCopyJob", "backup:CreateBackupPlan", "backup:UpdateBackupPlan", "backup:PutBackupVaultAccessPolicy",
        "sagemaker:CreateWorkforce", "sagemaker:UpdateWorkforce",
    };

    /// <summary>The statements, for SCPs with the given presigned-URL CIDRs (none: presigned URLs only through VPC endpoints).</summary>
    public static IReadOnlyList<GuardrailStatement> All(IReadOnlyList<string>? presignedUrlCidrs = null)
    {
        var none = new Dictionary<string, IReadOnlyDictionary<string, object>>();
        var tagged = When("Null", Tagged, "false");
        var controlTower = new[] { ControlTowerExecutionRoleArn };
        var presigned = new Dictionary<string, IReadOnlyDictionary<string, object>>
        {
            ["Null"] = new Dictionary<string, object> { ["aws:SourceVpce"] = "true" },
        };
        if (presignedUrlCidrs is { Count: > 0 })
        {
            presigned["NotIpAddressIfExists"] = new Dictionary<string, object> { ["aws:SourceIp"] = presignedUrlCidrs.ToArray() };
        }

        return new GuardrailStatement[]
        {
            new("DenyWorkspaceChanges", WorkspaceResourceActions, tagged,
                "No path out of a workspace's VPC, no change to its keys' policies, log groups or package mirror, and no removal of its tags, except by deployments.")
            { Exemption = GuardrailExemption.Deployment },
            new("DenyPerimeterTagRemoval", new[] { "sagemaker:DeleteTags", "kms:UntagResource", "logs:Untag*", "codeartifact:UntagResource" },
                When("ForAnyValue:StringEquals", "aws:TagKeys", WorkspaceTag.Key),
                "The workspace tag stays on what it scopes (keys, logs, the mirror, seat-invokable endpoints): removing it would take them out of the perimeter.")
            { Exemption = GuardrailExemption.Deployment },
            new("DenySageMakerLogCopies", SageMakerLogActions, none,
                "What jobs and endpoints log stays in SageMaker's log groups: no subscription, export, deletion or shorter retention.")
            { Resources = new[] { "arn:*:logs:*:*:log-group:/aws/sagemaker/*" }, Exemption = GuardrailExemption.Deployment },
            new("DenyAccountWideExits", AccountWideActions, none,
                "Bucket policies, ACLs, replication, account log subscriptions, observability links, the Config recorder, Studio's file systems, backup copies and workforces change only in deployments.")
            { Exemption = GuardrailExemption.Deployment, AlsoExempt = controlTower },
            new("DenyStacksWithoutARole", OrganizationGuardrails.StackActions, When("Null", "cloudformation:RoleArn", "true"),
                "A stack is updated or deleted only as a role the caller names: without one, CloudFormation reuses the deployment role the stack last ran as (bootstrap and AWS Control Tower's stack sets run without one).")
            { Exemption = GuardrailExemption.Deployment, AlsoExempt = controlTower },
            new("DenyProtectedPolicyDetachment", new[] { "iam:Detach*Policy" }, When("ArnLike", "iam:PolicyARN", "arn:*:iam::*:policy" + GuardrailStatements.ProtectedPolicyPath + "*"),
                "No one but break-glass and deployments takes a workspace's managed policies off a role, user or group.")
            { Exemption = GuardrailExemption.BreakGlassAndDeployers },
            new("DenyComputeInWorkspaces", new[] { "ec2:RunInstances", "ec2:CreateNetworkInterface" }, tagged,
                "Only SageMaker (through the workspace's execution roles) places compute in a workspace's subnets: no instance or Lambda function rides its endpoints.")
            { Exemption = GuardrailExemption.BreakGlassAndDeployers, AlsoExempt = new[] { ExecutionRolePattern } },
            new("DenyKeyGrantsOutsideAws", new[] { "kms:CreateGrant" }, new Dictionary<string, IReadOnlyDictionary<string, object>>
            {
                ["Null"] = new Dictionary<string, object> { [Tagged] = "false" },
                ["BoolIfExists"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "false" },
            }, "A workspace key is granted only to AWS services acting for the account, never directly to a principal of another account.")
            {
                // CloudFormation's notebook and domain handlers call kms:CreateGrant as the deployer (handler permissions).
                Exemption = GuardrailExemption.Deployment,
            },
            new("DenyPublicFunctionUrls", new[] { "lambda:CreateFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig", "lambda:AddPermission" },
                When("StringEquals", "lambda:FunctionUrlAuthType", "NONE"), "No Lambda function URL without authentication."),
            new("DenyInvokeOutsideAVpc", new[] { "sagemaker:InvokeEndpoint*" }, new Dictionary<string, IReadOnlyDictionary<string, object>>
            {
                ["Null"] = new Dictionary<string, object> { [Tagged] = "false", ["aws:SourceVpc"] = "true" },
            }, "A workspace's endpoints are invoked only from inside a VPC."),
            new("DenyPresignedUrlsFromOutside", PresignedUrlPolicy.Actions, presigned,
                "Presigned notebook, Studio and MLflow URLs come only from the company's CIDRs or through a VPC endpoint (the workspace's policy narrows it to its own)."),
        }.Select(s => s with { InWorkspacePolicy = false }).ToList();
    }

    private static Dictionary<string, IReadOnlyDictionary<string, object>> When(string op, string key, object value) =>
        new() { [op] = new Dictionary<string, object> { [key] = value } };
}
