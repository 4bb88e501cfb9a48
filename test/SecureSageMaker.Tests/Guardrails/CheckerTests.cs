using Amazon.CDK;
using Amazon.CDK.AWS.Sagemaker;
using Amazon.CDK.AWS.StepFunctions;
using SecureSageMaker.Guardrails;
using Xunit;

namespace SecureSageMaker.Tests.Guardrails;

/// <summary>The checker judges the final template: setters, overrides, escape hatches and raw resources cannot slip past it.</summary>
public class CheckerTests
{
    private static IReadOnlyList<string> ErrorsOf(Stack stack, string ruleId) =>
        TestStacks.Errors(stack).Where(e => e.StartsWith("[" + ruleId + "]", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Checker_ReadsAwsNoValueAsAbsent_InOverrides()
    {
        // GIVEN keys removed at deploy time through AWS::NoValue
        var (stack, workspace) = TestStacks.Workspace();
        var notebook = workspace.AddNotebookInstance("Notebook");
        notebook.Resource.AddPropertyOverride("KmsKeyId", new Dictionary<string, object> { ["Ref"] = "AWS::NoValue" });

        // THEN
        Assert.Contains(ErrorsOf(stack, RuleIds.NotebookLockdown), e => e.Contains("KmsKeyId is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_JudgesNestedStacks_AndRejectsTemplatesFromOutside()
    {
        // GIVEN an unisolated model in a nested stack, and a nested stack whose template lives elsewhere
        var (stack, workspace) = TestStacks.Workspace();
        var nested = new NestedStack(stack, "Nested");
        _ = new CfnModel(nested, "Model", new CfnModelProps { ExecutionRoleArn = workspace.JobRole.RoleArn, EnableNetworkIsolation = false });
        _ = new Amazon.CDK.CfnStack(stack, "Outside", new Amazon.CDK.CfnStackProps { TemplateUrl = "https://example.com/template.json" });

        // THEN
        Assert.NotEmpty(ErrorsOf(stack, RuleIds.ModelIsolation)); // the nested stack's annotations travel with its parent's artifact
        Assert.DoesNotContain(ErrorsOf(stack, RuleIds.ExternalNestedStack), e => e.Contains(nested.Node.Id + "NestedStack", StringComparison.Ordinal));
        Assert.NotEmpty(ErrorsOf(stack, RuleIds.ExternalNestedStack));
    }

    [Fact]
    public void Checker_FindsWorkloadsInAnotherNetwork_ThanTheWorkspaces()
    {
        // GIVEN a notebook beside the workspace, compliant on its own, in another VPC's subnet and security group
        var (stack, workspace) = TestStacks.Workspace();
        _ = new CfnNotebookInstance(stack, "Elsewhere", new CfnNotebookInstanceProps
        {
            InstanceType = "ml.t3.medium", RoleArn = workspace.JobRole.RoleArn, DirectInternetAccess = "Disabled", RootAccess = "Disabled",
            KmsKeyId = workspace.DataKey.KeyArn, PlatformIdentifier = "notebook-al2023-v1",
            SubnetId = "subnet-0aaaaaaaaaaaaaaaa", SecurityGroupIds = new[] { "sg-0bbbbbbbbbbbbbbbb" },
            InstanceMetadataServiceConfiguration = new CfnNotebookInstance.InstanceMetadataServiceConfigurationProperty { MinimumInstanceMetadataServiceVersion = "2" },
        });

        // THEN the placement rule finds both, and only it
        var errors = TestStacks.Errors(stack);
        Assert.Contains(errors, e => e.StartsWith("[" + RuleIds.WorkspacePlacement + "]", StringComparison.Ordinal) && e.Contains("subnet-0aaaaaaaaaaaaaaaa", StringComparison.Ordinal) && e.Contains("sg-0bbbbbbbbbbbbbbbb", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("[" + RuleIds.NotebookLockdown + "]", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_FindsAStudioDomainInAnotherVpc()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var studio = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps { DomainName = "team" });
        studio.Resource.AddPropertyOverride("VpcId", "vpc-0ccccccccccccccccc");

        Assert.Contains(ErrorsOf(stack, RuleIds.WorkspacePlacement), e => e.Contains("vpc-0ccccccccccccccccc", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_AcceptsAnAcknowledgedPlacement()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var model = new CfnModel(stack, "Elsewhere", new CfnModelProps
        {
            ExecutionRoleArn = workspace.JobRole.RoleArn, EnableNetworkIsolation = true,
            VpcConfig = new CfnModel.VpcConfigProperty { Subnets = new[] { "subnet-0aaaaaaaaaaaaaaaa" }, SecurityGroupIds = new[] { "sg-0bbbbbbbbbbbbbbbb" } },
        });
        Acknowledge.Finding(model, RuleIds.WorkspacePlacement, "The platform team's shared inference VPC, reviewed in SEC-42.");

        Assert.Empty(ErrorsOf(stack, RuleIds.WorkspacePlacement));
    }

    [Fact]
    public void Checker_RejectsMacros_ThatRewriteTheTemplateAfterItWasJudged()
    {
        var (stack, _) = TestStacks.Workspace();
        stack.AddTransform("AttackerMacro");
        Assert.Contains(ErrorsOf(stack, RuleIds.ExternalNestedStack), e => e.Contains("AttackerMacro", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_JudgesWorkloadsInAStackOfTheirOwn()
    {
        // GIVEN hosting in another stack of the app, with isolation and the endpoint key overridden away
        var (stack, workspace) = TestStacks.Workspace();
        var hosting = new Stack((App)stack.Node.Root, "Hosting", new StackProps { Env = TestStacks.Env, Synthesizer = TestStacks.Synthesizer() });
        var model = new IsolatedModel(hosting, "Model", new IsolatedModelProps
        {
            Workspace = workspace,
            Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311"),
        });
        model.Resource.AddPropertyOverride("EnableNetworkIsolation", false);
        var endpoint = new EncryptedEndpoint(hosting, "Endpoint", new EncryptedEndpointProps { Workspace = workspace, Model = model, EndpointName = "churn" });
        endpoint.Config.AddDeletionOverride("Properties.KmsKeyId");

        // THEN
        Assert.NotEmpty(ErrorsOf(hosting, RuleIds.ModelIsolation));
        Assert.NotEmpty(ErrorsOf(hosting, RuleIds.EndpointConfigEncryption));
    }

    [Fact]
    public void Checker_FindsAnL1SetterOnNotebookRootAccess()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();
        var notebook = workspace.AddNotebookInstance("Notebook");

        // WHEN
        notebook.Resource.RootAccess = "Enabled";

        // THEN
        Assert.Contains(ErrorsOf(stack, RuleIds.NotebookLockdown), e => e.Contains("RootAccess is not Disabled.", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_FindsAnL1SetterOnStudioNetworkMode()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var studio = workspace.AddStudioDomain("Studio", new SecureStudioDomainProps { DomainName = "studio" });
        studio.Resource.AppNetworkAccessType = "PublicInternetOnly";
        Assert.Contains(ErrorsOf(stack, RuleIds.StudioDomain), e => e.Contains("AppNetworkAccessType is not VpcOnly.", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_FindsAPropertyOverride()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var notebook = workspace.AddNotebookInstance("Notebook");
        notebook.Resource.AddPropertyOverride("DirectInternetAccess", "Enabled");
        Assert.Contains(ErrorsOf(stack, RuleIds.NotebookLockdown), e => e.Contains("DirectInternetAccess is not Disabled.", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_FindsARawCfnResourceOfASageMakerType_BesideTheWorkspace()
    {
        var (stack, _) = TestStacks.Workspace();
        _ = new CfnResource(stack, "Raw", new CfnResourceProps
        {
            Type = "AWS::SageMaker::Model",
            Properties = new Dictionary<string, object> { ["ExecutionRoleArn"] = "arn:aws:iam::111122223333:role/x", ["EnableNetworkIsolation"] = false },
        });
        var errors = ErrorsOf(stack, RuleIds.ModelIsolation);
        Assert.Contains(errors, e => e.Contains("EnableNetworkIsolation is not true.", StringComparison.Ordinal));
        Assert.Contains(Amazon.CDK.Assertions.Annotations.FromStack(stack).FindError("/TestStack/Raw", Amazon.CDK.Assertions.Match.StringLikeRegexp(".*SecureSageMaker-MD1.*")), _ => true);
    }

    [Fact]
    public void Checker_FindsAPipelineDefinitionWithoutIsolation()
    {
        var (stack, _) = TestStacks.Workspace();
        var body = "{\"Version\":\"2020-12-01\",\"Steps\":[{\"Name\":\"Train\",\"Type\":\"Training\",\"Arguments\":{\"EnableNetworkIsolation\":false}}]}";
        _ = new CfnPipeline(stack, "Pipeline", new CfnPipelineProps
        {
            PipelineName = "p", RoleArn = "arn:aws:iam::111122223333:role/x",
            PipelineDefinition = new Dictionary<string, object> { ["PipelineDefinitionBody"] = body },
        });
        Assert.Contains(ErrorsOf(stack, RuleIds.JobIsolation), e => e.Contains("Step 'Train' does not set EnableNetworkIsolation.", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_FindsAStateMachineJobWithoutIsolation_InAParallelBranch()
    {
        var (stack, _) = TestStacks.Workspace();
        var task = new CustomState(stack, "Train", new CustomStateProps
        {
            StateJson = new Dictionary<string, object>
            {
                ["Type"] = "Task",
                ["Resource"] = "arn:aws:states:::sagemaker:createTrainingJob.sync",
                ["Parameters"] = new Dictionary<string, object> { ["EnableNetworkIsolation"] = false },
            },
        });
        _ = new StateMachine(stack, "Machine", new StateMachineProps { DefinitionBody = DefinitionBody.FromChainable(new Amazon.CDK.AWS.StepFunctions.Parallel(stack, "Both").Branch(task)) });
        Assert.Contains(ErrorsOf(stack, RuleIds.JobIsolation), e => e.Contains("State 'Both/Train' does not set EnableNetworkIsolation.", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_CannotVerify_AValueItCannotRead_AndFailsClosed()
    {
        var (stack, workspace) = TestStacks.Workspace();
        var notebook = workspace.AddNotebookInstance("Notebook");
        notebook.Resource.RootAccess = new CfnParameter(stack, "Root").ValueAsString;
        var errors = TestStacks.Errors(stack);
        Assert.Contains(errors, e => e.StartsWith("[" + RuleIds.CannotVerify(RuleIds.NotebookLockdown) + "] Cannot verify", StringComparison.Ordinal) && e.Contains("RootAccess is an intrinsic function", StringComparison.Ordinal));
    }

    [Fact]
    public void Acknowledgment_TurnsAFindingIntoAReportedDeviation_ForResourcesBelowItsScope()
    {
        // GIVEN
        var (stack, workspace) = TestStacks.Workspace();
        var notebook = workspace.AddNotebookInstance("Notebook");
        notebook.Resource.RootAccess = "Enabled";

        // WHEN
        Acknowledge.Finding(notebook, RuleIds.NotebookLockdown, "A time-boxed admin notebook for the migration.");

        // THEN
        Assert.Empty(ErrorsOf(stack, RuleIds.NotebookLockdown));
        var report = TestStacks.Report(stack);
        Assert.Contains("acknowledged: A time-boxed admin notebook for the migration.", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledgment_ThatMatchesNothing_IsFlaggedInTheReport()
    {
        var (stack, workspace) = TestStacks.Workspace();
        Acknowledge.Finding(workspace, RuleIds.ModelIsolation, "No model here yet.");
        Assert.Contains("**nothing: remove it", TestStacks.Report(stack), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "reason: received ''")]
    [InlineData("   ", "reason: received '   '")]
    public void Acknowledgment_IsRejected_WithoutAReason(string reason, string expected)
    {
        var (_, workspace) = TestStacks.Workspace();
        var error = Assert.Throws<ArgumentException>(() => Acknowledge.Finding(workspace, RuleIds.ModelIsolation, reason));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledgment_IsRejected_AtAppScope_OrForAnUnknownId()
    {
        var stack = TestStacks.Create();
        var app = Stage.Of(stack)!;
        var atApp = Assert.Throws<ArgumentException>(() => Acknowledge.Warning(app, WarningIds.GuardrailChecksDisabled, "Because."));
        var unknown = Assert.Throws<ArgumentException>(() => Acknowledge.Warning(stack, "SecureSageMaker:Nope", "Because."));
        Assert.Contains("scope: received the app or a stage", atApp.Message, StringComparison.Ordinal);
        Assert.Contains("id: received 'SecureSageMaker:Nope'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningAcknowledgedWithoutAReason_ThroughCdk_IsAnError()
    {
        // GIVEN
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { ApplyGuardrailChecks = false });

        // WHEN: CDK's own API keeps no reason, even at app scope
        Amazon.CDK.Annotations.Of(Stage.Of(stack)!).AcknowledgeWarning(WarningIds.GuardrailChecksDisabled, "ignored");

        // THEN
        Assert.Contains(TestStacks.Errors(stack), e => e.StartsWith("[" + RuleIds.UnexplainedAcknowledgment + "]", StringComparison.Ordinal) && e.Contains(WarningIds.GuardrailChecksDisabled, StringComparison.Ordinal));
    }

    [Fact]
    public void WarningAcknowledgedWithAReason_IsListedWithIt_AndRaisesNothing()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { ApplyGuardrailChecks = false });
        Acknowledge.Warning(stack, WarningIds.GuardrailChecksDisabled, "A central pipeline runs cdk-nag instead.");
        Assert.Empty(TestStacks.Errors(stack));
        Assert.DoesNotContain(TestStacks.Warnings(stack), w => w.Contains("checker", StringComparison.Ordinal));
        Assert.Contains("| yes | A central pipeline runs cdk-nag instead. |", TestStacks.Report(stack), StringComparison.Ordinal);
    }

    [Fact]
    public void Checker_IsOff_AndReportedOff_WhenTheWorkspaceDisablesIt()
    {
        var (stack, workspace) = TestStacks.Workspace(new SecureMlWorkspaceProps { ApplyGuardrailChecks = false });
        workspace.AddNotebookInstance("Notebook").Resource.RootAccess = "Enabled";
        Assert.Empty(ErrorsOf(stack, RuleIds.NotebookLockdown));
        Assert.Contains(TestStacks.Warnings(stack), w => w.Contains(WarningIds.GuardrailChecksDisabled, StringComparison.Ordinal));
        Assert.Contains("| synth-time guardrail checker | **off** |", TestStacks.Report(stack), StringComparison.Ordinal);
    }

    [Fact]
    public void Checker_AppliedByHand_IsReportedOn_EvenWhenTheWorkspaceDisablesIt()
    {
        var (stack, _) = TestStacks.Workspace(new SecureMlWorkspaceProps { ApplyGuardrailChecks = false });
        GuardrailChecks.Apply(stack);
        Acknowledge.Warning(stack, WarningIds.GuardrailChecksDisabled, "Applied by the platform team's stack base class.");
        Assert.Contains("| synth-time guardrail checker | **on** |", TestStacks.Report(stack), StringComparison.Ordinal);
    }

    [Fact]
    public void Checker_AppliedToAnApp_ChecksEveryStack()
    {
        // GIVEN
        var app = new App();
        var stack = new Stack(app, "Plain", new StackProps { Synthesizer = TestStacks.Synthesizer() });
        _ = new Amazon.CDK.AWS.S3.Bucket(stack, "Plain");

        // WHEN
        GuardrailChecks.Apply(app);

        // THEN
        Assert.Contains(ErrorsOf(stack, RuleIds.BucketKmsEncryption), _ => true);
    }

    [Fact]
    public void Checker_AcceptsARuleOfYourOwn_AndRejectsADuplicateId()
    {
        var stack = TestStacks.Create();
        _ = new Amazon.CDK.AWS.SNS.Topic(stack, "Topic");
        GuardrailChecks.Apply(stack, new[] { new NoTopicsRule() });
        Assert.Contains(ErrorsOf(stack, "Team-SNS1"), e => e.Contains("No topics here.", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => GuardrailChecks.Apply(TestStacks.Create(), new[] { new NoTopicsRule(), new NoTopicsRule() }));
    }

}
