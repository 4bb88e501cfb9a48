// README.md line 49, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using SecureSageMaker;
using SecureSageMaker.Notebooks;
using SecureSageMaker.Training;

var app = new App();
var stack = new Stack(app, "MlAccount", new StackProps { Env = new Amazon.CDK.Environment { Account = "111122223333", Region = "eu-west-1" } });

var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
{
    PresignedUrlAllowedCidrs = new[] { "203.0.113.0/24" },   // your company's egress CIDRs
});
workspace.AddNotebookInstance("Notebook");
workspace.AddJobWorkflow("Training", new JobWorkflowProps
{
    Name = "churn-training",
    Definition = new TrainingJobDefinition
    {
        Image = "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-training:2.3.0-cpu-py311",
        Channels = new[] { new TrainingChannel { Name = "train", KeyPrefix = "datasets/churn/" } },
    },
});
var dataScientists = Role.FromRoleArn(stack, "DataScientists", "arn:aws:iam::111122223333:role/DataScientists");
workspace.ApplyGuardrails(dataScientists);   // roles, users or groups you bring
app.Synth();   // writes MlAccount.template.json and the posture report MlAccount.posture.md
