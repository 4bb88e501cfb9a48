// README.md, C# block 2, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using Amazon.CDK.AWS.EC2;
using SecureSageMaker;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment02(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace _workspace)
    {
        // A VPC the platform team owns: isolated subnets in two zones, with their route tables
        var vpc = Vpc.FromVpcAttributes(stack, "PlatformVpc", new VpcAttributes
        {
            VpcId = "vpc-0a1b2c3d4e5f60718",
            VpcCidrBlock = "10.20.0.0/16",
            AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
            IsolatedSubnetIds = new[] { "subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719" },
            IsolatedSubnetRouteTableIds = new[] { "rtb-0a1b2c3d4e5f60718", "rtb-0a1b2c3d4e5f60719" },
        });
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps
            {
                Vpc = vpc,
                AdditionalInterfaceEndpoints = new[] { InterfaceEndpointService.SecretsManager },
            },
        });
    }
}
