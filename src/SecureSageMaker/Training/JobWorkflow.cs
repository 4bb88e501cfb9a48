using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.Sagemaker;
using Amazon.CDK.AWS.SSM;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// One job definition run by an execution role of its own (it may read the job's inputs, write its
/// outputs, pull its image) and rendered three ways, each with network isolation, inter-container
/// traffic encryption, the workspace's VPC config and keys:
/// (a) a Step Functions state machine whose task runs the job synchronously (<c>.sync</c>), with the
/// request written in full because the CDK task has no inter-container encryption option, traced with
/// X-Ray and logged to an encrypted log group;
/// (b) a SageMaker Pipeline with one step;
/// (c) the CreateTrainingJob / CreateProcessingJob request as JSON in an SSM parameter and a stack
/// output, so SDK users start jobs that already pass the guardrails.
/// </summary>
public sealed class JobWorkflow : Construct
{
    private readonly IMlWorkspace _workspace;
    private readonly Stack _stack;
    private readonly string[] _jobActions;
    private readonly string _jobArn;

    /// <summary>Creates the workflow.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public JobWorkflow(Construct scope, string id, JobWorkflowProps props)
        : base(scope, Validate(scope, id, props))
    {
        _workspace = props.Workspace!;
        Posture.StackPosture.Of(this).EnsureChecks();
        _stack = Stack.Of(this);
        var training = props.Definition.Api == "Training";
        _jobActions = training
            ? new[] { "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob", "sagemaker:AddTags" }
            : new[] { "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob", "sagemaker:AddTags" };
        _jobArn = _stack.FormatArn(new ArnComponents { Service = "sagemaker", Resource = training ? "training-job" : "processing-job", ResourceName = "*" });
        JobRole = CreateJobRole(props);
        if (props.Definition.HasLocalNvmeStorage)
        {
            Posture.StackPosture.Warn(this, WarningIds.VolumeKmsKeyOmitted,
                "Instance type '" + props.Definition.ResolvedInstanceType + "' has local NVMe storage, which SageMaker encrypts with the instance's hardware keys and for which it rejects a VolumeKmsKeyId: the job omits it. Output stays encrypted with the workspace key.");
        }

        Request = props.Definition.Render(this, _workspace, JobRole.RoleArn, props.Name);
        (StateMachine, StateMachineLogGroup) = CreateStateMachine(training);
        (Pipeline, PipelineRole) = CreatePipeline(props.Name, training);
        PublishedRequest = Publish(props.Name, training);
    }

    /// <summary>The API request (without a job name) every rendering shares.</summary>
    public IReadOnlyDictionary<string, object> Request { get; }

    /// <summary>The execution role the job runs with.</summary>
    public IRole JobRole { get; }

    /// <summary>(a) The state machine.</summary>
    public StateMachine StateMachine { get; }

    /// <summary>The state machine's ARN.</summary>
    public string StateMachineArn => StateMachine.StateMachineArn;

    /// <summary>The state machine's encrypted log group.</summary>
    public ILogGroup StateMachineLogGroup { get; }

    /// <summary>(b) The pipeline.</summary>
    public CfnPipeline Pipeline { get; }

    /// <summary>The pipeline's name.</summary>
    public string PipelineName => Pipeline.Ref;

    /// <summary>The role SageMaker Pipelines runs the step with.</summary>
    public IRole PipelineRole { get; }

    /// <summary>(c) The SSM parameter with the published request.</summary>
    public StringParameter PublishedRequest { get; }

    private Role CreateJobRole(JobWorkflowProps props)
    {
        var role = ExecutionRoles.Create(this, "JobRole", RoleContext.Of(_workspace), props.Definition.Api.ToLowerInvariant() + " workflow " + props.Name);
        props.Definition.GrantData(role, _workspace, props.Name);
        props.Definition.Image.GrantPull(role, this);
        ExecutionRoles.ExplainWildcards(role);
        return role;
    }

