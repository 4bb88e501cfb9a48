using System.Globalization;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Sagemaker;
using Constructs;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker;

/// <summary>
/// The lifecycle configurations a workspace owns, and the only ones its guardrails admit (their names
/// start with <see cref="GuardrailStatements.LifecycleConfigPrefix"/>): a notebook script that points
/// pip and npm at the package mirror (refreshing its token) and stops the notebook when idle, and a
/// Studio JupyterLab script that points pip and npm at the mirror. Studio apps are shut down when
/// idle by the domain's own idle settings. The scripts are readable files of the repository
/// (<c>src/SecureSageMaker/Lifecycle/*.sh</c>).
/// </summary>
public sealed class WorkspaceLifecycle : Construct
{
    internal WorkspaceLifecycle(Construct scope, string id, PackageMirror? mirror, Duration? idleShutdown)
        : base(scope, id)
    {
        PackageMirror = mirror;
        IdleShutdown = idleShutdown;
        var stack = Stack.Of(this);
        var values = new Dictionary<string, string>
        {
            ["REGION"] = stack.Region,
            ["PACKAGE_MIRROR"] = mirror is null ? "false" : "true",
            ["DOMAIN"] = mirror?.DomainName ?? string.Empty,
            ["DOMAIN_OWNER"] = mirror?.DomainOwner ?? string.Empty,
            ["REPOSITORY"] = mirror?.RepositoryName ?? string.Empty,
            ["IDLE_MINUTES"] = ((int)(idleShutdown?.ToMinutes() ?? 0)).ToString(CultureInfo.InvariantCulture),
        };
        NotebookOnStartScript = Fill(Script("notebook-on-start.sh"), values);
        var notebook = new CfnNotebookInstanceLifecycleConfig(this, "Notebook", new CfnNotebookInstanceLifecycleConfigProps
        {
            NotebookInstanceLifecycleConfigName = Name(63),
            OnStart = new[] { new CfnNotebookInstanceLifecycleConfig.NotebookInstanceLifecycleHookProperty { Content = Fn.Base64(NotebookOnStartScript) } },
        });
        NotebookLifecycleConfigName = notebook.AttrNotebookInstanceLifecycleConfigName;
        Acknowledge.Finding(notebook, RuleIds.NotebookLifecycleConfig,
            "The workspace's own lifecycle script (src/SecureSageMaker/Lifecycle/notebook-on-start.sh): it configures the package mirror and stops idle notebooks, and it is reviewed in the library's repository.");
        if (mirror is not null)
        {
            // Every property of a Studio lifecycle configuration is create-only (its CloudFormation schema has no update
            // handler), and CloudFormation cannot replace a resource under the same name: the name carries a hash of the
            // content as the template renders it, so a new script (a library upgrade) is a new configuration.
            var content = Fn.Base64(Fill(Script("studio-jupyterlab.sh"), values));
            var studio = new CfnStudioLifecycleConfig(this, "Studio", new CfnStudioLifecycleConfigProps
            {
                StudioLifecycleConfigName = Name(63 - 9) + "-" + ContentHash(stack, content),
                StudioLifecycleConfigAppType = "JupyterLab",
                StudioLifecycleConfigContent = content,
            });
            StudioLifecycleConfigArn = studio.AttrStudioLifecycleConfigArn;
        }
    }

    /// <summary>The package mirror, if the workspace has one.</summary>
    public PackageMirror? PackageMirror { get; }

    /// <summary>How long Studio apps and notebooks may stay idle before they are stopped, if set.</summary>
    public Duration? IdleShutdown { get; }

    /// <summary>The notebook lifecycle configuration's name.</summary>
    public string NotebookLifecycleConfigName { get; }

    /// <summary>The notebook start script (a notebook with scripts of its own runs this first).</summary>
    public string NotebookOnStartScript { get; }

    /// <summary>The Studio JupyterLab lifecycle configuration's ARN, when the workspace has a package mirror.</summary>
    public string? StudioLifecycleConfigArn { get; }

    /// <summary>Lets a data scientist's role use what the scripts call: the package mirror.</summary>
    public void GrantUse(IGrantable role) => PackageMirror?.GrantRead(role);

    /// <summary>The text of a script of the library.</summary>
    internal static string Script(string name)
    {
        using var stream = typeof(WorkspaceLifecycle).Assembly.GetManifestResourceStream("SecureSageMaker.Lifecycle." + name)
            ?? throw new InvalidOperationException("The lifecycle script " + name + " is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    internal static string Fill(string script, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(script, (text, value) => text.Replace("{{" + value.Key + "}}", value.Value, StringComparison.Ordinal));

    /// <summary>The first 8 hex digits of the SHA-256 of a value as the template renders it (tokens resolved to their CloudFormation form).</summary>
    internal static string ContentHash(Stack stack, object value)
    {
        var rendered = Jsii.JsiiValues.Resolve(stack, value)?.ToJsonString() ?? string.Empty;
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(rendered)))[..8].ToLowerInvariant();
    }

    private string Name(int maxLength) => GuardrailStatements.LifecycleConfigPrefix
        + Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = maxLength - GuardrailStatements.LifecycleConfigPrefix.Length, Separator = "-" }).ToLowerInvariant();
}
