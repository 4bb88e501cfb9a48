// README.md, C# block 7, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using Amazon.CDK.AWS.Sagemaker;
using SecureSageMaker;
using SecureSageMaker.Guardrails;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment07(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace workspace)
    {
        // A vendor model that must call its licence server: no network isolation, on purpose.
        var vendorModel = new CfnModel(stack, "VendorModel", new CfnModelProps
        {
            ExecutionRoleArn = workspace.JobRole.RoleArn,
            PrimaryContainer = new CfnModel.ContainerDefinitionProperty { Image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/vendor:1.4" },
            EnableNetworkIsolation = false,
            VpcConfig = new CfnModel.VpcConfigProperty
            {
                Subnets = workspace.Vpc.SelectSubnets(workspace.WorkloadSubnets).SubnetIds,
                SecurityGroupIds = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId },
            },
        });
        Acknowledge.Finding(vendorModel, RuleIds.ModelIsolation, "Vendor model reviewed by security (SEC-1234): it calls the vendor's licence server only.");

        // A bucket outside the workspace's network perimeter, acknowledged with the reason reviewers will read.
        var scratch = new SecureBucket(stack, "PlatformScratch");
        Acknowledge.Warning(scratch, WarningIds.BucketWithoutNetworkPerimeter, "Scratch space of the platform team's tooling; it holds no workspace data.");
    }
}
