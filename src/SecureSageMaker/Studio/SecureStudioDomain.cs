using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Identity;
using SecureSageMaker.Internal;
using SecureSageMaker.Network;

namespace SecureSageMaker.Studio;

/// <summary>
/// A SageMaker Studio domain in <c>VpcOnly</c> mode: IAM authentication, the workspace's subnets,
/// the workload security group in the default user and space settings, its EFS volume encrypted with
/// the data key, a least-privilege execution role under the guardrails, and user profiles on request.
/// It brings the <c>studio</c> interface endpoint and the NFS and app-to-app rules Studio needs.
/// The domain is retained on delete: its EFS volume holds the users' home directories.
/// </summary>
public sealed class SecureStudioDomain : Construct
{
    private readonly List<CfnUserProfile> _profiles = new();

    /// <summary>Creates the domain in <paramref name="workspace"/>.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix.</exception>
    public SecureStudioDomain(Construct scope, string id, SecureMlWorkspace workspace, SecureStudioDomainProps props)
        : base(scope, Validate(scope, id, workspace, props))
    {
        workspace.RegisterWorkload("Studio domain " + props.DomainName);
        _ = workspace.Network.AddEndpoint(WorkspaceEndpoint.SageMakerStudio);
        workspace.Network.AllowStudioTraffic();
        Role = ExecutionRoleFactory.Create(this, "Role", workspace, ExecutionRoleKind.Studio);
        var securityGroups = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId };

        Resource = new CfnDomain(this, "Resource", new CfnDomainProps
        {
            DomainName = props.DomainName,
            AuthMode = "IAM",
            AppNetworkAccessType = "VpcOnly",
            KmsKeyId = workspace.Keys.DataKey.KeyArn,
            VpcId = workspace.Vpc.VpcId,
            SubnetIds = workspace.Network.SubnetIds,
            DefaultUserSettings = new CfnDomain.UserSettingsProperty
            {
                ExecutionRole = Role.RoleArn,
                SecurityGroups = securityGroups,
            },
            DefaultSpaceSettings = new CfnDomain.DefaultSpaceSettingsProperty
            {
                ExecutionRole = Role.RoleArn,
                SecurityGroups = securityGroups,
            },
        });
        Resource.ApplyRemovalPolicy(RemovalPolicy.RETAIN);

        foreach (var name in props.UserProfileNames ?? Array.Empty<string>())
        {
            _profiles.Add(new CfnUserProfile(this, "User" + ToPascal(name), new CfnUserProfileProps
            {
                DomainId = Resource.AttrDomainId,
                UserProfileName = name,
                UserSettings = new CfnUserProfile.UserSettingsProperty
                {
                    ExecutionRole = Role.RoleArn,
                    SecurityGroups = securityGroups,
                },
            }));
        }
    }

    /// <summary>The domain.</summary>
    public CfnDomain Resource { get; }

    /// <summary>The domain's id.</summary>
    public string DomainId => Resource.AttrDomainId;

    /// <summary>The execution role of users and spaces.</summary>
    public IRole Role { get; }

    /// <summary>The user profiles.</summary>
    public IReadOnlyList<CfnUserProfile> UserProfiles => _profiles;

    private static string ToPascal(string name) =>
        string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Validate(Construct scope, string id, SecureMlWorkspace workspace, SecureStudioDomainProps props)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        v.Require(props.DomainName is not null, "DomainName", null, "Name the domain.");
        v.SageMakerName(props.DomainName, "DomainName");
        var names = props.UserProfileNames ?? Array.Empty<string>();
        foreach (var name in names)
        {
            v.Require(!string.IsNullOrEmpty(name), "UserProfileNames", name, "Remove the empty entry.");
            v.SageMakerName(string.IsNullOrEmpty(name) ? null : name, "UserProfileNames");
        }

        foreach (var dup in names.Where(n => !string.IsNullOrEmpty(n)).GroupBy(ToPascal, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Fail("UserProfileNames", dup.ToArray(), "Give each user profile a distinct name (names differing only in hyphens collide).");
        }

        v.Throw();
        return id;
    }
}
