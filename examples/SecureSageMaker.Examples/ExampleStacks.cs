using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker;
using SecureSageMaker.Network;

namespace SecureSageMaker.Examples;

/// <summary>The stacks of the example app, shared with the snapshot tests.</summary>
public static class ExampleStacks
{
    /// <summary>Name of the stack that uses every default.</summary>
    public const string DefaultStackName = "SecureMlWorkspaceDefault";

    /// <summary>Name of the stack that turns every feature on.</summary>
    public const string FullStackName = "SecureMlWorkspaceFull";

    /// <summary>Adds both example stacks to <paramref name="scope"/>.</summary>
    public static (Stack Default, Stack Full) AddAll(Construct scope, IStackSynthesizer? synthesizer = null, Amazon.CDK.Environment? env = null)
    {
        return (AddDefault(scope, synthesizer, env), AddFull(scope, synthesizer, env));
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
        _ = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            VpcCidr = "10.60.0.0/16",
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
        return stack;
    }
}
