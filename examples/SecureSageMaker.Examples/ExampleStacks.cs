using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Examples;

/// <summary>The stacks of the example app, shared with the snapshot tests.</summary>
public static class ExampleStacks
{
    /// <summary>Name of the stack that uses every default.</summary>
    public const string DefaultStackName = "SecureMlWorkspaceDefault";

    /// <summary>Name of the stack that turns every feature on.</summary>
    public const string FullStackName = "SecureMlWorkspaceFull";

    /// <summary>Name of the stack that hosts a model of the full workspace, deployed once its artifact exists.</summary>
    public const string HostingStackName = "SecureMlWorkspaceFullHosting";

    /// <summary>Name of the stack with what exists once per account and region (SageMaker's own log groups).</summary>
    public const string BaselineStackName = "SecureMlAccountBaseline";

    /// <summary>Name of the stack with the organization SCP.</summary>
    public const string OrganizationStackName = "SecureMlOrganizationGuardrails";

    /// <summary>The OU the example SCP targets when cdk.json names none (an example id: replace it).</summary>
    public const string ExampleOrganizationalUnit = "ou-ab12-cdef3456";

    /// <summary>The training image: an AWS Deep Learning Container of the stack's own region.</summary>
    public static ContainerImage TrainingImage => ContainerImage.FromDeepLearningContainer("pytorch-training", "2.3.0-cpu-py311");

    /// <summary>Adds the example workspace stacks to <paramref name="scope"/>: default, full, and the full workspace's hosting stack.</summary>
    public static (Stack Default, Stack Full, Stack Hosting) AddAll(Construct scope, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        var full = AddFull(scope, synthesizer, env);
        return (AddDefault(scope, synthesizer, env), full.Stack, AddHosting(scope, full.Workspace, synthesizer, env));
    }

    private static Stack NewStack(Construct scope, string name, string description, IStackSynthesizer? synthesizer, Amazon.CDK.Environment? env) =>
        new(scope, name, new StackProps { Description = description, Synthesizer = synthesizer, Env = env });

