// README.md, C# block 5, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using SecureSageMaker;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment05(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace workspace)
    {
        var hosting = new Stack(app, "Hosting", new StackProps { Env = new Amazon.CDK.Environment { Account = stack.Account, Region = stack.Region } });
        var modelDataUrl = new CfnParameter(hosting, "ModelDataUrl", new CfnParameterProps { Type = "String", AllowedPattern = "^s3://.+/.+$" });
        var model = new IsolatedModel(hosting, "Model", new IsolatedModelProps
        {
            Workspace = workspace,
            Image = ContainerImage.FromDeepLearningContainer("pytorch-inference", "2.3.0-cpu-py311"),
            ModelData = ModelData.FromUrl(modelDataUrl.ValueAsString),
        });
        var endpoint = new EncryptedEndpoint(hosting, "Endpoint", new EncryptedEndpointProps { Workspace = workspace, Model = model, EndpointName = "churn" });
        endpoint.GrantInvoke(Role.FromRoleArn(hosting, "ChurnApp", "arn:aws:iam::111122223333:role/ChurnApp"));
    }
}
