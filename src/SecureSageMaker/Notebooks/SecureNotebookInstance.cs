using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A notebook instance locked down: no direct internet access, no root access, a volume encrypted
/// with the workspace's data key, in a workspace subnet with the workload security group, on
/// Amazon Linux 2023, IMDSv2 only, with a least-privilege execution role under the guardrails.
/// It asks the workspace for the <c>notebook</c> interface endpoint.
/// </summary>
public sealed class SecureNotebookInstance : Construct
{
    /// <summary>Creates the notebook instance.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public SecureNotebookInstance(Construct scope, string id, SecureNotebookInstanceProps props)
        : base(scope, Validate(scope, id, props))
    {
        var workspace = props.Workspace!;
        Posture.StackPosture.Of(this).EnsureChecks();
        RegionSupport.Guard(this, "NotebookInstances", "the notebook instance");
        if (props.NotebookInstanceName is { } givenName)
        {
            // CloudFormation cannot replace a resource with a custom name, and the workspace controls this one's create-only subnet, security groups and volume key.
            Posture.StackPosture.Warn(this, WarningIds.NamedReplaceableResource, "NotebookInstanceName '" + givenName + "' is a name of yours, and the workspace controls this resource's create-only subnet, security groups and volume key: a workspace change to them replaces it, which CloudFormation refuses under the same name. Rename it in that change, or leave NotebookInstanceName unset.");
        }
        workspace.EnsureInterfaceEndpoint(InterfaceEndpointService.SageMakerNotebook);
        var role = ExecutionRoles.Create(this, "Role", RoleContext.SeatOf(workspace), "a data scientist's notebook instance");
        DataScientistRights.Grant(role, workspace);
        workspace.Lifecycle?.GrantUse(role);
        if (workspace.Lifecycle?.IdleShutdown is not null)
        {
            // The idle-stop script stops its own notebook; the role may stop only notebooks of its workspace.
            role.AddToPolicy(IamJson.Allow("StopIdleNotebooksOfThisWorkspace", new[] { "sagemaker:StopNotebookInstance", "sagemaker:DescribeNotebookInstance" },
                new[] { Stack.Of(this).FormatArn(new ArnComponents { Service = "sagemaker", Resource = "notebook-instance", ResourceName = "*" }) },
                IamJson.Condition("StringEquals", "aws:ResourceTag/" + WorkspaceTag.Key, WorkspaceTag.Value(workspace))));
        }

        ExecutionRoles.ExplainWildcards(role);
        Role = role;
        Resource = new CfnNotebookInstance(this, "Resource", new CfnNotebookInstanceProps
        {
            NotebookInstanceName = props.NotebookInstanceName,
            InstanceType = props.InstanceType ?? Defaults.NotebookInstanceType,
            RoleArn = Role.RoleArn,
            DirectInternetAccess = "Disabled",
            RootAccess = "Disabled",
            KmsKeyId = workspace.DataKey.KeyArn,
            SubnetId = workspace.Vpc.SelectSubnets(workspace.WorkloadSubnets).SubnetIds[0],
            SecurityGroupIds = new[] { workspace.WorkloadSecurityGroup.SecurityGroupId },
            PlatformIdentifier = Defaults.NotebookPlatformIdentifier,
            VolumeSizeInGb = props.VolumeSizeInGb ?? Defaults.NotebookVolumeSizeInGb,
            InstanceMetadataServiceConfiguration = new CfnNotebookInstance.InstanceMetadataServiceConfigurationProperty
            {
                MinimumInstanceMetadataServiceVersion = "2",
            },
            LifecycleConfigName = LifecycleConfig(props, workspace.Lifecycle),
            Tags = new[] { new CfnTag { Key = WorkspaceTag.Key, Value = WorkspaceTag.Value(workspace) } },
        });
        StartsAfterTheNetwork(Resource, workspace);
    }

    /// <summary>
    /// A notebook's on-start script runs as the instance starts, within SageMaker's five-minute limit
    /// (https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-lifecycle-config.html), and calls
    /// CodeArtifact, STS and S3 through the workspace's endpoints, which resolve only once the DNS firewall
    /// allows them: the instance is created after every resource of the workspace's network (endpoints
    /// added later included, since CloudFormation dependencies on a construct are resolved at synth).
    /// </summary>
    internal static void StartsAfterTheNetwork(CfnResource resource, IMlWorkspace workspace)
    {
        if (workspace is SecureMlWorkspace owned)
        {
            resource.Node.AddDependency(owned.Network);
        }
    }

    /// <summary>The notebook instance.</summary>
    public CfnNotebookInstance Resource { get; }

    /// <summary>The notebook's execution role.</summary>
    public IRole Role { get; }

    /// <summary>The notebook instance name.</summary>
    public string NotebookInstanceName => Resource.AttrNotebookInstanceName;