    /// <summary>One workspace stack per configured account and region, with that environment.</summary>
    public static IReadOnlyList<Stack> AddAccounts(Construct scope, IReadOnlyList<AccountTarget> targets, IStackSynthesizer? synthesizer = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.Select(target =>
        {
            var stack = new Stack(scope, target.StackName, new StackProps
            {
                Description = "SecureSageMaker workspace for account " + target.Account + " in " + target.Region + ".",
                Env = new Amazon.CDK.Environment { Account = target.Account, Region = target.Region },
                Synthesizer = synthesizer,
            });
            OfflineZones.Use(stack, target.AvailabilityZones);
            _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
            {
                Network = new PrivateNetworkProps { AvailabilityZones = target.AvailabilityZones },
                PresignedUrlAllowedCidrs = target.PresignedUrlAllowedCidrs,
            });
            return stack;
        }).ToList();
    }

    /// <summary>
    /// What exists once per account and region, deployed once before any workspace: SageMaker's own
    /// log groups, encrypted and retained. In an account where SageMaker already created them, import
    /// them (<c>cdk import</c>) instead.
    /// </summary>
    public static Stack AddBaseline(Construct scope, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        var stack = NewStack(scope, BaselineStackName, "SecureSageMaker example: the account's SageMaker log groups, encrypted and retained (once per account and region).", synthesizer, env);
        _ = new SageMakerLogGroups(stack, "SageMakerLogGroups");
        return stack;
    }

    /// <summary>The organization guardrails (SCPs), deployed from the management account.</summary>
    public static Stack AddOrganization(Construct scope, string[] targetIds, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null, string[]? regions = null)
    {
        var stack = NewStack(scope, OrganizationStackName, "SecureSageMaker example: the organization SCPs that carry the SageMaker guardrails to every ML account, and the StackSet that gives each a workspace.", synthesizer, env);
        _ = new OrganizationGuardrails(stack, "Guardrails", new OrganizationGuardrailsProps
        {
            TargetIds = targetIds,
            // Break-glass: a role kept for emergencies in every account; it also bootstraps new accounts by hand.
            BreakGlassPrincipalArns = new[] { "arn:aws:iam::*:role/BreakGlass" },
            // The OU's workspaces and CDK bootstrap are deployed by service-managed StackSets.
            StackSetsExecution = true,
        });

        // Every account of the OUs gets a workspace, including accounts that join later. One template holds the account's
        // SageMaker log groups and the workspace: two StackSets would give no order for an account that joins later.
        var ous = targetIds.Where(t => t.StartsWith("ou-", StringComparison.Ordinal) || t.StartsWith("r-", StringComparison.Ordinal)).ToArray();
        if (ous.Length > 0)
        {
            _ = new WorkspaceStackSet(stack, "Workspaces", new WorkspaceStackSetProps
            {
                StackSetName = "SecureSageMakerWorkspaces",
                OrganizationalUnitIds = ous,
                Regions = regions ?? new[] { "eu-west-1" },
                Template = template =>
                {
                    _ = new SageMakerLogGroups(template, "SageMakerLogGroups");
                    _ = new SecureMlWorkspace(template, "Workspace");
                },
            });
        }

        return stack;
    }

    /// <summary>A workspace with every default: the posture a new ML account gets.</summary>
    public static Stack AddDefault(Construct scope, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        var stack = NewStack(scope, DefaultStackName, "SecureSageMaker example: a locked-down SageMaker workspace with every default.", synthesizer, env);
        _ = new SecureMlWorkspace(stack, "Workspace");
        return stack;
    }

    /// <summary>A workspace with every feature of the library turned on (hosting is in <see cref="AddHosting"/>).</summary>
    public static (Stack Stack, SecureMlWorkspace Workspace) AddFull(Construct scope, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        var stack = NewStack(scope, FullStackName, "SecureSageMaker example: a locked-down SageMaker workspace with every feature turned on.", synthesizer, env);
        var reference = Bucket.FromBucketName(stack, "ReferenceData", "example-reference-data");
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps
            {
                VpcCidr = "10.60.0.0/16",
                AdditionalInterfaceEndpoints = new[]
                {
                    InterfaceEndpointService.SageMakerFeatureStoreRuntime, InterfaceEndpointService.Ssm, InterfaceEndpointService.ServiceCatalog,
                    InterfaceEndpointService.SecretsManager, InterfaceEndpointService.StepFunctions,
                },
                AllowSelfReferencingTraffic = true,
            },
            PresignedUrlAllowedCidrs = new[] { "203.0.113.0/24", "198.51.100.0/24" },
            BreakGlassPrincipalArns = new[] { "arn:aws:iam::111122223333:role/WorkspaceBreakGlass" },
            InputBuckets = new[] { reference },
            NoncurrentVersionExpiration = Duration.Days(365),
            PackageMirror = new PackageMirrorProps(),
            IdleShutdown = Duration.Hours(2),
            DetectiveControls = new DetectiveControlsProps { Recorder = AccountTargets.ConfigRecorder(scope) },
        });

        // The people who use the workspace: their roles get the guardrails and the presigned-URL policy. A role
        // named in cdk.json context is imported; otherwise the stack creates one, so nothing is attached to a
        // role by a name that nothing creates.
        workspace.ApplyGuardrails(AccountTargets.DataScientistRoleArn(scope) is { } arn
            ? Role.FromRoleArn(stack, "DataScientists", arn)
            : new Role(stack, "DataScientists", new RoleProps
            {
                AssumedBy = new AccountRootPrincipal(),
                Description = "SecureSageMaker example: the data scientists' role, under the workspace's guardrails.",
            }));

        _ = workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { NotebookInstanceName = "secure-research" });
        _ = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps
        {
            DomainName = "secure-studio",
            UserProfileNames = new[] { "data-scientist" },
        });
        _ = workspace.AddJobWorkflow("Training", new JobWorkflowProps
        {
            Name = "churn-training",
            Definition = new TrainingJobDefinition
            {
                Image = TrainingImage,
                InstanceCount = 2,
                Channels = new[]
                {
                    new TrainingChannel { Name = "train", KeyPrefix = "datasets/churn/train/" },
                    new TrainingChannel { Name = "reference", KeyPrefix = "reference/", Bucket = reference },
                },
                Hyperparameters = new Dictionary<string, string> { ["epochs"] = "10" },
            },
        });
        _ = workspace.AddJobWorkflow("Processing", new JobWorkflowProps
        {
            Name = "churn-features",
            Definition = new ProcessingJobDefinition
            {
                Image = TrainingImage,
                ContainerEntrypoint = new[] { "python3", "/opt/ml/processing/input/code/features.py" },
                Inputs = new[]
                {
                    new ProcessingData { Name = "code", KeyPrefix = "code/churn-features/" },
                    new ProcessingData { Name = "raw", KeyPrefix = "datasets/churn/raw/" },
                },
                Outputs = new[] { new ProcessingData { Name = "features", KeyPrefix = "datasets/churn/train/" } },
            },
        });

        // The full example weakens two controls on purpose; the acknowledgments record why, for reviewers.
        Acknowledge.Warning(stack, WarningIds.SelfReferencingTraffic, "Distributed training with two instances needs traffic between them.");
        Acknowledge.Warning(stack, WarningIds.UnverifiedInputBucket, "The reference bucket is held to the same controls by its owning team.");
        Acknowledge.Warning(stack, WarningIds.NamedReplaceableResource, "The research notebook keeps its name for its users; a change of subnets renames it in the same change.");
        return (stack, workspace);
    }

    /// <summary>
    /// Hosting for the full workspace, in a stack of its own: SageMaker checks a model's artifact when the
    /// model is created, so this stack deploys after a training run has written it, and takes its URL as
    /// the parameter <c>ModelDataUrl</c>.
    /// </summary>
    public static Stack AddHosting(Construct scope, IMlWorkspace workspace, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        var stack = NewStack(scope, HostingStackName, "SecureSageMaker example: an isolated model and an encrypted endpoint of the full workspace, deployed once the model artifact exists.", synthesizer, env);
        var url = new CfnParameter(stack, "ModelDataUrl", new CfnParameterProps
        {
            Type = "String",
            AllowedPattern = "^s3://.+/.+$",
            Description = "S3 URL of the model artifact (model.tar.gz) a training run of churn-training wrote to the model bucket.",
        });
        var model = new IsolatedModel(stack, "Model", new IsolatedModelProps
        {
            Workspace = workspace,
            Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311"),
            ModelData = ModelData.FromUrl(url.ValueAsString),
        });
        _ = new EncryptedEndpoint(stack, "Endpoint", new EncryptedEndpointProps { Workspace = workspace, Model = model, EndpointName = "churn" });
        return stack;
    }
}
