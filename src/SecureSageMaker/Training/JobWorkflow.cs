using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Sagemaker;
using Amazon.CDK.AWS.SSM;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using SecureSageMaker.Internal;
using SecureSageMaker.Storage;

namespace SecureSageMaker.Training;

/// <summary>
/// One job definition rendered three ways, each with network isolation, inter-container traffic
/// encryption, the workspace's VPC config and keys:
/// (a) a Step Functions state machine whose task runs the job synchronously (<c>.sync</c>), with the
/// request written in full because the CDK task has no inter-container encryption option;
/// (b) a SageMaker Pipeline with one step;
/// (c) the CreateTrainingJob / CreateProcessingJob request as JSON in an SSM parameter and a stack
/// output, so SDK users start jobs that already pass the guardrails.
/// </summary>
public sealed class JobWorkflow : Construct
{
    /// <summary>Creates the workflow in <paramref name="workspace"/>.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix.</exception>
    public JobWorkflow(Construct scope, string id, SecureMlWorkspace workspace, JobWorkflowProps props)
        : base(scope, Validate(scope, id, workspace, props))
    {
        workspace.RegisterWorkload((props.Definition is TrainingJobDefinition ? "Training " : "Processing ") + props.Name);
        var stack = Stack.Of(this);
        var definition = props.Definition;
        workspace.AllowImagePull(definition.Image);
        var jobRole = workspace.JobRole;
        Request = definition.Render(workspace, jobRole.RoleArn);

        var (api, jobType, pipelineStep, rule) = definition.Kind == JobKind.Training
            ? ("createTrainingJob", "training-job", "Training", "StepFunctionsGetEventsForSageMakerTrainingJobsRule")
            : ("createProcessingJob", "processing-job", "Processing", "StepFunctionsGetEventsForSageMakerProcessingJobsRule");
        var nameField = definition.Kind == JobKind.Training ? "TrainingJobName" : "ProcessingJobName";
        var jobArn = "arn:" + stack.Partition + ":sagemaker:" + stack.Region + ":" + stack.Account + ":" + jobType + "/*";
        var jobActions = definition.Kind == JobKind.Training
            ? new[] { "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob", "sagemaker:AddTags" }
            : new[] { "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob", "sagemaker:AddTags" };

        // (a) Step Functions
        var parameters = new Dictionary<string, object>(Request) { [nameField + ".$"] = "$$.Execution.Name" };
        var task = new CustomState(this, "RunJob", new CustomStateProps
        {
            StateJson = new Dictionary<string, object>
            {
                ["Type"] = "Task",
                ["Resource"] = "arn:" + stack.Partition + ":states:::sagemaker:" + api + ".sync",
                ["Parameters"] = parameters,
            },
        });
        StateMachineLogGroup = EncryptedLogGroup.Create(this, "StateMachineLogGroup", workspace.Keys.LogsKey, workspace.LogRetention);
        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            DefinitionBody = DefinitionBody.FromChainable(task),
            StateMachineType = StateMachineType.STANDARD,
            TracingEnabled = false,
            Logs = new LogOptions { Destination = StateMachineLogGroup, Level = LogLevel.ALL, IncludeExecutionData = false },
        });
        StateMachine.AddToRolePolicy(Statements.Allow("RunWorkspaceJobs", jobActions, new[] { jobArn }));
        StateMachine.AddToRolePolicy(PassRole(jobRole));
        StateMachine.AddToRolePolicy(Statements.Allow("TrackJobsThroughEventBridge", new[] { "events:PutTargets", "events:PutRule", "events:DescribeRule" }, new[] { "arn:" + stack.Partition + ":events:" + stack.Region + ":" + stack.Account + ":rule/" + rule }));
        workspace.AttachGuardrails(StateMachine.Role);
        Guardrails.CdkNagSuppressions.Suppress(StateMachine, "AwsSolutions-SF2",
            "X-Ray tracing adds no control to a one-task orchestration; the execution history and the encrypted log group keep the audit trail.");

        // (b) SageMaker Pipeline
        PipelineRole = new Role(this, "PipelineRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("sagemaker.amazonaws.com"),
            Description = "Runs the steps of a secure workspace's SageMaker pipeline.",
        });
        PipelineRole.AddToPolicy(Statements.Allow("RunWorkspaceJobs", jobActions, new[] { jobArn }));
        PipelineRole.AddToPolicy(PassRole(jobRole));
        workspace.AttachGuardrails(PipelineRole);
        var pipelineArguments = new Dictionary<string, object>(Request);
        var body = new Dictionary<string, object>
        {
            ["Version"] = "2020-12-01",
            ["Metadata"] = new Dictionary<string, object>(),
            ["Parameters"] = Array.Empty<object>(),
            ["Steps"] = new object[]
            {
                new Dictionary<string, object> { ["Name"] = "Run" + pipelineStep, ["Type"] = pipelineStep, ["Arguments"] = pipelineArguments },
            },
        };
        Pipeline = new CfnPipeline(this, "Pipeline", new CfnPipelineProps
        {
            PipelineName = props.Name,
            RoleArn = PipelineRole.RoleArn,
            // A dictionary, not PipelineDefinitionProperty: the L1 type is untyped JSON and jsii would camel-case the typed key.
            PipelineDefinition = new Dictionary<string, object> { ["PipelineDefinitionBody"] = stack.ToJsonString(body) },
        });
        Pipeline.Node.AddDependency(PipelineRole);
        Identity.ExecutionRoleFactory.SuppressWildcardFinding(StateMachine.Role);
        Identity.ExecutionRoleFactory.SuppressWildcardFinding(PipelineRole);

        // (c) the published request
        PublishedRequest = new StringParameter(this, "PublishedRequest", new StringParameterProps
        {
            Description = "A " + api + " request that passes the workspace guardrails: add a " + nameField + " and send it.",
            StringValue = stack.ToJsonString(Request),
            Tier = ParameterTier.STANDARD,
        });
        _ = new CfnOutput(this, "RequestParameterName", new CfnOutputProps
        {
            Value = PublishedRequest.ParameterName,
            Description = "SSM parameter holding a compliant " + api + " request for " + props.Name + ".",
        });
    }

    /// <summary>The API request (without a job name) every rendering shares.</summary>
    public IReadOnlyDictionary<string, object> Request { get; }

    /// <summary>(a) The state machine.</summary>
    public StateMachine StateMachine { get; }

    /// <summary>The state machine's encrypted log group.</summary>
    public ILogGroup StateMachineLogGroup { get; }

    /// <summary>(b) The pipeline.</summary>
    public CfnPipeline Pipeline { get; }

    /// <summary>The pipeline's role.</summary>
    public Role PipelineRole { get; }

    /// <summary>(c) The published request.</summary>
    public StringParameter PublishedRequest { get; }

    private static PolicyStatement PassRole(IRole jobRole) => Statements.Allow("PassTheJobRoleToSageMaker", new[] { "iam:PassRole" }, new[] { jobRole.RoleArn }, new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "sagemaker.amazonaws.com" },
        });

    private static string Validate(Construct scope, string id, SecureMlWorkspace workspace, JobWorkflowProps props)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        v.Require(props.Name is not null, "Name", null, "Name the workflow.");
        v.SageMakerName(props.Name, "Name");
        v.Require(props.Definition is not null, "Definition", null, "Pass a TrainingJobDefinition or a ProcessingJobDefinition.");
        props.Definition?.Check(v);
        v.Throw();
        return id;
    }
}
