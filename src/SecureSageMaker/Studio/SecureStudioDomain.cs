using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A SageMaker Studio domain in <c>VpcOnly</c> mode: IAM authentication, the workspace's subnets,
/// the workload security group in the default user and space settings, its EFS volume encrypted with
/// the data key, a least-privilege execution role (Studio actions on this domain only) under the
/// guardrails, and user profiles on request. It asks the workspace for the <c>studio</c> interface
/// endpoint and adds the NFS and app-to-app rules Studio needs to the workload security group. The
/// domain is retained on delete: its EFS volume holds the users' home directories.
/// </summary>
public sealed class SecureStudioDomain : Construct
{
    private readonly List<CfnUserProfile> _profiles = new();

    /// <summary>Creates the domain.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public SecureStudioDomain(Construct scope, string id, SecureStudioDomainProps props)
        : base(scope, Validate(scope, id, props))
    {
        var workspace = props.Workspace!;
        Posture.StackPosture.Of(this).EnsureChecks();
        RegionSupport.Guard(this, "Studio", "the Studio domain");
        workspace.EnsureInterfaceEndpoint(InterfaceEndpointService.SageMakerStudio);
        AllowStudioTraffic(workspace);
        var role = ExecutionRoles.Create(this, "Role", RoleContext.SeatOf(workspace), "a data scientist's Studio user or space");
        DataScientistRights.Grant(role, workspace);
        workspace.Lifecycle?.GrantUse(role);
        Role = role;
        var securityGroups = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId };
        Resource = new CfnDomain(this, "Resource", new CfnDomainProps
        {
            DomainName = props.DomainName,
            AuthMode = "IAM",
            AppNetworkAccessType = "VpcOnly",
            KmsKeyId = workspace.DataKey.KeyArn,
            VpcId = workspace.Vpc.VpcId,
            SubnetIds = workspace.Vpc.SelectSubnets(workspace.WorkloadSubnets).SubnetIds,
            DefaultUserSettings = new CfnDomain.UserSettingsProperty { ExecutionRole = Role.RoleArn, SecurityGroups = securityGroups, JupyterLabAppSettings = JupyterLab(workspace.Lifecycle) },
            DefaultSpaceSettings = new CfnDomain.DefaultSpaceSettingsProperty { ExecutionRole = Role.RoleArn, SecurityGroups = securityGroups },
        });
        Resource.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        // Apps of the domain start in its subnets and reach SageMaker, STS and the package mirror only
        // through the workspace's endpoints and DNS firewall: the domain comes after the network.
        SecureNotebookInstance.StartsAfterTheNetwork(Resource, workspace);
        RetainWithTheDomain(role);
        role.AddToPolicy(StudioActions(Resource.AttrDomainId));
        ExecutionRoles.ExplainWildcards(role);
        foreach (var name in props.UserProfileNames ?? Array.Empty<string>())
        {
            var profile = new CfnUserProfile(this, "User" + ToPascal(name), new CfnUserProfileProps
            {
                DomainId = Resource.AttrDomainId,
                UserProfileName = name,
                UserSettings = new CfnUserProfile.UserSettingsProperty { ExecutionRole = Role.RoleArn, SecurityGroups = securityGroups },
            });

            // A profile with apps its user started cannot be deleted: it stays with the domain.
            profile.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
            _profiles.Add(profile);
        }
    }

    /// <summary>The domain.</summary>
    public CfnDomain Resource { get; }

    /// <summary>The domain's id.</summary>
    public string DomainId => Resource.AttrDomainId;

    /// <summary>The domain's ARN.</summary>
    public string DomainArn => Resource.AttrDomainArn;

    /// <summary>The execution role of users and spaces.</summary>
    public IRole Role { get; }

    /// <summary>The ARNs of the user profiles, in the order given.</summary>
    public IReadOnlyList<string> UserProfileArns => _profiles.Select(p => p.AttrUserProfileArn).ToList();

    /// <summary>The workspace's JupyterLab lifecycle script, run by default, and the domain's own idle shutdown.</summary>
    private static CfnDomain.JupyterLabAppSettingsProperty? JupyterLab(WorkspaceLifecycle? lifecycle)
    {
        if (lifecycle is null)
        {
            return null;
        }

        return new CfnDomain.JupyterLabAppSettingsProperty
        {
            LifecycleConfigArns = lifecycle.StudioLifecycleConfigArn is { } arn ? new[] { arn } : null,
            DefaultResourceSpec = lifecycle.StudioLifecycleConfigArn is { } start ? new CfnDomain.ResourceSpecProperty { LifecycleConfigArn = start } : null,
            AppLifecycleManagement = lifecycle.IdleShutdown is { } idle ? new CfnDomain.AppLifecycleManagementProperty
            {
                IdleSettings = new CfnDomain.IdleSettingsProperty { LifecycleManagement = "ENABLED", IdleTimeoutInMinutes = idle.ToMinutes() },
            } : null,
        };
    }

    /// <summary>
    /// The domain is retained (its home volume holds the users' work, and apps users started would block
    /// its deletion); what it runs with is retained with it, so the kept domain does not point at a
    /// deleted role.
    /// </summary>
    private static void RetainWithTheDomain(Role role)
    {
        role.ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        if (role.Node.TryFindChild("DefaultPolicy") is { } policy)
        {
            Guardrails.Suppressions.Resource(policy).ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        }
    }

    private static void AllowStudioTraffic(IMlWorkspace workspace)
    {
        var group = workspace.WorkloadSecurityGroup;
        group.AddEgressRule(Peer.Ipv4(workspace.Vpc.VpcCidrBlock), Port.Tcp(2049), "NFS to the Studio domain's EFS volume");
        group.AddIngressRule(group, Port.TcpRange(8192, 65535), "Between Studio apps");
        group.AddEgressRule(group, Port.TcpRange(8192, 65535), "Between Studio apps");
    }

    private PolicyStatement StudioActions(string domainId)
    {
        var stack = Stack.Of(this);
        string Arn(string resource, string name) => stack.FormatArn(new ArnComponents { Service = "sagemaker", Resource = resource, ResourceName = name });
        return IamJson.Allow("UseStudioAppsOfThisDomain", EndpointPolicies.StudioActions.Where(a => a != "sagemaker:CreatePresignedDomainUrl").ToArray(), new[]
        {
            Arn("domain", domainId), Arn("user-profile", domainId + "/*"), Arn("space", domainId + "/*"), Arn("app", domainId + "/*"),
        });
    }

    private static string ToPascal(string name) =>
        string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Validate(Construct scope, string id, SecureStudioDomainProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        RegionSupport.Check(scope, id, "Studio", "the Studio domain");
        var v = new PropsValidator(scope, id);
        if (v.Present(props.Workspace, "Workspace", "Pass the workspace (or use workspace.AddStudioDomain)."))
        {
            CheckVpcCidr(v, props.Workspace!);
        }

        _ = v.Present(props.DomainName, "DomainName", "Name the domain.");
        v.SageMakerName(props.DomainName, "DomainName");
        var names = props.UserProfileNames ?? Array.Empty<string>();
        if (v.NoNullEntries(names, "UserProfileNames"))
        {
            foreach (var name in names)
            {
                v.Require(name.Length > 0, "UserProfileNames", name, "Remove the empty entry.");
                if (Tokens.IsUnresolved(name))
                {
                    v.Fail("UserProfileNames", "a token", "Give user profile names as literals: each names a construct (User<Name>), which must be known at synth.");
                }
                else if (name.Length > 0)
                {
                    v.SageMakerName(name, "UserProfileNames");
                }
            }

            foreach (var dup in names.Where(n => Tokens.IsLiteral(n) && n.Length > 0).GroupBy(ToPascal, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                v.Fail("UserProfileNames", dup.ToArray(), "Give each user profile a distinct name (names differing only in hyphens collide).");
            }
        }

        v.Throw();
        return id;
    }

    private static void CheckVpcCidr(PropsValidator v, IMlWorkspace workspace)
    {
        try
        {
            _ = workspace.Vpc.VpcCidrBlock;
        }
        catch (Exception e) when (e.Message.Contains("vpcCidrBlock", StringComparison.OrdinalIgnoreCase))
        {
            v.Fail("Workspace.Vpc", workspace.Vpc.VpcId, string.Format(CultureInfo.InvariantCulture,
                "Studio needs the VPC's CIDR for the NFS rule to its EFS volume; import the VPC with Vpc.FromVpcAttributes including VpcCidrBlock."));
        }
    }
}
