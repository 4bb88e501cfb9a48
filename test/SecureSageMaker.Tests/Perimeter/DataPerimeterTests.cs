using SecureSageMaker.Guardrails;
using SecureSageMaker.Tests.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Perimeter;

/// <summary>
/// The organization's data perimeter (issue 22, classes 2, 3 and 6): an account admin under the SCPs cannot open a path
/// out of a workspace, change its keys, logs or mirror, copy its logs or Studio's files, or borrow a deployment role; the
/// deployments, bootstrap and AWS Control Tower still can. Each case names the statement that decides it.
/// </summary>
public class DataPerimeterTests
{
    private const string Account = "111122223333";
    private const string Admin = "arn:aws:iam::" + Account + ":role/AccountAdmin";
    private const string Deployer = "arn:aws:iam::" + Account + ":role/cdk-hnb659fds-cfn-exec-role-" + Account + "-eu-west-1";
    private const string StackSets = "arn:aws:iam::" + Account + ":role/stacksets-exec-0123456789abcdef0123456789abcdef";
    private const string ControlTower = "arn:aws:iam::" + Account + ":role/AWSControlTowerExecution";
    private const string JobRole = "arn:aws:iam::" + Account + ":role/securesagemaker/TestStackWorkspace0123ABCD/JobRole";
    private const string Tag = "aws:ResourceTag/SecureSageMakerWorkspace";

