using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Identity;
using SecureSageMaker.Internal;
using SecureSageMaker.Network;

namespace SecureSageMaker.Notebooks;

/// <summary>
/// A notebook instance locked down: no direct internet access, no root access, a volume encrypted
/// with the workspace's data key, in a workspace subnet with the workload security group, on
/// Amazon Linux 2023, IMDSv2 only, with a least-privilege execution role under the guardrails.
/// It brings the workspace's <c>notebook</c> interface endpoint.
/// </summary>
public sealed class SecureNotebookInstance : Construct
{
    /// <summary>Creates the notebook instance in <paramref name="workspace"/>.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix.</exception>
    public SecureNotebookInstance(Construct scope, string id, SecureMlWorkspace workspace, SecureNotebookInstanceProps? props = null)
        : base(scope, Validate(scope, id, workspace, props ?? new SecureNotebookInstanceProps()))
    {
        workspace.RegisterWorkload("Notebook instance " + id);
        props ??= new SecureNotebookInstanceProps();
        _ = workspace.Network.AddEndpoint(WorkspaceEndpoint.SageMakerNotebook);
        Role = ExecutionRoleFactory.Create(this, "Role", workspace, ExecutionRoleKind.Notebook);

        string? lifecycleName = null;
        if (props.OnCreateScript is not null || props.OnStartScript is not null)
        {
            static CfnNotebookInstanceLifecycleConfig.NotebookInstanceLifecycleHookProperty[]? Hook(string? script) => script is null
                ? null
                : new[] { new CfnNotebookInstanceLifecycleConfig.NotebookInstanceLifecycleHookProperty { Content = Fn.Base64(script) } };
            var lifecycle = new CfnNotebookInstanceLifecycleConfig(this, "LifecycleConfig", new CfnNotebookInstanceLifecycleConfigProps
            {
                OnCreate = Hook(props.OnCreateScript),
                OnStart = Hook(props.OnStartScript),
            });
            lifecycleName = lifecycle.AttrNotebookInstanceLifecycleConfigName;
            Internal.Weakening.Warn(this, WarningIds.NotebookLifecycleRunsAsRoot,
                "This notebook has a lifecycle configuration: its scripts run as root even with RootAccess Disabled. Review them as privileged code.");
        }

        Resource = new CfnNotebookInstance(this, "Resource", new CfnNotebookInstanceProps
        {
            NotebookInstanceName = props.NotebookInstanceName,
            InstanceType = props.InstanceType ?? Defaults.NotebookInstanceType,
            RoleArn = Role.RoleArn,
            DirectInternetAccess = "Disabled",
            RootAccess = "Disabled",
            KmsKeyId = workspace.Keys.DataKey.KeyArn,
            SubnetId = workspace.Network.SubnetIds[0],
            SecurityGroupIds = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId },
            PlatformIdentifier = Defaults.NotebookPlatformIdentifier,
            VolumeSizeInGb = props.VolumeSizeInGb ?? Defaults.NotebookVolumeSizeInGb,
            InstanceMetadataServiceConfiguration = new CfnNotebookInstance.InstanceMetadataServiceConfigurationProperty
            {
                MinimumInstanceMetadataServiceVersion = "2",
            },
            LifecycleConfigName = lifecycleName,
        });
    }

    /// <summary>The notebook instance.</summary>
    public CfnNotebookInstance Resource { get; }

    /// <summary>The notebook's execution role.</summary>
    public IRole Role { get; }

    /// <summary>The notebook instance name.</summary>
    public string NotebookInstanceName => Resource.AttrNotebookInstanceName;

    private static string Validate(Construct scope, string id, SecureMlWorkspace workspace, SecureNotebookInstanceProps props)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var v = new PropsValidator(scope, id);
        v.SageMakerName(props.NotebookInstanceName, "NotebookInstanceName");
        v.MlInstanceType(props.InstanceType, "InstanceType");
        v.InRange(props.VolumeSizeInGb, 5, 16384, "VolumeSizeInGb");
        foreach (var (name, script) in new[] { ("OnCreateScript", props.OnCreateScript), ("OnStartScript", props.OnStartScript) })
        {
            if (script is not null && !Internal.Tokens.IsUnresolved(script))
            {
                v.Require(script.Trim().Length > 0 && Encoding.UTF8.GetByteCount(script) <= 12_288, name, script.Length + " characters",
                    "Give a non-empty script of at most 12,288 bytes (SageMaker's limit after base64 is 16 KB).");
            }
        }

        v.Throw();
        return id;
    }
}
