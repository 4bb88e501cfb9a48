using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>
/// The guardrail statements judged by a small IAM simulator: every compliant request of the library
/// (and every legitimate use) is allowed, every class of hole is denied, and coverage over every
/// SageMaker action comes from the IAM service reference.
/// </summary>
public class GuardrailStatementTests
{
    private static readonly WorkspaceBinding Binding = new(new[] { "subnet-a", "subnet-b" }, new[] { "sg-w" }, "arn:aws:kms:eu-west-1:111122223333:key/data");

    private static readonly IReadOnlyList<GuardrailStatement> Workspace = GuardrailStatements.All(Binding).Where(s => s.InWorkspacePolicy).ToList();

    private static readonly IReadOnlyList<GuardrailStatement> Organization = GuardrailStatements.All().Where(s => s.InOrganizationPolicy).ToList();

    private const string Key = "arn:aws:kms:eu-west-1:111122223333:key/data";

    private static Dictionary<string, string[]> CompliantJob() => new()
    {
        ["sagemaker:NetworkIsolation"] = new[] { "true" },
        ["sagemaker:InterContainerTrafficEncryption"] = new[] { "true" },
        ["sagemaker:VpcSubnets"] = new[] { "subnet-a" },
        ["sagemaker:VpcSecurityGroupIds"] = new[] { "sg-w" },
        ["sagemaker:VolumeKmsKeyArn"] = new[] { Key },
        ["sagemaker:OutputKmsKeyArn"] = new[] { Key },
        ["sagemaker:InstanceTypes"] = new[] { "ml.m5.xlarge" },
    };

    private static Dictionary<string, string[]> CompliantNotebook() => new()
    {
        ["sagemaker:DirectInternetAccess"] = new[] { "Disabled" },
        ["sagemaker:RootAccess"] = new[] { "Disabled" },
        ["sagemaker:MinimumInstanceMetadataServiceVersion"] = new[] { "2" },
        ["sagemaker:VpcSubnets"] = new[] { "subnet-a" },
        ["sagemaker:VpcSecurityGroupIds"] = new[] { "sg-w" },
        ["sagemaker:VolumeKmsKeyArn"] = new[] { Key },
        ["sagemaker:InstanceTypes"] = new[] { "ml.t3.medium" },
    };

    private static Dictionary<string, string[]> Without(Dictionary<string, string[]> context, string key)
    {
        context.Remove(key);
        return context;
    }

    private static Dictionary<string, string[]> With(Dictionary<string, string[]> context, string key, params string[] values)
    {
        context[key] = values;
        return context;
    }

    public static TheoryData<string> JobActions() => new()
    {
        "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:CreateHyperParameterTuningJob",
        "sagemaker:CreateDataQualityJobDefinition", "sagemaker:CreateModelQualityJobDefinition", "sagemaker:CreateModelBiasJobDefinition",
        "sagemaker:CreateModelExplainabilityJobDefinition", "sagemaker:CreateMonitoringSchedule",
    };