    /// <summary>The notebook instance's ARN.</summary>
    public string NotebookInstanceArn => Stack.Of(this).FormatArn(new ArnComponents { Service = "sagemaker", Resource = "notebook-instance", ResourceName = NotebookInstanceName });

    private string? LifecycleConfig(SecureNotebookInstanceProps props, WorkspaceLifecycle? workspaceLifecycle)
    {
        if (props.OnCreateScript is null && props.OnStartScript is null)
        {
            return workspaceLifecycle?.NotebookLifecycleConfigName;
        }

        static CfnNotebookInstanceLifecycleConfig.NotebookInstanceLifecycleHookProperty[]? Hook(string? script) => script is null
            ? null
            : new[] { new CfnNotebookInstanceLifecycleConfig.NotebookInstanceLifecycleHookProperty { Content = Fn.Base64(script) } };
        // The workspace's own start script runs first, then the notebook's.
        var onStart = workspaceLifecycle is null ? props.OnStartScript : workspaceLifecycle.NotebookOnStartScript + "\n" + (props.OnStartScript ?? string.Empty);
        var lifecycle = new CfnNotebookInstanceLifecycleConfig(this, "LifecycleConfig", new CfnNotebookInstanceLifecycleConfigProps
        {
            NotebookInstanceLifecycleConfigName = Guardrails.GuardrailStatements.LifecycleConfigPrefix
                + Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = 63 - Guardrails.GuardrailStatements.LifecycleConfigPrefix.Length, Separator = "-" }).ToLowerInvariant(),
            OnCreate = Hook(props.OnCreateScript),
            OnStart = Hook(onStart),
        });
        Posture.StackPosture.Warn(this, WarningIds.NotebookLifecycleRunsAsRoot,
            "This notebook has lifecycle scripts of yours: they run as root even with RootAccess Disabled. Review them as privileged code.");
        Guardrails.Acknowledge.Finding(lifecycle, Guardrails.RuleIds.NotebookLifecycleConfig,
            "The notebook's lifecycle scripts were given through OnCreateScript/OnStartScript; warning " + WarningIds.NotebookLifecycleRunsAsRoot + " records the weakening.");
        return lifecycle.AttrNotebookInstanceLifecycleConfigName;
    }

    private static string Validate(Construct scope, string id, SecureNotebookInstanceProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        RegionSupport.Check(scope, id, "NotebookInstances", "the notebook instance");
        var v = new PropsValidator(scope, id);
        _ = v.Present(props.Workspace, "Workspace", "Pass the workspace (or use workspace.AddNotebookInstance).");
        v.SageMakerName(props.NotebookInstanceName, "NotebookInstanceName");
        v.MlInstanceType(props.InstanceType, "InstanceType", InstanceTypes.Notebook);
        v.InRange(props.VolumeSizeInGb, 5, 16384, "VolumeSizeInGb");
        foreach (var (name, script) in new[] { ("OnCreateScript", props.OnCreateScript), ("OnStartScript", props.OnStartScript) })
        {
            if (Tokens.IsLiteral(script))
            {
                v.Require(script!.Trim().Length > 0 && Encoding.UTF8.GetByteCount(script) <= Defaults.LifecycleScriptMaxBytes, name, script.Length + " characters",
                    "Give a non-empty script of at most 12,288 bytes (SageMaker's limit is 16,384 characters after base64).");
                v.Require(!LooksBase64(script), name, script.Length > 40 ? script[..40] + "..." : script,
                    "Give the script as plain text: the library base64-encodes it for SageMaker, so an encoded script would be encoded twice and fail to run.");
            }
        }

        // The workspace's own start script runs first, in the same hook: together they must fit SageMaker's limit.
        if (props.OnStartScript is { } own && Tokens.IsLiteral(own) && props.Workspace?.Lifecycle is { } lifecycle)
        {
            var combined = Encoding.UTF8.GetByteCount(lifecycle.NotebookOnStartScript) + 1 + Encoding.UTF8.GetByteCount(own);
            v.Require(combined <= Defaults.LifecycleScriptMaxBytes, "OnStartScript", Encoding.UTF8.GetByteCount(own) + " bytes",
                string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "The workspace's own start script ({0} bytes) runs first in the same hook, and the two together ({1} bytes) must fit 12,288 bytes (SageMaker's limit is 16,384 characters after base64): shorten the script, or move setup into OnCreateScript.",
                    Encoding.UTF8.GetByteCount(lifecycle.NotebookOnStartScript), combined));
        }

        v.Throw();
        return id;
    }

    /// <summary>Whether a script is base64 text rather than a shell script: only base64 characters, and decodable to text.</summary>
    internal static bool LooksBase64(string script)
    {
        var compact = string.Concat(script.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length < 16 || compact.Length % 4 != 0 || script.Trim().Contains(' ', StringComparison.Ordinal)
            || !compact.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(compact));
            return decoded.Contains('\n', StringComparison.Ordinal) || decoded.StartsWith("#!", StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
