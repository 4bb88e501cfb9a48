namespace SecureSageMaker.Guardrails;

/// <summary>
/// The Deny statements of the preventive guardrails (spec: "Preventive IAM guardrails"). Their action
/// lists come from the IAM service reference (<see cref="SageMakerActions"/>): every action that
/// supports a key is tested on it, Create and Update alike, and a Create must carry the key (a negated
/// operator or <c>Null</c> fires on an absent key; <c>Bool</c> does not). Update statements never
/// require a key to be present, so updates that do not resend it pass.
/// </summary>
public static class GuardrailStatements
{
    /// <summary>The name prefix of the lifecycle configurations the library creates; the guardrails admit only these.</summary>
    public const string LifecycleConfigPrefix = "securesagemaker-";

    /// <summary>The IAM path under which the library creates execution roles.</summary>
    public const string ExecutionRolePathPrefix = "/securesagemaker/";

    /// <summary>The IAM path of the workspace's own managed policies (guardrails, presigned URLs), which the guardrails protect.</summary>
    public const string ProtectedPolicyPath = "/securesagemaker/";

    /// <summary>
    /// SageMaker APIs that launch compute, or send data out of the account, with no condition key that
    /// could pin them to a workspace's network and keys. They are denied unless a workspace or the
    /// organization guardrails opt in (<see cref="GuardrailOptions.AllowedUnguardedActions"/>).
    /// </summary>
    public static IReadOnlyList<string> UnguardedActions { get; } = new[]
    {
        "sagemaker:CreateAIBenchmarkJob", "sagemaker:CreateAIRecommendationJob", "sagemaker:CreateCompilationJob", "sagemaker:CreateDeviceFleet",
        "sagemaker:CreateEdgeDeploymentPlan", "sagemaker:CreateEdgePackagingJob", "sagemaker:CreateInferenceExperiment", "sagemaker:CreateInferenceRecommendationsJob",
        "sagemaker:CreateMlflowApp", "sagemaker:CreateMlflowTrackingServer", "sagemaker:CreateModelCardExportJob", "sagemaker:CreateOptimizationJob",
        "sagemaker:CreatePartnerApp", "sagemaker:StartInferenceExperiment", "sagemaker:StartMlflowTrackingServer",
        "sagemaker:CreateProject", "sagemaker:EnableSagemakerServicecatalogPortfolio", "sagemaker:CreateAlgorithm", "sagemaker:DeployHubModel",
        "sagemaker:TrainHubModel", "sagemaker:AttachClusterNodeNetworkInterface", "sagemaker:PutResourcePolicy", "sagemaker:PutModelPackageGroupPolicy",
        "sagemaker:PutLineageGroupPolicy", "sagemaker:CreateLineageGroupPolicy", "sagemaker:CreateSharedModel",
    };

    /// <summary>
    /// The actions of <see cref="UnguardedActions"/> that share resources with other accounts rather than launch compute:
    /// denied by the workspace policy (<c>DenyUnguardedSharing</c>); the organization SCPs leave them out for room
    /// (3 SCPs at 85%), so in the SCPs they are covered only where a workspace policy applies.
    /// </summary>
    internal static readonly string[] SharingActions =
    {
        "sagemaker:PutResourcePolicy", "sagemaker:PutModelPackageGroupPolicy", "sagemaker:PutLineageGroupPolicy", "sagemaker:CreateLineageGroupPolicy", "sagemaker:CreateSharedModel",
    };

