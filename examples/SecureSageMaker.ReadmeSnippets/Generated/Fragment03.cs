// README.md, C# block 3, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using Amazon.CDK;
using SecureSageMaker;

namespace ReadmeSnippets;

public static partial class Readme
{
    public static void Fragment03(Amazon.CDK.App app, Amazon.CDK.Stack stack, SecureSageMaker.SecureMlWorkspace _workspace)
    {
        var workspace = new SecureMlWorkspace(stack, "Workspace", new SecureMlWorkspaceProps
        {
            Network = new PrivateNetworkProps
            {
                DnsFirewall = new DnsFirewallProps { AdditionalAllowedDomains = new[] { "git.example.internal" } },
            },
            PackageMirror = new PackageMirrorProps { Sources = new[] { PackageSource.PyPi } },
            IdleShutdown = Duration.Hours(2),
        });
    }
}
