using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker;
using SecureSageMaker.Guardrails;
using SecureSageMaker.Hosting;
using SecureSageMaker.Network;
using SecureSageMaker.Notebooks;
using SecureSageMaker.Studio;
using SecureSageMaker.Training;

namespace SecureSageMaker.Examples;

/// <summary>The stacks of the example app, shared with the snapshot tests.</summary>
public static class ExampleStacks
{
    /// <summary>Name of the stack that uses every default.</summary>
    public const string DefaultStackName = "SecureMlWorkspaceDefault";

    /// <summary>Name of the stack that turns every feature on.</summary>
    public const string FullStackName = "SecureMlWorkspaceFull";

    /// <summary>An AWS Deep Learning Container image (account 763104351884 publishes them).</summary>
    public const string TrainingImage = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3.0-cpu-py311";

    /// <summary>Name of the stack with the organization SCP.</summary>
    public const string OrganizationStackName = "SecureMlOrganizationGuardrails";

    /// <summary>The OU the example SCP targets when cdk.json names none (an example id: replace it).</summary>
    public const string ExampleOrganizationalUnit = "ou-ab12-cdef3456";

    /// <summary>Adds both example workspace stacks to <paramref name="scope"/>.</summary>
    public static (Stack Default, Stack Full) AddAll(Construct scope, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        return (AddDefault(scope, synthesizer, env), AddFull(scope, synthesizer, env));
    }

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

            // The zones are in the config: answer CDK's zone lookup from it, so synth needs no AWS credentials.
            stack.Node.SetContext("availability-zones:account=" + target.Account + ":region=" + target.Region, target.AvailabilityZones);
            _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
            {
                AvailabilityZones = target.AvailabilityZones,
                PresignedUrlAllowedCidrs = target.PresignedUrlAllowedCidrs,
            });
            return stack;
        }).ToList();
    }

    /// <summary>The organization guardrails (an SCP), deployed from the management account.</summary>
    public static Stack AddOrganization(Construct scope, string[] targetIds, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        var stack = new Stack(scope, OrganizationStackName, new StackProps
        {
            Description = "SecureSageMaker example: the organization SCP that carries the SageMaker guardrails to every ML account.",
            Synthesizer = synthesizer,
            Env = env,
        });
        _ = new OrganizationGuardrails(stack, "Guardrails", new OrganizationGuardrailsProps { TargetIds = targetIds });
        return stack;
    }

    /// <summary>A workspace with every default: the posture a new ML account gets.</summary>
    public static Stack AddDefault(Construct scope, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        var stack = new Stack(scope, DefaultStackName, new StackProps
        {
            Description = "SecureSageMaker example: a locked-down SageMaker workspace with every default.",
            Synthesizer = synthesizer,
            Env = env,
        });
        _ = new SecureMlWorkspace(stack, "Workspace");
        return stack;
    }

    /// <summary>A workspace with every feature of the library turned on.</summary>
    public static Stack AddFull(Construct scope, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        var stack = new Stack(scope, FullStackName, new StackProps
        {
            Description = "SecureSageMaker example: a locked-down SageMaker workspace with every feature turned on.",
            Synthesizer = synthesizer,
            Env = env,
        });
        var reference = Bucket.FromBucketName(stack, "ReferenceData", "example-reference-data");
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            VpcCidr = "10.60.0.0/16",
            PresignedUrlAllowedCidrs = new[] { "203.0.113.0/24", "198.51.100.0/24" },
            AdditionalEndpoints = new[]
            {
                WorkspaceEndpoint.SageMakerFeatureStoreRuntime, WorkspaceEndpoint.Ssm, WorkspaceEndpoint.ServiceCatalog,
                WorkspaceEndpoint.SecretsManager, WorkspaceEndpoint.StepFunctions, WorkspaceEndpoint.CodeArtifactApi,
                WorkspaceEndpoint.CodeArtifactRepositories,
            },
            AllowSelfReferencingTraffic = true,
            BreakGlassPrincipalArns = new[] { "arn:aws:iam::111122223333:role/WorkspaceBreakGlass" },
            InputBuckets = new[] { reference },
            NoncurrentVersionExpiration = Duration.Days(365),
        });

        _ = workspace.AddNotebookInstance("Notebook", new SecureNotebookInstanceProps { NotebookInstanceName = "secure-research" });
        _ = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps
        {
            DomainName = "secure-studio",
            UserProfileNames = new[] { "data-scientist" },
        });
        var model = workspace.AddModel("Model", new IsolatedModelProps
        {
            Image = TrainingImage.Replace("pytorch-training", "pytorch-inference", StringComparison.Ordinal),
            ModelDataKey = "models/churn/model.tar.gz",
        });
        _ = workspace.AddEndpoint("Endpoint", new EncryptedEndpointProps { Model = model, EndpointName = "churn" });
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
                    new TrainingChannel { Name = "reference", Bucket = reference },
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
                ContainerEntrypoint = new[] { "python3", "/opt/ml/processing/code/features.py" },
                Inputs = new[] { new ProcessingData { Name = "raw", KeyPrefix = "datasets/churn/raw/" } },
                Outputs = new[] { new ProcessingData { Name = "features", KeyPrefix = "datasets/churn/train/" } },
            },
        });

        // The full example weakens two controls on purpose; acknowledging them records why.
        Annotations.Of(stack).AcknowledgeWarning(WarningIds.SelfReferencingTraffic, "Distributed training with two instances.");
        Annotations.Of(stack).AcknowledgeWarning(WarningIds.UnverifiedInputBucket, "The reference bucket is held to the same controls by its owning team.");
        return stack;
    }
}