    /// <summary>
    /// Why the SageMaker write actions that carry no guarded condition key, and are neither denied unless opted in
    /// (<see cref="UnguardedActions"/>) nor pinned where their resource is defined (<see cref="GuardedElsewhere"/>),
    /// are harmless to the perimeter: by the action's name, a prefix or a pattern (<c>*</c>), the first match wins.
    /// A test fails when the IAM service reference has a write action none of the three lists covers.
    /// </summary>
    public static IReadOnlyList<(string Pattern, string Reason)> Harmless { get; } = new[]
    {
        ("sagemaker:Delete*", "Removes a resource: data stays in the workspace's retained buckets, and no compute starts."),
        ("sagemaker:Stop*", "Stops compute or a flow: nothing runs or leaves."),
        ("sagemaker:Deregister*", "Removes edge devices from a fleet (a fleet is denied unless opted in)."),
        ("sagemaker:Disable*", "Turns a feature off."),
        ("sagemaker:Disassociate*", "Removes lineage links: metadata only."),
        ("sagemaker:*Trial*", "Experiment tracking metadata (trials and their components)."),
        ("sagemaker:CreateExperiment", "Experiment tracking metadata."),
        ("sagemaker:UpdateExperiment", "Experiment tracking metadata."),
        ("sagemaker:*Action", "Lineage metadata."),
        ("sagemaker:*Artifact", "Lineage metadata (names an S3 URI; reads none)."),
        ("sagemaker:*Context", "Lineage metadata."),
        ("sagemaker:AddAssociation", "Lineage metadata."),
        ("sagemaker:BatchPutMetrics", "Writes training metrics into SageMaker, inside the account."),
        ("sagemaker:SendHeartbeat", "Edge agent heartbeat of a fleet, which is denied unless opted in."),
        ("sagemaker:RegisterDevices", "Adds devices to an edge fleet, which is denied unless opted in."),
        ("sagemaker:UpdateDevices", "Same as RegisterDevices."),
        ("sagemaker:*EdgeDeploymentStage", "Stages of an edge deployment plan, which is denied unless opted in."),
        ("sagemaker:CallMlflowAppApi", "Calls an MLflow app, which is denied unless opted in."),
        ("sagemaker:CallPartnerAppApi", "Calls a partner app, which is denied unless opted in."),
        ("sagemaker:*AppImageConfig", "Describes how Studio runs an image; the apps run in the domain's pinned network."),
        ("sagemaker:*Image", "A Studio image names an ECR image of the account; apps that run it are pinned to the domain's network."),
        ("sagemaker:*ImageVersion", "Same as CreateImage."),
        ("sagemaker:*CodeRepository", "Records a Git URL for notebooks; the notebooks reach no network but the workspace's endpoints."),
        ("sagemaker:*ModelCard", "Documentation of a model (exports are denied unless opted in: CreateModelCardExportJob)."),
        ("sagemaker:CreateModelPackageGroup", "A registry folder; sharing it needs PutModelPackageGroupPolicy, denied unless opted in."),
        ("sagemaker:*HumanTaskUi", "A labeling UI template; labeling jobs are pinned to private workforces."),
        ("sagemaker:StartHumanLoop", "Sends a task to a flow definition's workforce, which is pinned to private workforces."),
        ("sagemaker:*Hub", "A private model hub of the account; deploying or training from it is denied unless opted in."),
        ("sagemaker:*HubContent", "Content of a private hub (ImportHubContent copies in, never out)."),
        ("sagemaker:*HubContentReference", "Same as ImportHubContent."),
        ("sagemaker:*ClusterSchedulerConfig", "Scheduling of a cluster whose network CreateCluster pinned."),
        ("sagemaker:*ComputeQuota", "Quota of a cluster whose network CreateCluster pinned."),
        ("sagemaker:Batch*ClusterNodes", "Adds, replaces or reboots nodes of a cluster whose network CreateCluster pinned."),
        ("sagemaker:*ClusterNodeVolume", "Attaches storage to a node of a pinned cluster."),
        ("sagemaker:*TrainingPlan", "Reserves capacity; the jobs that use it are pinned."),
        ("sagemaker:CreateReservedCapacity", "Same as CreateTrainingPlan."),
        ("sagemaker:CreateAIWorkloadConfig", "Configuration of AI benchmark and recommendation jobs, which are denied unless opted in."),
        ("sagemaker:UpdateAIWorkloadConfig", "Same as CreateAIWorkloadConfig."),
        ("sagemaker:UpdateSharedModel", "Sharing a model is denied unless opted in (CreateSharedModel); this changes an existing share."),
        ("sagemaker:SendSharedModelEvent", "Same as UpdateSharedModel."),
        ("sagemaker:UpdateProject", "Updates a Service Catalog project, whose creation is denied unless opted in."),
        ("sagemaker:Retry*", "Retries a pipeline step, whose calls the guardrails pin."),
        ("sagemaker:SendPipelineExecutionStep*", "Reports a callback step's result into the pipeline."),
        ("sagemaker:Start*MonitoringSchedule", "Starts a schedule whose jobs CreateMonitoringSchedule pinned."),
        ("sagemaker:StartMonitoringSchedule", "Starts a schedule whose jobs CreateMonitoringSchedule pinned."),
        ("sagemaker:StartEdgeDeploymentStage", "Same as CreateEdgeDeploymentStage."),
        ("sagemaker:Update*Feature*", "Feature group metadata and TTL; the offline store keeps the location CreateFeatureGroup was given."),
        ("sagemaker:BatchWriteRecord", "Writes records into a feature group of the account."),
        ("sagemaker:UpdateMonitoringAlert", "Alert thresholds of a monitoring schedule."),
        ("sagemaker:UpdateReward", "Reward settings of a job of the account."),
        ("sagemaker:CompleteRollout", "Completes a rollout of an endpoint whose config is pinned."),
        ("sagemaker:Sample*", "Invokes a model of the account's own endpoints (inference)."),
        ("sagemaker:AssociateTrialComponent", "Experiment tracking metadata."),
        ("sagemaker:*Tags", "Tags: the workspace tag is guarded by the workspace's statements (DenyRetaggingOtherWorkspaces, DenyWorkspaceTagRemoval)."),
        ("sagemaker:*NotebookInstanceLifecycleConfig", "Denied to all but break-glass and deployers (DenyLifecycleConfigAuthoring)."),
        ("sagemaker:*StudioLifecycleConfig", "Same as CreateNotebookInstanceLifecycleConfig."),
        ("sagemaker:ExtendTrainingPlan", "Same as CreateTrainingPlan."),
    };