    private (StateMachine, ILogGroup) CreateStateMachine(bool training)
    {
        var nameField = training ? "TrainingJobName" : "ProcessingJobName";
        var api = training ? "createTrainingJob" : "createProcessingJob";
        var task = new CustomState(this, "RunJob", new CustomStateProps
        {
            StateJson = new Dictionary<string, object>
            {
                ["Type"] = "Task",
                ["Resource"] = "arn:" + _stack.Partition + ":states:::sagemaker:" + api + ".sync",
                ["Parameters"] = new Dictionary<string, object>(Request) { [nameField + ".$"] = "$$.Execution.Name" },
            },
        });
        var logGroup = LogGroups.Create(this, "StateMachineLogGroup", _workspace.LogsKey, _workspace.LogRetention);
        var machine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            DefinitionBody = DefinitionBody.FromChainable(task),
            StateMachineType = StateMachineType.STANDARD,
            TracingEnabled = true,
            Logs = new LogOptions { Destination = logGroup, Level = LogLevel.ALL, IncludeExecutionData = false },
        });
        var rule = training ? "StepFunctionsGetEventsForSageMakerTrainingJobsRule" : "StepFunctionsGetEventsForSageMakerProcessingJobsRule";
        machine.AddToRolePolicy(IamJson.Allow("RunWorkspaceJobs", _jobActions, new[] { _jobArn }));
        machine.AddToRolePolicy(ExecutionRoles.PassToSageMaker(JobRole));
        machine.AddToRolePolicy(IamJson.Allow("TrackJobsThroughEventBridge", new[] { "events:PutTargets", "events:PutRule", "events:DescribeRule" },
            new[] { _stack.FormatArn(new ArnComponents { Service = "events", Resource = "rule", ResourceName = rule }) }));
        ExecutionRoles.AttachGuardrails(machine.Role, _workspace.GuardrailPolicies);
        ExecutionRoles.ExplainWildcards(machine.Role);
        return (machine, logGroup);
    }

    private (CfnPipeline, IRole) CreatePipeline(string name, bool training)
    {
        var role = new Role(this, "PipelineRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("sagemaker.amazonaws.com"),
            Description = "Runs the steps of a secure workspace's SageMaker pipeline.",
            MaxSessionDuration = Duration.Hours(1),
        });
        role.AddToPolicy(IamJson.Allow("RunWorkspaceJobs", _jobActions, new[] { _jobArn }));
        role.AddToPolicy(ExecutionRoles.PassToSageMaker(JobRole));
        ExecutionRoles.AttachGuardrails(role, _workspace.GuardrailPolicies);
        ExecutionRoles.ExplainWildcards(role);
        var step = training ? "Training" : "Processing";
        var body = new Dictionary<string, object>
        {
            ["Version"] = "2020-12-01",
            ["Metadata"] = new Dictionary<string, object>(),
            ["Parameters"] = Array.Empty<object>(),
            ["Steps"] = new object[] { new Dictionary<string, object> { ["Name"] = "Run" + step, ["Type"] = step, ["Arguments"] = new Dictionary<string, object>(Request) } },
        };
        var pipeline = new CfnPipeline(this, "Pipeline", new CfnPipelineProps
        {
            PipelineName = name,
            RoleArn = role.RoleArn,
            // A dictionary, not PipelineDefinitionProperty: the L1 type is untyped JSON and jsii would camel-case the typed key.
            PipelineDefinition = new Dictionary<string, object> { ["PipelineDefinitionBody"] = _stack.ToJsonString(body) },
        });
        pipeline.Node.AddDependency(role);
        return (pipeline, role);
    }

    private StringParameter Publish(string name, bool training)
    {
        var api = training ? "CreateTrainingJob" : "CreateProcessingJob";
        var nameField = training ? "TrainingJobName" : "ProcessingJobName";
        var parameter = new StringParameter(this, "PublishedRequest", new StringParameterProps
        {
            Description = "A " + api + " request that passes the workspace guardrails: add a " + nameField + " and send it.",
            StringValue = _stack.ToJsonString(Request),
            Tier = ParameterTier.STANDARD,
        });
        _ = new CfnOutput(this, "RequestParameterName", new CfnOutputProps
        {
            Value = parameter.ParameterName,
            Description = "SSM parameter holding a compliant " + api + " request for " + name + ".",
        });
        return parameter;
    }

    private static string Validate(Construct scope, string id, JobWorkflowProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        _ = v.Present(props.Workspace, "Workspace", "Pass the workspace (or use workspace.AddJobWorkflow).");
        if (v.Present(props.Name, "Name", "Name the workflow."))
        {
            v.SageMakerName(props.Name, "Name");
            if (Tokens.IsUnresolved(props.Name))
            {
                v.Fail("Name", "a token", "Give the workflow name as a literal: it names the pipeline and the default output prefix.");
            }
        }

        if (v.Present(props.Definition, "Definition", "Pass a TrainingJobDefinition or a ProcessingJobDefinition."))
        {
            props.Definition.Check(v, scope, props.Workspace);
        }

        v.Throw();
        return id;
    }
}