    [Theory]
    [MemberData(nameof(JobActions))]
    public void CompliantJob_IsAllowed(string action) =>
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, action, CompliantJob()));

    [Theory]
    [InlineData("sagemaker:NetworkIsolation", "false", "DenyNetworkIsolationAbsent")]
    [InlineData("sagemaker:NetworkIsolation", null, "DenyNetworkIsolationAbsent")]
    [InlineData("sagemaker:InterContainerTrafficEncryption", "false", "DenyInterContainerEncryptionAbsent")]
    [InlineData("sagemaker:InterContainerTrafficEncryption", null, "DenyInterContainerEncryptionAbsent")]
    [InlineData("sagemaker:VpcSubnets", null, "DenyVpcSubnetsAbsent")]
    [InlineData("sagemaker:VpcSubnets", "subnet-elsewhere", "DenyForeignSubnets")]
    [InlineData("sagemaker:VpcSecurityGroupIds", null, "DenyVpcSecurityGroupsAbsent")]
    [InlineData("sagemaker:VpcSecurityGroupIds", "sg-open", "DenyForeignSecurityGroups")]
    [InlineData("sagemaker:VolumeKmsKeyArn", null, "DenyVolumeKmsKeyAbsentOnEbs")]
    [InlineData("sagemaker:VolumeKmsKeyArn", "arn:aws:kms:eu-west-1:111122223333:key/other", "DenyForeignVolumeKmsKey")]
    [InlineData("sagemaker:OutputKmsKeyArn", null, "DenyOutputKmsKeyAbsent")]
    [InlineData("sagemaker:OutputKmsKeyArn", "arn:aws:kms:eu-west-1:444455556666:key/theirs", "DenyOutputKmsKeyOfAnotherAccount")]
    [InlineData("sagemaker:VolumeKmsKeyArn", "arn:aws:kms:eu-west-1:111122223333:alias/data", "DenyVolumeKmsKeyOfAnotherAccount")]
    [InlineData("sagemaker:VolumeKmsKeyArn", "arn:aws:kms:eu-west-1:444455556666:key/theirs", "DenyVolumeKmsKeyOfAnotherAccount")]
    public void TrainingJob_IsDenied_WhenAControlIsOffOrAbsent(string key, string? value, string expected)
    {
        var context = value is null ? Without(CompliantJob(), key) : With(CompliantJob(), key, value);
        Assert.Contains(expected, PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateTrainingJob", context));
    }

    [Fact]
    public void GpuJob_WithoutAVolumeKey_IsAllowed_OnLocalNvmeOnly()
    {
        var gpu = With(Without(CompliantJob(), "sagemaker:VolumeKmsKeyArn"), "sagemaker:InstanceTypes", "ml.g5.2xlarge");
        var ebs = With(Without(CompliantJob(), "sagemaker:VolumeKmsKeyArn"), "sagemaker:InstanceTypes", "ml.g5.2xlarge", "ml.m5.xlarge");
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateTrainingJob", gpu));
        Assert.Contains("DenyVolumeKmsKeyAbsentOnEbs", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateTrainingJob", ebs));
    }

    [Fact]
    public void JobWithoutInstanceTypes_NeedsAVolumeKey_FailClosed_WhileServerlessEndpointConfigsDoNot()
    {
        var untyped = Without(Without(CompliantJob(), "sagemaker:VolumeKmsKeyArn"), "sagemaker:InstanceTypes");
        Assert.Contains("DenyVolumeKmsKeyAbsentWithoutTypes", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateTrainingJob", untyped));
        Assert.Contains("DenyVolumeKmsKeyAbsentWithoutTypes", PolicySimulator.DeniedBy(Organization, "sagemaker:CreateProcessingJob", untyped));
        Assert.DoesNotContain("DenyVolumeKmsKeyAbsentWithoutTypes", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateEndpointConfig", untyped));
    }

    [Fact]
    public void CompactNvmePatterns_NameExactlyTheNvmeTypesOfTheTable()
    {
        Assert.Equal(GuardrailStatements.CompactNvmePatterns, GuardrailStatements.NvmeTypePatterns());
    }

    [Fact]
    public void Labeling_IsDenied_ForPublicAndVendorCrowds_NotPrivateWorkforces()
    {
        foreach (var crowd in new[] { "public-crowd", "vendor-crowd" })
        {
            Assert.Contains("DenyPublicWorkforce", PolicySimulator.DeniedBy(Organization, "sagemaker:CreateLabelingJob", new Dictionary<string, string[]> { ["sagemaker:WorkteamType"] = new[] { crowd } }));
        }

        Assert.DoesNotContain("DenyPublicWorkforce", PolicySimulator.DeniedBy(Organization, "sagemaker:CreateLabelingJob", new Dictionary<string, string[]> { ["sagemaker:WorkteamType"] = new[] { "private-crowd" } }));
    }

    [Fact]
    public void FeatureGroup_OfflineStore_StaysInTheWorkspacesBucket_UnderItsKey()
    {
        var statements = GuardrailStatements.All(Binding with { DataBucketName = "data-bucket" });
        var own = new Dictionary<string, string[]>
        {
            ["sagemaker:FeatureGroupOfflineStoreS3Uri"] = new[] { "s3://data-bucket/features/" },
            ["sagemaker:FeatureGroupOfflineStoreKmsKeyArn"] = new[] { Binding.DataKeyArn },
        };
        Assert.Empty(PolicySimulator.DeniedBy(statements, "sagemaker:CreateFeatureGroup", own));
        Assert.Empty(PolicySimulator.DeniedBy(statements, "sagemaker:CreateFeatureGroup", new Dictionary<string, string[]>()));
        Assert.Contains("DenyForeignOfflineStore", PolicySimulator.DeniedBy(statements, "sagemaker:CreateFeatureGroup", With(own, "sagemaker:FeatureGroupOfflineStoreS3Uri", "s3://attacker-bucket/x/")));
        Assert.Contains("DenyOfflineStoreKmsKeyAbsent", PolicySimulator.DeniedBy(statements, "sagemaker:CreateFeatureGroup", Without(own, "sagemaker:FeatureGroupOfflineStoreKmsKeyArn")));
        Assert.Contains("DenyForeignOfflineStoreKmsKey", PolicySimulator.DeniedBy(statements, "sagemaker:CreateFeatureGroup", With(own, "sagemaker:FeatureGroupOfflineStoreKmsKeyArn", "arn:aws:kms:eu-west-1:111122223333:key/other")));
    }

    [Fact]
    public void TrainingJob_IsDenied_WithRemoteDebugging_AndUpdatesCannotTurnItOn()
    {
        Assert.Contains("DenyRemoteDebug", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateTrainingJob", With(CompliantJob(), "sagemaker:EnableRemoteDebug", "true")));
        Assert.Contains("DenyRemoteDebug", PolicySimulator.DeniedBy(Workspace, "sagemaker:UpdateTrainingJob", new Dictionary<string, string[]> { ["sagemaker:EnableRemoteDebug"] = new[] { "true" } }));
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:UpdateTrainingJob", new Dictionary<string, string[]> { ["sagemaker:KeepAlivePeriod"] = new[] { "60" } }));
    }

    [Fact]
    public void Notebook_IsAllowed_WhenLockedDown_AndDeniedForEachHole()
    {
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateNotebookInstance", CompliantNotebook()));
        Assert.Contains("DenyNotebookInternetAccess", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateNotebookInstance", Without(CompliantNotebook(), "sagemaker:DirectInternetAccess")));
        Assert.Contains("DenyNotebookRootAccess", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateNotebookInstance", With(CompliantNotebook(), "sagemaker:RootAccess", "Enabled")));
        Assert.Contains("DenyNotebookImdsV1", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateNotebookInstance", With(CompliantNotebook(), "sagemaker:MinimumInstanceMetadataServiceVersion", "1")));
        Assert.Contains("DenyVolumeKmsKeyAbsent", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateNotebookInstance", Without(CompliantNotebook(), "sagemaker:VolumeKmsKeyArn")));
        Assert.Contains("DenyForeignNotebookLifecycleConfigs", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateNotebookInstance",
            With(CompliantNotebook(), "sagemaker:NotebookInstanceLifecycleConfigArns", "arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance-lifecycle-config/mine")));
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateNotebookInstance",
            With(CompliantNotebook(), "sagemaker:NotebookInstanceLifecycleConfigArns", "arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance-lifecycle-config/securesagemaker-packages")));
        Assert.Contains("DenyNotebookRootAccessUpdate", PolicySimulator.DeniedBy(Workspace, "sagemaker:UpdateNotebookInstance", new Dictionary<string, string[]> { ["sagemaker:RootAccess"] = new[] { "Enabled" } }));
        Assert.Contains("DenyNotebookImdsV1Update", PolicySimulator.DeniedBy(Workspace, "sagemaker:UpdateNotebookInstance", new Dictionary<string, string[]> { ["sagemaker:MinimumInstanceMetadataServiceVersion"] = new[] { "1" } }));
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:UpdateNotebookInstance", new Dictionary<string, string[]> { ["sagemaker:InstanceTypes"] = new[] { "ml.t3.large" } }));
    }

    [Fact]
    public void Studio_IsPinnedToTheWorkspaceNetwork()
    {
        var domain = new Dictionary<string, string[]>
        {
            ["sagemaker:AppNetworkAccessType"] = new[] { "VpcOnly" }, ["sagemaker:VpcSubnets"] = new[] { "subnet-a" },
            ["sagemaker:VpcSecurityGroupIds"] = new[] { "sg-w" }, ["sagemaker:VolumeKmsKeyArn"] = new[] { Key },
        };
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateDomain", domain));
        Assert.Contains("DenyDomainNotVpcOnly", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateDomain", Without(new Dictionary<string, string[]>(domain), "sagemaker:AppNetworkAccessType")));
        Assert.Contains("DenyForeignSubnets", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateDomain", With(new Dictionary<string, string[]>(domain), "sagemaker:VpcSubnets", "subnet-other-vpc")));
        Assert.Contains("DenyDomainUpdateToPublicInternet", PolicySimulator.DeniedBy(Workspace, "sagemaker:UpdateDomain", new Dictionary<string, string[]> { ["sagemaker:AppNetworkAccessType"] = new[] { "PublicInternetOnly" } }));
        Assert.Contains("DenyForeignSecurityGroups", PolicySimulator.DeniedBy(Workspace, "sagemaker:UpdateUserProfile", new Dictionary<string, string[]> { ["sagemaker:VpcSecurityGroupIds"] = new[] { "sg-open" } }));
        Assert.Contains("DenySpaceRemoteAccess", PolicySimulator.DeniedBy(Workspace, "sagemaker:UpdateSpace", new Dictionary<string, string[]> { ["sagemaker:RemoteAccess"] = new[] { "ENABLED" } }));
        Assert.Contains("DenyForeignStudioLifecycleConfigs", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateApp",
            new Dictionary<string, string[]> { ["sagemaker:StudioLifecycleConfigArns"] = new[] { "arn:aws:sagemaker:eu-west-1:111122223333:studio-lifecycle-config/mine" } }));
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateUserProfile", new Dictionary<string, string[]>()));
    }

    [Fact]
    public void Hosting_IsDenied_ForBareContainersAndEndpointConfigsWithoutIsolation()
    {
        Assert.Contains("DenyInferenceComponentWithoutModel", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateInferenceComponent", new Dictionary<string, string[]>()));
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateInferenceComponent", new Dictionary<string, string[]> { ["sagemaker:ModelArn"] = new[] { "arn:aws:sagemaker:eu-west-1:111122223333:model/m" } }));
        var withModel = new Dictionary<string, string[]>
        {
            ["sagemaker:ModelArn"] = new[] { "arn:aws:sagemaker:eu-west-1:111122223333:model/m" }, ["sagemaker:VolumeKmsKeyArn"] = new[] { Key }, ["sagemaker:InstanceTypes"] = new[] { "ml.m5.large" },
        };
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateEndpointConfig", withModel));
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateEndpointConfig", With(Without(new Dictionary<string, string[]>(withModel), "sagemaker:VolumeKmsKeyArn"), "sagemaker:InstanceTypes", "ml.g5.xlarge")));
        var denied = PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateEndpointConfig", new Dictionary<string, string[]> { ["sagemaker:VolumeKmsKeyArn"] = new[] { Key }, ["sagemaker:InstanceTypes"] = new[] { "ml.m5.large" } });
        Assert.Contains("DenyEndpointConfigWithoutModelOrIsolation", denied);
        Assert.Contains("DenyEndpointConfigWithoutModelOrVpc", denied);
        Assert.Contains("DenyVolumeKmsKeyAbsentOnEbs", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateTransformJob", new Dictionary<string, string[]> { ["sagemaker:InstanceTypes"] = new[] { "ml.m5.large" }, ["sagemaker:OutputKmsKeyArn"] = new[] { Key } }));
    }

    [Theory]
    [InlineData("sagemaker:CreateCompilationJob")]
    [InlineData("sagemaker:CreateEdgePackagingJob")]
    [InlineData("sagemaker:CreateOptimizationJob")]
    [InlineData("sagemaker:CreateInferenceRecommendationsJob")]
    [InlineData("sagemaker:CreateMlflowTrackingServer")]
    public void UnguardedCompute_IsDenied_UnlessOptedIn(string action)
    {
        Assert.Contains("DenyUnguardedCompute", PolicySimulator.DeniedBy(Workspace, action, new Dictionary<string, string[]>()));
        var optedIn = GuardrailStatements.All(Binding, new GuardrailOptions { AllowedUnguardedActions = new[] { action } });
        Assert.Empty(PolicySimulator.DeniedBy(optedIn, action, new Dictionary<string, string[]>()));
    }

    [Fact]
    public void PublicWorkforce_IsDenied_ForLabelingAndReview()
    {
        var publicCrowd = new Dictionary<string, string[]> { ["sagemaker:WorkteamType"] = new[] { "public-crowd" }, ["sagemaker:OutputKmsKeyArn"] = new[] { Key }, ["sagemaker:VolumeKmsKeyArn"] = new[] { Key } };
        Assert.Contains("DenyPublicWorkforce", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateLabelingJob", publicCrowd));
        Assert.Contains("DenyPublicWorkforce", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateFlowDefinition", publicCrowd));
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateLabelingJob", With(publicCrowd, "sagemaker:WorkteamType", "private-crowd")));
    }

    [Fact]
    public void Protections_DenyChangesToTheDnsFirewallLifecycleConfigsAndExecutionRoles()
    {
        Assert.Contains("DenyDnsFirewallChanges", PolicySimulator.DeniedBy(Workspace, "route53resolver:DisassociateFirewallRuleGroup", new Dictionary<string, string[]>()));
        Assert.Contains("DenyDnsFirewallChanges", PolicySimulator.DeniedBy(Workspace, "route53resolver:UpdateFirewallConfig", new Dictionary<string, string[]>()));
        Assert.Contains("DenyLifecycleConfigAuthoring", PolicySimulator.DeniedBy(Workspace, "sagemaker:CreateNotebookInstanceLifecycleConfig", new Dictionary<string, string[]>()));
        Assert.Contains("DenyExecutionRoleChanges", PolicySimulator.DeniedBy(Workspace, "iam:CreateRole", new Dictionary<string, string[]>(), null, "arn:aws:iam::111122223333:role/securesagemaker/ws/attacker"));
        Assert.Empty(PolicySimulator.DeniedBy(Workspace, "iam:CreateRole", new Dictionary<string, string[]>(), null, "arn:aws:iam::111122223333:role/team/app"));
    }

    [Fact]
    public void Coverage_EveryActionSupportingAGuardedKey_IsTestedOnThatKey()
    {
        var guarded = new[]
        {
            "sagemaker:NetworkIsolation", "sagemaker:VpcSubnets", "sagemaker:VpcSecurityGroupIds", "sagemaker:VolumeKmsKeyArn", "sagemaker:OutputKmsKeyArn",
            "sagemaker:InterContainerTrafficEncryption", "sagemaker:EnableRemoteDebug", "sagemaker:RemoteAccess", "sagemaker:MinimumInstanceMetadataServiceVersion",
            "sagemaker:NotebookInstanceLifecycleConfigArns", "sagemaker:StudioLifecycleConfigArns", "sagemaker:WorkteamType", "sagemaker:DirectInternetAccess",
            "sagemaker:RootAccess", "sagemaker:AppNetworkAccessType",
        };
        var missing = new List<string>();
        foreach (var (action, keys) in SageMakerActions.All)
        {
            foreach (var key in keys.Intersect(guarded))
            {
                if (!Workspace.Any(s => s.Actions.Contains("sagemaker:" + action) && s.Keys.Contains(key)))
                {
                    missing.Add(action + " / " + key);
                }
            }
        }

        Assert.True(missing.Count == 0, "Actions that support a guarded key no statement tests (" + SageMakerActions.Source + "): " + string.Join(", ", missing));
    }

    [Fact]
    public void Coverage_EveryActionThatLaunchesComputeWithoutAKey_IsDeniedOrGuardedElsewhere()
    {
        var launchers = SageMakerActions.All.Where(p => p.Value.Length == 0 || p.Value.All(k => k is "sagemaker:InstanceTypes" or "sagemaker:PipelineVersionId" or "sagemaker:ModelArn" or "sagemaker:OwnerUserProfileArn" or "sagemaker:SpaceSharingType" or "sagemaker:ImageArns" or "sagemaker:ImageVersionArns"))
            .Select(p => "sagemaker:" + p.Key)
            .Where(a => System.Text.RegularExpressions.Regex.IsMatch(a, "^sagemaker:(Create|Start|Update)\\w*(Job|JobV2|Cluster|App|Endpoint|InferenceComponent|NotebookInstance|TrackingServer|Session|Workforce|Workteam|Pipeline|PipelineExecution|EdgeDeploymentPlan|DeviceFleet|InferenceExperiment|PartnerApp|MlflowApp|Url|HealthCheck|Software|Inference|WeightsAndCapacities|RuntimeConfig)$"))
            .ToList();
        var unclassified = launchers.Where(a => !Workspace.Any(s => s.Actions.Contains(a)) && !GuardrailStatements.GuardedElsewhere.ContainsKey(a) && !a.EndsWith("AppImageConfig", StringComparison.Ordinal)).ToList();
        Assert.True(unclassified.Count == 0, "Actions that launch compute with no guarded key are neither denied nor explained in GuardedElsewhere: " + string.Join(", ", unclassified));
    }

    [Fact]
    public void WorkspacePolicies_EachFitTheManagedPolicyLimit()
    {
        var chunks = PolicyChunks.Split(Workspace.Select(s => s.ToJson()).ToList(), WorkspaceGuardrailPolicy.MaxPolicySize);
        Assert.All(chunks, c => Assert.True(System.Text.Json.JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = c }).Length <= WorkspaceGuardrailPolicy.MaxPolicySize));
        Assert.True(chunks.Count <= 4, "The guardrails need " + chunks.Count + " managed policies; a role takes 10.");
    }
}