    private static readonly Lazy<IReadOnlyList<string>> Documents = new(() => new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps
    {
        TargetIds = new[] { "ou-ab12-cdef3456" },
        BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" },
        StackSetsExecution = true,
        PresignedUrlSourceCidrs = new[] { "203.0.113.0/24" },
    }).Documents);

    private static IReadOnlyList<string> Denied(string caller, string action, string resource = "*", params (string Key, string Value)[] context)
    {
        var request = context.ToDictionary(c => c.Key, c => new[] { c.Value });
        request["aws:PrincipalArn"] = new[] { caller };
        return PolicySimulator.DeniedByDocuments(Documents.Value, action, resource, request);
    }

    [Theory]
    [InlineData("ec2:AttachInternetGateway")]
    [InlineData("ec2:CreateEgressOnlyInternetGateway")]
    [InlineData("ec2:CreateNatGateway")]
    [InlineData("ec2:CreateVpcPeeringConnection")]
    [InlineData("ec2:AcceptVpcPeeringConnection")]
    [InlineData("ec2:CreateTransitGatewayVpcAttachment")]
    [InlineData("ec2:AttachVpnGateway")]
    [InlineData("ec2:AssociateClientVpnTargetNetwork")]
    [InlineData("ec2:CreateRoute")]
    [InlineData("ec2:ReplaceRoute")]
    [InlineData("ec2:AssociateRouteTable")]
    [InlineData("ec2:ReplaceRouteTableAssociation")]
    [InlineData("ec2:CreateVpcEndpoint")]
    [InlineData("ec2:ModifyVpcEndpoint")]
    [InlineData("ec2:AuthorizeSecurityGroupEgress")]
    [InlineData("ec2:AuthorizeSecurityGroupIngress")]
    [InlineData("ec2:ModifySecurityGroupRules")]
    [InlineData("ec2:ModifySubnetAttribute")]
    [InlineData("ec2:CreateSubnet")]
    [InlineData("ec2:AssociateVpcCidrBlock")]
    [InlineData("ec2:DeleteFlowLogs")]
    [InlineData("ec2:DeleteTags")]
    [InlineData("kms:PutKeyPolicy")]
    [InlineData("kms:ScheduleKeyDeletion")]
    [InlineData("ec2:CreateSecurityGroup")]
    [InlineData("ec2:AssociateDhcpOptions")]
    [InlineData("ec2:ModifyVpcAttribute")]
    [InlineData("ec2:CreateInstanceConnectEndpoint")]
    [InlineData("ec2:CreateVerifiedAccessEndpoint")]
    [InlineData("ec2:AssociateRouteServer")]
    [InlineData("ec2:EnableVgwRoutePropagation")]
    [InlineData("logs:PutSubscriptionFilter")]
    [InlineData("logs:CreateExportTask")]
    [InlineData("logs:DeleteLogGroup")]
    [InlineData("logs:PutRetentionPolicy")]
    [InlineData("codeartifact:PutDomainPermissionsPolicy")]
    [InlineData("codeartifact:PutRepositoryPermissionsPolicy")]
    [InlineData("codeartifact:AssociateExternalConnection")]
    [InlineData("codeartifact:UpdateRepository")]
    public void AccountAdmin_IsDenied_ChangesToAWorkspacesResources_DeploymentsAreNot(string action)
    {
        Assert.Contains("DenyWorkspaceChanges", Denied(Admin, action, "*", (Tag, "TeamA")));
        Assert.DoesNotContain("DenyWorkspaceChanges", Denied(Admin, action));
        Assert.DoesNotContain("DenyWorkspaceChanges", Denied(Deployer, action, "*", (Tag, "TeamA")));
        Assert.DoesNotContain("DenyWorkspaceChanges", Denied(StackSets, action, "*", (Tag, "TeamA")));
    }

    [Theory]
    [InlineData("sagemaker:DeleteTags")]
    [InlineData("kms:UntagResource")]
    [InlineData("logs:UntagResource")]
    [InlineData("codeartifact:UntagResource")]
    public void RemovingTheWorkspaceTag_IsDenied_ToAnAccountAdmin_OtherTagsAreNot(string action)
    {
        Assert.Contains("DenyPerimeterTagRemoval", Denied(Admin, action, "*", ("aws:TagKeys", "SecureSageMakerWorkspace")));
        Assert.DoesNotContain("DenyPerimeterTagRemoval", Denied(Admin, action, "*", ("aws:TagKeys", "CostCenter")));
        Assert.Empty(Denied(Deployer, action, "*", ("aws:TagKeys", "SecureSageMakerWorkspace")));
    }

    [Theory]
    [InlineData("ec2:DescribeSecurityGroups")]
    [InlineData("ec2:GetSecurityGroupsForVpc")]
    [InlineData("ec2:DescribeRouteTables")]
    [InlineData("codeartifact:GetRepositoryPermissionsPolicy")]
    [InlineData("logs:DescribeLogGroups")]
    [InlineData("kms:DescribeKey")]
    public void Reading_AWorkspacesResources_IsNotDenied(string action)
    {
        Assert.Empty(Denied(Admin, action, "*", (Tag, "TeamA")));
    }

    [Theory]
    [InlineData("logs:PutSubscriptionFilter")]
    [InlineData("logs:CreateExportTask")]
    [InlineData("logs:DeleteLogGroup")]
    [InlineData("logs:DeleteRetentionPolicy")]
    public void SageMakersOwnLogGroups_CannotBeCopiedOrDeleted_ByAnAccountAdmin(string action)
    {
        const string group = "arn:aws:logs:eu-west-1:" + Account + ":log-group:/aws/sagemaker/TrainingJobs";
        Assert.Contains("DenySageMakerLogCopies", Denied(Admin, action, group));
        Assert.Empty(Denied(Deployer, action, group));
        Assert.DoesNotContain("DenySageMakerLogCopies", Denied(Admin, action, "arn:aws:logs:eu-west-1:" + Account + ":log-group:/app/web"));
    }

    [Theory]
    [InlineData("s3:PutBucketPolicy")]
    [InlineData("s3:DeleteBucketPolicy")]
    [InlineData("s3:PutBucketAcl")]
    [InlineData("s3:PutBucketOwnershipControls")]
    [InlineData("s3:PutReplicationConfiguration")]
    [InlineData("s3:PutBucketPublicAccessBlock")]
    [InlineData("s3:PutAccountPublicAccessBlock")]
    [InlineData("s3:PutAccessPointPolicy")]
    [InlineData("logs:PutAccountPolicy")]
    [InlineData("oam:CreateLink")]
    [InlineData("config:StopConfigurationRecorder")]
    [InlineData("config:DeleteConfigurationRecorder")]
    [InlineData("config:PutConfigurationRecorder")]
    [InlineData("config:DeleteDeliveryChannel")]
    [InlineData("config:DeleteConfigRule")]
    [InlineData("elasticfilesystem:CreateMountTarget")]
    [InlineData("elasticfilesystem:PutFileSystemPolicy")]
    [InlineData("elasticfilesystem:CreateReplicationConfiguration")]
    [InlineData("backup:StartCopyJob")]
    [InlineData("backup:PutBackupVaultAccessPolicy")]
    [InlineData("datasync:CreateLocationEfs")]
    [InlineData("vpc-lattice:CreateServiceNetworkVpcAssociation")]
    [InlineData("vpc-lattice:CreateResourceGateway")]
    [InlineData("s3express:PutBucketPolicy")]
    [InlineData("s3tables:PutTableBucketPolicy")]
    [InlineData("sagemaker:CreateWorkforce")]
    [InlineData("sagemaker:UpdateWorkforce")]
    public void AccountWideExits_AreDenied_ToAnAccountAdmin_NotToDeploymentsBootstrapOrControlTower(string action)
    {
        Assert.Contains("DenyAccountWideExits", Denied(Admin, action));
        Assert.DoesNotContain("DenyAccountWideExits", Denied(Deployer, action));
        Assert.DoesNotContain("DenyAccountWideExits", Denied(StackSets, action));
        Assert.DoesNotContain("DenyAccountWideExits", Denied(ControlTower, action));
    }

    [Theory]
    [InlineData("s3:GetBucketPolicy")]
    [InlineData("config:DescribeConfigurationRecorders")]
    [InlineData("sagemaker:DescribeWorkforce")]
    [InlineData("oam:GetLink")]
    [InlineData("vpc-lattice:GetServiceNetworkVpcAssociation")]
    [InlineData("config:StartConfigurationRecorder")]
    public void AccountWideReads_AreNotDenied(string action)
    {
        Assert.Empty(Denied(Admin, action));
    }

    [Theory]
    [InlineData("cloudformation:UpdateStack")]
    [InlineData("cloudformation:CreateChangeSet")]
    [InlineData("cloudformation:DeleteStack")]
    [InlineData("cloudformation:ContinueUpdateRollback")]
    [InlineData("cloudformation:RollbackStack")]
    public void AnAdmin_CannotBorrowAStacksDeploymentRole_ByOmittingTheRole(string action)
    {
        Assert.Contains("DenyStacksWithoutARole", Denied(Admin, action));
        Assert.Empty(Denied(Admin, action, "*", ("cloudformation:RoleArn", "arn:aws:iam::" + Account + ":role/AdminsOwnStackRole")));
        Assert.Contains("DenyStacksAsADeployer", Denied(Admin, action, "*", ("cloudformation:RoleArn", Deployer)));
        Assert.DoesNotContain("DenyStacksWithoutARole", Denied(StackSets, action));
        Assert.DoesNotContain("DenyStacksWithoutARole", Denied(ControlTower, action));
    }

    [Theory]
    [InlineData("ec2:RunInstances")]
    [InlineData("ec2:CreateNetworkInterface")]
    public void Compute_InAWorkspacesSubnets_IsDenied_ExceptThroughItsExecutionRoles(string action)
    {
        Assert.Contains("DenyComputeInWorkspaces", Denied(Admin, action, "*", (Tag, "TeamA")));
        Assert.Contains("DenyComputeInWorkspaces", Denied("arn:aws:iam::" + Account + ":role/my-lambda-role", action, "*", (Tag, "TeamA")));
        Assert.Empty(Denied(JobRole, action, "*", (Tag, "TeamA")));
        Assert.Empty(Denied(Admin, action));
    }

    [Theory]
    [InlineData("iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/securesagemaker/TeamAGuardrails")]
    [InlineData("iam:SetDefaultPolicyVersion", "arn:aws:iam::111122223333:policy/securesagemaker/TeamAGuardrails")]
    [InlineData("iam:DeletePolicyVersion", "arn:aws:iam::111122223333:policy/securesagemaker/TeamAGuardrails")]
    public void WorkspaceManagedPolicies_CannotBeRewritten_ByAnAccountAdmin(string action, string policy)
    {
        Assert.Contains("DenyExecutionRoleChanges", Denied(Admin, action, policy));
        Assert.Empty(Denied(Deployer, action, policy));
        Assert.Empty(Denied(Admin, action, "arn:aws:iam::111122223333:policy/AdminsOwnPolicy"));
    }

    [Theory]
    [InlineData("iam:DetachRolePolicy")]
    [InlineData("iam:DetachUserPolicy")]
    [InlineData("iam:DetachGroupPolicy")]
    public void WorkspaceManagedPolicies_CannotBeDetached_ByAnAccountAdmin(string action)
    {
        var policy = ("iam:PolicyARN", "arn:aws:iam::111122223333:policy/securesagemaker/TeamAGuardrails");
        Assert.Contains("DenyProtectedPolicyDetachment", Denied(Admin, action, "*", policy));
        Assert.Empty(Denied(Deployer, action, "*", policy));
        Assert.Empty(Denied(Admin, action, "*", ("iam:PolicyARN", "arn:aws:iam::aws:policy/ReadOnlyAccess")));
    }

    [Theory]
    [InlineData("AWSControlTowerExecution")]
    [InlineData("stacksets-exec-0123456789abcdef")]
    [InlineData("cdk-hnb659fds-deploy-role-111122223333-eu-west-1")]
    public void ExemptRoleNames_CannotBeClaimed_ByAnAccountAdmin(string role)
    {
        foreach (var action in new[] { "iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy" })
        {
            Assert.Contains("DenyDeployerRoleChanges", Denied(Admin, action, "arn:aws:iam::" + Account + ":role/" + role));
        }
    }

    [Fact]
    public void WorkspaceKeys_AreGranted_OnlyToAwsServices()
    {
        Assert.Contains("DenyKeyGrantsOutsideAws", Denied(Admin, "kms:CreateGrant", "*", (Tag, "TeamA"), ("kms:GrantIsForAWSResource", "false"), ("kms:GranteePrincipal", "arn:aws:iam::444455556666:root")));
        Assert.Contains("DenyKeyGrantsOutsideAws", Denied(Admin, "kms:CreateGrant", "*", (Tag, "TeamA")));
        Assert.Empty(Denied(JobRole, "kms:CreateGrant", "*", (Tag, "TeamA"), ("kms:GrantIsForAWSResource", "true")));
    }

    [Fact]
    public void FunctionUrls_WithoutAuthentication_AreDenied_ToEveryone()
    {
        Assert.Contains("DenyPublicFunctionUrls", Denied(Admin, "lambda:CreateFunctionUrlConfig", "*", ("lambda:FunctionUrlAuthType", "NONE")));
        Assert.Contains("DenyPublicFunctionUrls", Denied(Deployer, "lambda:AddPermission", "*", ("lambda:FunctionUrlAuthType", "NONE")));
        Assert.Empty(Denied(Admin, "lambda:CreateFunctionUrlConfig", "*", ("lambda:FunctionUrlAuthType", "AWS_IAM")));
    }

    [Fact]
    public void WorkspaceEndpoints_AreInvoked_OnlyFromInsideAVpc()
    {
        Assert.Contains("DenyInvokeOutsideAVpc", Denied(Admin, "sagemaker:InvokeEndpoint", "*", (Tag, "TeamA")));
        Assert.Empty(Denied(Admin, "sagemaker:InvokeEndpoint", "*", (Tag, "TeamA"), ("aws:SourceVpc", "vpc-0abc")));
    }

    [Theory]
    [InlineData("sagemaker:CreatePresignedDomainUrl")]
    [InlineData("sagemaker:CreatePresignedNotebookInstanceUrl")]
    public void PresignedUrls_ComeOnlyFromCompanyCidrsOrAVpcEndpoint(string action)
    {
        Assert.Contains("DenyPresignedUrlsFromOutside", Denied(Admin, action, "*", ("aws:SourceIp", "198.51.100.7")));
        Assert.Empty(Denied(Admin, action, "*", ("aws:SourceIp", "203.0.113.9")));
        Assert.Empty(Denied(Admin, action, "*", ("aws:SourceVpce", "vpce-0abc")));
    }

    [Fact]
    public void Perimeter_CanBeAttachedElsewhere_OrTurnedOffWithAWarning()
    {
        var stack = TestStacks.Create();
        var off = new OrganizationGuardrails(stack, "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" }, DataPerimeter = false,
        });
        Assert.DoesNotContain(off.Documents, d => d.Contains("DenyWorkspaceChanges", StringComparison.Ordinal));
        Assert.Contains(off.Documents, d => d.Contains("DenyBreakGlassRoleChanges", StringComparison.Ordinal));
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.DataPerimeterOff, StringComparison.Ordinal));
    }

    [Fact]
    public void PerimeterProps_AreErrors_NamingTheProperty()
    {
        var error = Assert.Throws<ArgumentException>(() => new OrganizationGuardrails(TestStacks.Create(), "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = new[] { "ou-ab12-cdef3456" }, BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" },
            DataPerimeterTargetIds = new[] { "vpc-0123" }, PresignedUrlSourceCidrs = new[] { "10.0.0.0/33" },
        }));
        Assert.Contains("DataPerimeterTargetIds: received 'vpc-0123'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PresignedUrlSourceCidrs: received '10.0.0.0/33'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workspace_TagsItsNetworkKeysAndLogs_ButNoStudioUserProfile()
    {
        var template = Shared.DefaultCfn;
        foreach (var type in new[] { "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::SecurityGroup", "AWS::KMS::Key", "AWS::Logs::LogGroup" })
        {
            Assert.All(template.OfType(type), r => Assert.Contains("SecureSageMakerWorkspace", Cfn.Text(r.Resource, "Properties", "Tags"), StringComparison.Ordinal));
        }

        Assert.All(template.OfType("AWS::SageMaker::UserProfile").Concat(template.OfType("AWS::SageMaker::Domain")),
            r => Assert.DoesNotContain("SecureSageMakerWorkspace", r.Resource.ToJsonString(), StringComparison.Ordinal));
    }
}
