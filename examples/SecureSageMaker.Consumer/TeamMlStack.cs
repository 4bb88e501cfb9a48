using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker;

namespace TeamMl;

/// <summary>What a team's ML account needs besides the stack's own props.</summary>
public class TeamMlStackProps : StackProps
{
    /// <summary>Zones of the stack's region; given, CDK does not look them up in the account.</summary>
    public string[] AvailabilityZones { get; init; } = Array.Empty<string>();

    /// <summary>The company's egress CIDRs.</summary>
    public string[] CompanyCidrs { get; init; } = Array.Empty<string>();
}

/// <summary>A team's ML account: a locked-down workspace, a notebook, a training workflow and guardrails on the team's role.</summary>
public class TeamMlStack : Stack
{
    public TeamMlStack(Construct scope, string id, TeamMlStackProps props)
        : base(scope, id, props)
    {
        OfflineZones.Use(this, props.AvailabilityZones);

        var workspace = new SecureMlWorkspace(this, "Workspace", new SecureMlWorkspaceProps
        {
            PresignedUrlAllowedCidrs = props.CompanyCidrs,
        });
        workspace.AddNotebookInstance("Notebook");
        workspace.AddJobWorkflow("Training", new JobWorkflowProps
        {
            Name = "churn-training",
            Definition = new TrainingJobDefinition
            {
                Image = ContainerImage.FromDeepLearningContainer("pytorch-training", "2.3.0-cpu-py311"),
                Channels = new[] { new TrainingChannel { Name = "train", KeyPrefix = "datasets/churn/" } },
            },
        });

        // The team's existing role (here an SSO-less role; any role, user or group works).
        var dataScientists = Role.FromRoleArn(this, "DataScientists", Arn.Format(new ArnComponents
        {
            Service = "iam", Region = string.Empty, Resource = "role", ResourceName = "DataScientists",
        }, this));
        workspace.ApplyGuardrails(dataScientists);
    }
}