    /// <summary>
    /// Actions that launch compute or hand out access and need no statement of their own, with the
    /// reason: what they run is pinned where it is defined.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GuardedElsewhere { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sagemaker:CreateApp"] = "Studio apps run in their domain's network and security groups, which CreateDomain, CreateUserProfile and CreateSpace are pinned to; their lifecycle configurations are pinned by StudioLifecycleConfigArns.",
        ["sagemaker:CreateEndpoint"] = "An endpoint runs its endpoint config's models; CreateModel, CreateEndpointConfig and CreateInferenceComponent are pinned.",
        ["sagemaker:UpdateEndpoint"] = "Same as CreateEndpoint.",
        ["sagemaker:UpdateEndpointWeightsAndCapacities"] = "Scales what the endpoint config already pinned.",
        ["sagemaker:UpdateInferenceComponent"] = "An inference component keeps the model it was created with (pinned by CreateInferenceComponent).",
        ["sagemaker:UpdateInferenceComponentRuntimeConfig"] = "Scales what CreateInferenceComponent pinned.",
        ["sagemaker:StartNotebookInstance"] = "Starts a notebook instance whose network, root access, key and lifecycle were pinned by Create/UpdateNotebookInstance.",
        ["sagemaker:StartPipelineExecution"] = "Each step calls the SageMaker API with the pipeline's role, and the guardrails pin those calls.",
        ["sagemaker:UpdatePipelineExecution"] = "Same as StartPipelineExecution.",
        ["sagemaker:CreatePipeline"] = "Same as StartPipelineExecution.",
        ["sagemaker:UpdatePipeline"] = "Same as StartPipelineExecution.",
        ["sagemaker:CreateWorkforce"] = "A private workforce: labeling jobs and flow definitions are pinned to non-public workforces (WorkteamType).",
        ["sagemaker:CreateWorkteam"] = "Same as CreateWorkforce.",
        ["sagemaker:UpdateWorkforce"] = "Same as CreateWorkforce.",
        ["sagemaker:UpdateWorkteam"] = "Same as CreateWorkforce.",
        ["sagemaker:UpdateCluster"] = "Pinned by VpcSubnets and VpcSecurityGroupIds when it resends them; a cluster keeps the network CreateCluster pinned.",
        ["sagemaker:UpdateClusterSoftware"] = "Patches the nodes of a cluster whose network CreateCluster pinned.",
        ["sagemaker:UpdateClusterInference"] = "Same as UpdateClusterSoftware.",
        ["sagemaker:StartClusterHealthCheck"] = "Same as UpdateClusterSoftware.",
        ["sagemaker:CreatePresignedNotebookInstanceUrl"] = "The presigned-URL policy limits it to company CIDRs or the workspace's endpoint.",
        ["sagemaker:CreatePresignedDomainUrl"] = "Same as CreatePresignedNotebookInstanceUrl.",
        ["sagemaker:CreatePresignedMlflowTrackingServerUrl"] = "Same as CreatePresignedNotebookInstanceUrl.",
        ["sagemaker:StartSession"] = "Same as CreatePresignedNotebookInstanceUrl.",
        ["sagemaker:CreatePresignedMlflowAppUrl"] = "Same as CreatePresignedNotebookInstanceUrl; MLflow apps are denied unless opted in.",
        ["sagemaker:CreatePartnerAppPresignedUrl"] = "Same as CreatePresignedNotebookInstanceUrl; partner apps are denied unless opted in.",
        ["sagemaker:UpdateDeviceFleet"] = "Updates a resource whose Create is denied unless opted in.",
        ["sagemaker:UpdateInferenceExperiment"] = "Same as UpdateDeviceFleet.",
        ["sagemaker:UpdateMlflowApp"] = "Same as UpdateDeviceFleet.",
        ["sagemaker:UpdateMlflowTrackingServer"] = "Same as UpdateDeviceFleet.",
        ["sagemaker:UpdatePartnerApp"] = "Same as UpdateDeviceFleet.",
    };

    /// <summary>Every statement: the account-independent ones and the workspace-bound ones for a workspace, with options.</summary>
    /// <param name="workspace">The workspace's subnets, security groups and key; null for the organization's statements only.</param>
    /// <param name="options">Opt-ins.</param>
    public static IReadOnlyList<GuardrailStatement> All(WorkspaceBinding? workspace = null, GuardrailOptions? options = null)
    {
        options ??= new GuardrailOptions();
        var statements = Isolation().Concat(Network()).Concat(Keys()).Concat(Notebooks()).Concat(Studio()).Concat(Access(options)).Concat(Protections());
        if (workspace is not null)
        {
            statements = statements.Concat(WorkspaceBound(workspace));
        }

        return statements.ToList();
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> When(string op, string key, object value) =>
        new Dictionary<string, IReadOnlyDictionary<string, object>> { [op] = new Dictionary<string, object> { [key] = value } };

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> When(params (string Op, string Key, object Value)[] conditions) =>
        conditions.GroupBy(c => c.Op).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, object>)g.ToDictionary(c => c.Key, c => c.Value));

    private static string[] Only(params string[] actions) => actions.Select(a => "sagemaker:" + a).ToArray();

    /// <summary>Network isolation and inter-container encryption: false is denied everywhere, absent on Create.</summary>
    private static IEnumerable<GuardrailStatement> Isolation()
    {
        // The IfExists statement denies both false and absent on the Creates (an absent key makes IfExists true); the
        // Bool statement covers every action (Updates, and endpoint configs, whose key is absent when variants name no model).
        var isolationCreates = SageMakerActions.CreatesSupporting("sagemaker:NetworkIsolation", "CreateEndpointConfig");
        yield return new("DenyNetworkIsolationFalse", SageMakerActions.Supporting("sagemaker:NetworkIsolation"), When("Bool", "sagemaker:NetworkIsolation", "false"),
            "Jobs, models and endpoint configs run with EnableNetworkIsolation.");
        yield return new("DenyNetworkIsolationAbsent", isolationCreates, When("BoolIfExists", "sagemaker:NetworkIsolation", "false"),
            "A Create runs with EnableNetworkIsolation: false and absent are both denied (a Bool test alone does not fire on an absent key).");
        yield return new("DenyEndpointConfigWithoutModelOrIsolation", Only("CreateEndpointConfig"), When(("Null", "sagemaker:ModelArn", "true"), ("Null", "sagemaker:NetworkIsolation", "true")),
            "An endpoint config whose variants name no model (inference components) sets EnableNetworkIsolation itself.");
        yield return new("DenyEndpointConfigWithoutModelOrVpc", Only("CreateEndpointConfig"), When(("Null", "sagemaker:ModelArn", "true"), ("Null", "sagemaker:VpcSubnets", "true")),
            "An endpoint config whose variants name no model sets a VpcConfig itself.");
        yield return new("DenyInferenceComponentWithoutModel", Only("CreateInferenceComponent"), When("Null", "sagemaker:ModelArn", "true"),
            "An inference component runs a model (with the model's isolation), never a bare container.");
        var encryptionCreates = SageMakerActions.CreatesSupporting("sagemaker:InterContainerTrafficEncryption");
        yield return new("DenyInterContainerEncryptionFalse", SageMakerActions.Supporting("sagemaker:InterContainerTrafficEncryption"), When("Bool", "sagemaker:InterContainerTrafficEncryption", "false"),
            "Traffic between job containers is encrypted.");
        yield return new("DenyInterContainerEncryptionAbsent", encryptionCreates, When("BoolIfExists", "sagemaker:InterContainerTrafficEncryption", "false"),
            "A Create encrypts traffic between its containers: false and absent are both denied.");
    }

    /// <summary>A VPC on every Create that can take one (endpoint configs with a model and user profiles inherit theirs).</summary>
    private static IEnumerable<GuardrailStatement> Network()
    {
        yield return new("DenyVpcSubnetsAbsent", SageMakerActions.CreatesSupporting("sagemaker:VpcSubnets", "CreateEndpointConfig"), When("Null", "sagemaker:VpcSubnets", "true"),
            "Jobs, models, notebooks, domains and clusters run in a VPC.");
        yield return new("DenyVpcSecurityGroupsAbsent", SageMakerActions.CreatesSupporting("sagemaker:VpcSecurityGroupIds", "CreateEndpointConfig", "CreateUserProfile"), When("Null", "sagemaker:VpcSecurityGroupIds", "true"),
            "Jobs, models, notebooks, domains and clusters run with security groups.");
    }

    /// <summary>Customer-managed keys of the caller's own account on volumes and output.</summary>
    private static IEnumerable<GuardrailStatement> Keys()
    {
        var nvmeCapable = Only("CreateTrainingJob", "CreateProcessingJob", "CreateHyperParameterTuningJob", "CreateTransformJob", "CreateEndpointConfig", "CreateMonitoringSchedule",
            "CreateDataQualityJobDefinition", "CreateModelQualityJobDefinition", "CreateModelBiasJobDefinition", "CreateModelExplainabilityJobDefinition");
        var volume = SageMakerActions.CreatesSupporting("sagemaker:VolumeKmsKeyArn");
        yield return new("DenyVolumeKmsKeyAbsent", volume.Except(nvmeCapable).ToList(), When("Null", "sagemaker:VolumeKmsKeyArn", "true"),
            "Volumes of notebooks, domains, AutoML and labeling jobs are encrypted with a customer-managed key.");
        yield return new("DenyVolumeKmsKeyAbsentOnEbs", volume.Intersect(nvmeCapable).ToList(),
            When(("Null", "sagemaker:VolumeKmsKeyArn", "true"), ("ForAnyValue:StringNotLike", "sagemaker:InstanceTypes", NvmeTypePatterns())),
            "Job and endpoint volumes are encrypted with a customer-managed key, except on instance types with local NVMe storage, which SageMaker encrypts in hardware and for which it rejects a key.");
        // The statement above is false on an absent sagemaker:InstanceTypes (ForAnyValue): a job that names no instance type needs the key too
        // (fail closed). Endpoint configs are left out: serverless variants name no instance type and have no volume.
        yield return new("DenyVolumeKmsKeyAbsentWithoutTypes", volume.Intersect(nvmeCapable).Where(a => a != "sagemaker:CreateEndpointConfig").ToList(),
            When(("Null", "sagemaker:VolumeKmsKeyArn", "true"), ("Null", "sagemaker:InstanceTypes", "true")),
            "A job whose request names no instance type carries a volume key: only named local-NVMe types go without.");
        yield return new("DenyOfflineStoreKmsKeyAbsent", Only("CreateFeatureGroup"),
            When(("Null", "sagemaker:FeatureGroupOfflineStoreS3Uri", "false"), ("Null", "sagemaker:FeatureGroupOfflineStoreKmsKeyArn", "true")),
            "A feature group's offline store in S3 is encrypted with a customer-managed key.") { InOrganizationPolicy = false };
        yield return new("DenyOutputKmsKeyAbsent", SageMakerActions.CreatesSupporting("sagemaker:OutputKmsKeyArn"), When("Null", "sagemaker:OutputKmsKeyArn", "true"),
            "Job output is encrypted with a customer-managed key.");
        // ForAnyValue on a single-valued key: true only when the key is there and differs (IfExists would deny its absence, and local-NVMe jobs have none).
        yield return new("DenyVolumeKmsKeyOfAnotherAccount", SageMakerActions.Supporting("sagemaker:VolumeKmsKeyArn"), When("ForAnyValue:StringNotLike", "sagemaker:VolumeKmsKeyArn", "arn:*:kms:*:${aws:PrincipalAccount}:key/*"),
            "A volume key is a key (not an alias) of the caller's own account: another account's key passes a presence test, and its owner controls the data.");
        yield return new("DenyOutputKmsKeyOfAnotherAccount", SageMakerActions.Supporting("sagemaker:OutputKmsKeyArn"), When("ForAnyValue:StringNotLike", "sagemaker:OutputKmsKeyArn", "arn:*:kms:*:${aws:PrincipalAccount}:key/*"),
            "An output key is a key of the caller's own account.");
    }

    /// <summary>Notebook instances: no internet, no root, IMDSv2, no lifecycle configuration but the library's own.</summary>
    private static IEnumerable<GuardrailStatement> Notebooks()
    {
        yield return new("DenyNotebookInternetAccess", Only("CreateNotebookInstance"), When("StringNotEquals", "sagemaker:DirectInternetAccess", "Disabled"),
            "Notebook instances are created with DirectInternetAccess Disabled (an absent key is denied too).");
        yield return new("DenyNotebookRootAccess", Only("CreateNotebookInstance"), When("StringNotEquals", "sagemaker:RootAccess", "Disabled"),
            "Notebook instances are created with RootAccess Disabled (an absent key is denied too).");
        yield return new("DenyNotebookRootAccessUpdate", Only("UpdateNotebookInstance"), When("StringEquals", "sagemaker:RootAccess", "Enabled"),
            "An update may not turn root access on; updates that do not resend the key pass.");
        yield return new("DenyNotebookImdsV1", Only("CreateNotebookInstance"), When("StringNotEquals", "sagemaker:MinimumInstanceMetadataServiceVersion", "2"),
            "Notebook instances require IMDSv2 (an absent key is denied too).");
        yield return new("DenyNotebookImdsV1Update", Only("UpdateNotebookInstance"), When("StringEquals", "sagemaker:MinimumInstanceMetadataServiceVersion", "1"),
            "An update may not allow IMDSv1.");
        yield return new("DenyForeignNotebookLifecycleConfigs", SageMakerActions.Supporting("sagemaker:NotebookInstanceLifecycleConfigArns"),
            When("ForAnyValue:StringNotLike", "sagemaker:NotebookInstanceLifecycleConfigArns", "arn:*:sagemaker:*:*:notebook-instance-lifecycle-config/" + LifecycleConfigPrefix + "*"),
            "Lifecycle scripts run as root: only the library's own configurations (named " + LifecycleConfigPrefix + "*) may be attached.");
    }

    /// <summary>Studio: VpcOnly domains, no remote access, no lifecycle configuration but the library's own.</summary>
    private static IEnumerable<GuardrailStatement> Studio()
    {
        yield return new("DenyDomainNotVpcOnly", Only("CreateDomain"), When("StringNotEquals", "sagemaker:AppNetworkAccessType", "VpcOnly"),
            "Studio domains are created VpcOnly (an absent key means PublicInternetOnly, and is denied).");
        yield return new("DenyDomainUpdateToPublicInternet", Only("UpdateDomain"), When("StringEquals", "sagemaker:AppNetworkAccessType", "PublicInternetOnly"),
            "An update may not switch a domain to PublicInternetOnly; updates that do not resend the key pass.");
        yield return new("DenySpaceRemoteAccess", SageMakerActions.Supporting("sagemaker:RemoteAccess"), When("StringEquals", "sagemaker:RemoteAccess", "ENABLED"),
            "Spaces accept no remote connections from outside Studio.");
        yield return new("DenyForeignStudioLifecycleConfigs", SageMakerActions.Supporting("sagemaker:StudioLifecycleConfigArns"),
            When("ForAnyValue:StringNotLike", "sagemaker:StudioLifecycleConfigArns", "arn:*:sagemaker:*:*:studio-lifecycle-config/" + LifecycleConfigPrefix + "*"),
            "Only the library's own Studio lifecycle configurations may run in apps.");
    }

    /// <summary>Shells, public crowds and APIs no key can pin.</summary>
    private static IEnumerable<GuardrailStatement> Access(GuardrailOptions options)
    {
        yield return new("DenyRemoteDebug", SageMakerActions.Supporting("sagemaker:EnableRemoteDebug"), When("Bool", "sagemaker:EnableRemoteDebug", "true"),
            "No remote debugging shell into training containers.");
        yield return new("DenyPublicWorkforce", SageMakerActions.Supporting("sagemaker:WorkteamType"), When("StringEquals", "sagemaker:WorkteamType", new[] { "public-crowd", "vendor-crowd" }),
            "Data goes to no public crowd (Mechanical Turk) and no marketplace vendor for labeling or review: only to private workforces.");
        var unguarded = UnguardedActions.Except(options.AllowedUnguardedActions ?? Array.Empty<string>(), StringComparer.Ordinal).ToList();
        var launchers = unguarded.Except(SharingActions, StringComparer.Ordinal).ToList();
        if (launchers.Count > 0)
        {
            yield return new("DenyUnguardedCompute", launchers, new Dictionary<string, IReadOnlyDictionary<string, object>>(),
                "APIs that launch compute or send data out with no key that could pin them to a workspace are denied unless a workspace opts in.");
        }

        var sharing = unguarded.Intersect(SharingActions, StringComparer.Ordinal).ToList();
        if (sharing.Count > 0)
        {
            yield return new("DenyUnguardedSharing", sharing, new Dictionary<string, IReadOnlyDictionary<string, object>>(),
                "Resource policies and shares that open models, model packages or lineage to other accounts are denied unless a workspace opts in.") { InOrganizationPolicy = false };
        }
    }

    /// <summary>The workspace's own infrastructure, which only deployments may change.</summary>
    private static IEnumerable<GuardrailStatement> Protections()
    {
        // Create, Update and Delete of notebook instance and Studio lifecycle configurations (the wildcards name exactly those five in the service reference).
        yield return new("DenyLifecycleConfigAuthoring", Only("Create*LifecycleConfig", "Update*LifecycleConfig", "Delete*LifecycleConfig"),
            new Dictionary<string, IReadOnlyDictionary<string, object>>(),
            "Lifecycle scripts run as root or in every app: only deployments write them.") { Exemption = GuardrailExemption.BreakGlassAndDeployers };
        // Every Route 53 Resolver write: replacing a domain list by import, another rule group at a higher priority (one
        // shared from another account included), fail-open, forwarding rules and resolver endpoints (DNS paths out of the
        // VPC of their own), query-log disassociation. Whoever holds them can change what the VPC's resolver answers.
        yield return new("DenyDnsFirewallChanges", new[]
            {
                "route53resolver:Associate*", "route53resolver:Disassociate*", "route53resolver:Create*", "route53resolver:Delete*",
                "route53resolver:Update*", "route53resolver:Import*", "route53resolver:Put*",
                // Route 53 Profiles carry rule groups, resolver rules and hosted zones into a VPC, with priorities of their own.
                "route53profiles:*Associat*",
            },
            new Dictionary<string, IReadOnlyDictionary<string, object>>(),
            "The DNS firewall, its fail-closed setting, its query logs and the resolver's rules and endpoints close the DNS path out: only deployments change them.") { Exemption = GuardrailExemption.BreakGlassAndDeployers };
        // The managed policies under the same path (guardrails, presigned URLs) are resources of the same actions (CreatePolicyVersion,
        // DeletePolicy, DeletePolicyVersion, TagPolicy) and of SetDefaultPolicyVersion: one statement protects both.
        yield return new("DenyExecutionRoleChanges", OrganizationGuardrails.RoleChangeActions.Append("iam:SetDefaultPolicyVersion").ToArray(),
            new Dictionary<string, IReadOnlyDictionary<string, object>>(),
            "Roles under the execution-role path may read model artifacts from outside the bucket perimeter, and the managed policies under it carry the guardrails: only deployments create or change them.")
        {
            Resources = new[] { "arn:*:iam::*:role" + ExecutionRolePathPrefix + "*", "arn:*:iam::*:policy" + ProtectedPolicyPath + "*" },
            Exemption = GuardrailExemption.BreakGlassAndDeployers,
        };
    }

    /// <summary>The statements bound to one workspace: its subnets, security groups and key (in its policy only).</summary>
    private static IEnumerable<GuardrailStatement> WorkspaceBound(WorkspaceBinding workspace)
    {
        yield return new("DenyForeignSubnets", SageMakerActions.Supporting("sagemaker:VpcSubnets"), When("ForAnyValue:StringNotEquals", "sagemaker:VpcSubnets", workspace.SubnetIds),
            "Jobs, models, notebooks, domains and clusters run only in the workspace's subnets.") { InOrganizationPolicy = false };
        yield return new("DenyForeignSecurityGroups", SageMakerActions.Supporting("sagemaker:VpcSecurityGroupIds"), When("ForAnyValue:StringNotEquals", "sagemaker:VpcSecurityGroupIds", workspace.SecurityGroupIds),
            "Workloads run only with the workspace's security group.") { InOrganizationPolicy = false };
        yield return new("DenyForeignVolumeKmsKey", SageMakerActions.Supporting("sagemaker:VolumeKmsKeyArn"), When("ForAnyValue:StringNotEquals", "sagemaker:VolumeKmsKeyArn", workspace.DataKeyArn),
            "Volumes use the workspace's key (when they take one).") { InOrganizationPolicy = false };
        yield return new("DenyForeignOutputKmsKey", SageMakerActions.Supporting("sagemaker:OutputKmsKeyArn"), When("ForAnyValue:StringNotEquals", "sagemaker:OutputKmsKeyArn", workspace.DataKeyArn),
            "Output uses the workspace's key.") { InOrganizationPolicy = false };
        yield return new("DenyForeignOfflineStoreKmsKey", Only("CreateFeatureGroup"), When("ForAnyValue:StringNotEquals", "sagemaker:FeatureGroupOfflineStoreKmsKeyArn", workspace.DataKeyArn),
            "A feature group's offline store uses the workspace's key.") { InOrganizationPolicy = false };
        if (workspace.DataBucketName is { } bucket)
        {
            yield return new("DenyForeignOfflineStore", Only("CreateFeatureGroup"), When("ForAnyValue:StringNotLike", "sagemaker:FeatureGroupOfflineStoreS3Uri", "s3://" + bucket + "/*"),
                "A feature group's offline store is in the workspace's data bucket (an absent key, an online-only group, passes).") { InOrganizationPolicy = false };
        }
        // Protect the protections: a guarded person with IAM rights cannot detach the workspace's managed policies from
        // anyone, nor rewrite them through a new default version (the policies live under ProtectedPolicyPath).
        yield return new("DenyGuardrailPolicyChanges", new[] { "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion" },
            new Dictionary<string, IReadOnlyDictionary<string, object>>(), "The workspace's managed policies keep the statements the deployment gave them.")
        { Resources = new[] { "arn:*:iam::*:policy" + ProtectedPolicyPath + "*" }, InOrganizationPolicy = false };
        yield return new("DenyLeavingGuardedGroups", new[] { "iam:RemoveUserFromGroup" }, new Dictionary<string, IReadOnlyDictionary<string, object>>(),
            "ApplyGuardrails may guard a group: no one under the guardrails takes a user out of a group (and so out of its guardrails); break-glass does.") { InOrganizationPolicy = false };
        yield return new("DenyGuardrailPolicyDetachment", new[] { "iam:DetachRolePolicy", "iam:DetachUserPolicy", "iam:DetachGroupPolicy" },
            When("ArnLike", "iam:PolicyARN", "arn:*:iam::*:policy" + ProtectedPolicyPath + "*"), "No one under the guardrails takes them, or the presigned-URL policy, off a role, user or group.") { InOrganizationPolicy = false };
        if (workspace.TagValue is { } tag)
        {
            const string key = WorkspaceTag.Key;
            yield return new("DenyRetaggingOtherWorkspaces", Only("AddTags"), When(("Null", "aws:ResourceTag/" + key, "false"), ("StringNotEquals", "aws:ResourceTag/" + key, tag)),
                "The workspace tag scopes who may describe and stop a job: no one moves another workspace's resource into this one by tagging it.") { InOrganizationPolicy = false };
            yield return new("DenyWorkspaceTagRemoval", Only("DeleteTags"), When("ForAnyValue:StringEquals", "aws:TagKeys", key),
                "The workspace tag stays on what a workspace started.") { InOrganizationPolicy = false };
        }
    }

    /// <summary>
    /// <c>StringLike</c> patterns of the instance families with local NVMe storage, from the shared
    /// instance type table (<c>ml.g5.*</c>, <c>ml.p4d.*</c>, ...).
    /// </summary>
    /// <remarks>
    /// The SCPs have little room, so the families are named by <see cref="CompactNvmePatterns"/> when those match exactly the
    /// NVMe types of the table (no other type); when a new table breaks that, the per-family list is used (never broader).
    /// </remarks>
    internal static string[] NvmeTypePatterns()
    {
        var families = InstanceTypes.NvmeTypes.Select(t => "ml." + t.Split('.')[1] + ".*").Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        bool Matches(string type) => CompactNvmePatterns.Any(p => System.Text.RegularExpressions.Regex.IsMatch(type,
            "^" + System.Text.RegularExpressions.Regex.Escape(p).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$"));
        return InstanceTypes.All.All(t => Matches(t) == InstanceTypes.NvmeTypes.Contains(t, StringComparer.Ordinal)) ? CompactNvmePatterns : families;
    }

    /// <summary>Wildcards that name the local-NVMe families of the instance type table in fewer characters (<c>ml.*d*.*</c>: m5d, c6gd, g4dn, p4d, ...).</summary>
    internal static readonly string[] CompactNvmePatterns = { "ml.*d*.*", "ml.g?.*", "ml.g?e.*", "ml.gr6.*", "ml.i3en.*", "ml.p5*", "ml.p6*", "ml.trn*" };
}

/// <summary>What a workspace's guardrail statements are bound to.</summary>
/// <param name="SubnetIds">The workspace's subnets.</param>
/// <param name="SecurityGroupIds">The workspace's security groups.</param>
/// <param name="DataKeyArn">The workspace's data key.</param>
public sealed record WorkspaceBinding(string[] SubnetIds, string[] SecurityGroupIds, string DataKeyArn)
{
    /// <summary>The workspace's subnets.</summary>
    public string[] SubnetIds { get; init; } = SubnetIds ?? throw new ArgumentNullException(nameof(SubnetIds), "Give the workspace's subnet ids.");

    /// <summary>The workspace's security groups.</summary>
    public string[] SecurityGroupIds { get; init; } = SecurityGroupIds ?? throw new ArgumentNullException(nameof(SecurityGroupIds), "Give the workspace's security group ids.");

    /// <summary>The workspace's data key.</summary>
    public string DataKeyArn { get; init; } = DataKeyArn ?? throw new ArgumentNullException(nameof(DataKeyArn), "Give the workspace's data key ARN.");

    /// <summary>The workspace tag's value, when the statements guard it.</summary>
    public string? TagValue { get; init; }

    /// <summary>The workspace's data bucket, where feature groups keep their offline store.</summary>
    public string? DataBucketName { get; init; }
}

/// <summary>Opt-ins of the guardrails.</summary>
public sealed class GuardrailOptions
{
    /// <summary>
    /// Actions of <see cref="GuardrailStatements.UnguardedActions"/> to allow (for example
    /// <c>sagemaker:CreateCompilationJob</c>); each raises warning <see cref="WarningIds.UnguardedComputeAllowed"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: none: every one is denied.</remarks>
    public string[]? AllowedUnguardedActions { get; init; }
}
