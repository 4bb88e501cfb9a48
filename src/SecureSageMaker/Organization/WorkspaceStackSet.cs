using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.CDK;
using CfnStackSet = Amazon.CDK.CfnStackSet;
using Amazon.CDK.AWS.S3.Assets;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A service-managed CloudFormation StackSet that deploys one environment-agnostic template (a workspace, and what
/// each account needs before it) to every account of the target OUs, in the given regions, and to each account that
/// joins them later. The template is synthesized on its own, judged by the checker like any other stack, and handed
/// to CloudFormation as a file asset (a Full workspace is far over the 51,200-byte inline limit). Deploy it from the
/// management account or a delegated administrator; with the organization guardrails, set
/// <see cref="Guardrails.OrganizationGuardrailsProps.StackSetsExecution"/> so that the StackSets execution role is a
/// deployer in the member accounts.
/// </summary>
public sealed partial class WorkspaceStackSet : Construct
{
    /// <summary>The default share of accounts deployed at once, in percent.</summary>
    public const int DefaultMaxConcurrentPercentage = 25;

    /// <summary>The largest template a StackSet takes from a URL (the resource schema's TemplateBody limit, 460,800 bytes).</summary>
    public const int MaxTemplateBytes = 460_800;

    private readonly JsonObject _template;

    /// <summary>Synthesizes the template and creates the StackSet.</summary>
    /// <exception cref="ArgumentException">A prop is invalid, the template holds assets, or a region lacks a feature the template uses; nothing is added to the tree.</exception>
    public WorkspaceStackSet(Construct scope, string id, WorkspaceStackSetProps props)
        : this(scope, id, props, Prepare(scope, id, props))
    {
    }

    // The template is synthesized (and judged) before this construct joins the tree: a template with errors leaves nothing half-built.
    private WorkspaceStackSet(Construct scope, string id, WorkspaceStackSetProps props, (JsonObject Template, string File, List<string> Warnings) prepared)
        : base(scope, id)
    {
        (_template, TemplateFile, var warnings) = prepared;
        Capabilities = CapabilitiesOf(_template);
        RetainedResourceTypes = (_template["Resources"]?.AsObject() ?? new JsonObject())
            .Where(r => (string?)r.Value?["DeletionPolicy"] is "Retain" or "RetainExceptOnCreate").Select(r => (string)r.Value!["Type"]!).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToList();

        TemplateAsset = new Asset(this, "Template", new AssetProps { Path = TemplateFile });
        var autoDeploy = props.AutoDeployment ?? true;
        var retain = props.RetainStacksOnAccountRemoval ?? true;
        StackSet = new CfnStackSet(this, "Resource", new CfnStackSetProps
        {
            StackSetName = props.StackSetName,
            Description = "SecureSageMaker: a locked-down SageMaker workspace in every account of the target OUs.",
            PermissionModel = "SERVICE_MANAGED",
            CallAs = props.DelegatedAdministrator == true ? "DELEGATED_ADMIN" : "SELF",
            TemplateUrl = TemplateAsset.HttpUrl,
            Capabilities = Capabilities.Count == 0 ? null : Capabilities.ToArray(),
            AutoDeployment = new CfnStackSet.AutoDeploymentProperty { Enabled = autoDeploy, RetainStacksOnAccountRemoval = autoDeploy ? retain : null },
            ManagedExecution = new Dictionary<string, object> { ["Active"] = true },
            OperationPreferences = new CfnStackSet.OperationPreferencesProperty
            {
                MaxConcurrentPercentage = props.MaxConcurrentPercentage ?? DefaultMaxConcurrentPercentage,
                FailureTolerancePercentage = props.FailureTolerancePercentage ?? 0,
                RegionConcurrencyType = props.ParallelRegions == true ? "PARALLEL" : "SEQUENTIAL",
                // STRICT_FAILURE_TOLERANCE (the API's default) keeps in flight at most the failure tolerance plus one: with a tolerance
                // of 0, one account at a time whatever MaxConcurrentPercentage says. SOFT keeps the concurrency and still stops on a failure.
                ConcurrencyMode = "SOFT_FAILURE_TOLERANCE",
                RegionOrder = props.Regions,
            },
            StackInstancesGroup = new[]
            {
                new CfnStackSet.StackInstancesProperty
                {
                    DeploymentTargets = new CfnStackSet.DeploymentTargetsProperty { OrganizationalUnitIds = props.OrganizationalUnitIds },
                    Regions = props.Regions,
                },
            },
        });
        // Deleting the StackSet would delete every account's stack: keep it on update and delete, and delete by hand (README
        // "Many accounts"). A failed first create rolls it back, so a retry under the same name finds nothing in its way.
        StackSet.ApplyRemovalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);

        foreach (var warning in warnings)
        {
            Annotations.Of(this).AddWarning("In the StackSet's template: " + warning);
        }

        if (autoDeploy && !retain)
        {
            Posture.StackPosture.Warn(this, WarningIds.StackSetDeletesOnRemoval,
                "An account that leaves the target OUs has its workspace stack deleted; its retained resources stay in the account, unmanaged: " + string.Join(", ", RetainedResourceTypes) + ".");
        }
    }

    /// <summary>The StackSet resource.</summary>
    public CfnStackSet StackSet { get; }

    /// <summary>The template as a file asset of this stack (its <c>HttpUrl</c> is the StackSet's <c>TemplateURL</c>).</summary>
    public Asset TemplateAsset { get; }

    /// <summary>Where the template was written before it became an asset.</summary>
    public string TemplateFile { get; }

    /// <summary>The template every account gets, as JSON text.</summary>
    public string TemplateJson => _template.ToJsonString();

    /// <summary>The capabilities the template needs (<c>CAPABILITY_IAM</c>, <c>CAPABILITY_NAMED_IAM</c>), read from its resources.</summary>
    public IReadOnlyList<string> Capabilities { get; }

    /// <summary>The resource types the template retains on delete: what an account keeps when its stack is deleted (by removal from the OU or by hand).</summary>
    public IReadOnlyList<string> RetainedResourceTypes { get; }

    private static (JsonObject Template, string File, List<string> Warnings) Prepare(Construct scope, string id, WorkspaceStackSetProps props) =>
        SynthesizeTemplate(scope, Validate(scope, id, props), props);

    private static (JsonObject Template, string File, List<string> Warnings) SynthesizeTemplate(Construct scope, string id, WorkspaceStackSetProps props)
    {
        // Inside the app's own output, under a name of its own: synthesized again on every synth, never deployed by the CLI
        // (the manifest does not list it); the posture report of the template goes beside the app's other reports.
        var parentOutdir = Stage.Of(scope)?.Outdir ?? Path.GetTempPath();
        // A short name of this construct's path: valid on every file system, stable across synths.
        var name = "stackset-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope.Node.Path + "/" + id)))[..12].ToLowerInvariant();
        var outdir = Path.Combine(parentOutdir, name);
        // No CDKMetadata resource (the CLI turns version reporting on): a CDK upgrade alone must not roll a new template to every account.
        var app = new App(new AppProps { Outdir = outdir, AnalyticsReporting = false });
        var stack = new Stack(app, "SecureSageMakerStackSetTemplate", new StackProps
        {
            Synthesizer = new BootstraplessSynthesizer(new BootstraplessSynthesizerProps()),
            Description = "SecureSageMaker workspace deployed by a service-managed StackSet.",
        });
        Amazon.CDK.CXAPI.CloudAssembly assembly;
        try
        {
            props.Template(stack);
            assembly = app.Synth();
        }
        catch (Exception e) when (e.Message.Contains("BootstraplessSynthesizer", StringComparison.Ordinal))
        {
            throw new ArgumentException(scope.Node.Path + "/" + id + ": Template: the stack holds a file or image asset (" + e.Message.Split('\n')[0]
                + "). A StackSet deploys one template to accounts that publish no assets: inline the content (lifecycle scripts are), or deploy that part per account.", e);
        }

        // The checker and the library report on the template's stack: its errors stop this synth, its warnings show here.
        var messages = assembly.GetStackArtifact(stack.ArtifactId).Messages;
        var errors = messages.Where(m => m.Level == Amazon.CDK.CXAPI.SynthesisMessageLevel.ERROR).Select(m => m.Id + ": " + m.Entry.Data).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(scope.Node.Path + "/" + id + ": Template: the template's stack has errors, and every account would get them:\n- " + string.Join("\n- ", errors));
        }

        var warnings = messages.Where(m => m.Level == Amazon.CDK.CXAPI.SynthesisMessageLevel.WARNING).Select(m => m.Id + ": " + m.Entry.Data).ToList();
        var file = Path.Combine(outdir, stack.TemplateFile);
        foreach (var report in Directory.GetFiles(outdir, "*.posture.md"))
        {
            File.Copy(report, Path.Combine(parentOutdir, Stack.Of(scope).StackName + "." + id + ".stackset.posture.md"), overwrite: true);
        }

        var text = File.ReadAllText(file);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxTemplateBytes)
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0}/{1}: Template: the template has {2} bytes, more than the {3} a StackSet's template may have: split the workspace's workloads into stacks deployed per account.",
                scope.Node.Path, id, System.Text.Encoding.UTF8.GetByteCount(text), MaxTemplateBytes));
        }

        var template = JsonNode.Parse(text)!.AsObject();
        CheckRegions(scope, id, props, template);
        return (template, file, warnings);
    }

    private static void CheckRegions(Construct scope, string id, WorkspaceStackSetProps props, JsonObject template)
    {
        var types = (template["Resources"]?.AsObject() ?? new JsonObject()).Select(r => (string?)r.Value?["Type"]).Where(t => t is not null).ToHashSet(StringComparer.Ordinal);
        var v = new PropsValidator(scope, id);
        foreach (var (feature, (featureTypes, unsupported)) in RegionSupport.Features)
        {
            var used = featureTypes.Where(types.Contains).ToList();
            foreach (var region in props.Regions.Intersect(unsupported, StringComparer.Ordinal))
            {
                if (used.Count > 0)
                {
                    v.Fail("Regions", region, string.Format(CultureInfo.InvariantCulture,
                        "The template uses {0} (feature {1}), which CloudFormation does not have in {2}: remove the region, or leave the feature out of the template.", string.Join(", ", used), feature, region));
                }
            }
        }

        v.Throw();
    }

    private static List<string> CapabilitiesOf(JsonObject template)
    {
        var resources = (template["Resources"]?.AsObject() ?? new JsonObject()).Select(r => r.Value!.AsObject()).ToList();
        var iam = resources.Where(r => ((string?)r["Type"] ?? string.Empty).StartsWith("AWS::IAM::", StringComparison.Ordinal)).ToList();
        var capabilities = new List<string>();
        if (iam.Count > 0)
        {
            capabilities.Add("CAPABILITY_IAM");
        }

        var names = new[] { "RoleName", "ManagedPolicyName", "GroupName", "UserName", "InstanceProfileName" };
        if (iam.Any(r => names.Any(n => r["Properties"]?[n] is not null)))
        {
            capabilities.Add("CAPABILITY_NAMED_IAM");
        }

        if (template["Transform"] is not null)
        {
            capabilities.Add("CAPABILITY_AUTO_EXPAND");
        }

        return capabilities;
    }

    private static string Validate(Construct scope, string id, WorkspaceStackSetProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new PropsValidator(scope, id);
        _ = v.Present(props.Template, "Template", "Give a function that adds the workspace (and SageMakerLogGroups) to the template's stack.");
        v.Require(props.OrganizationalUnitIds is { Length: > 0 }, "OrganizationalUnitIds", props.OrganizationalUnitIds?.Length, "Name at least one OU id ('ou-ab12-cdef3456') or the root id ('r-ab12').");
        if (v.NoNullEntries(props.OrganizationalUnitIds, "OrganizationalUnitIds"))
        {
            foreach (var ou in (props.OrganizationalUnitIds ?? Array.Empty<string>()).Where(Tokens.IsLiteral))
            {
                v.Require(TargetPattern().IsMatch(ou), "OrganizationalUnitIds", ou, "Use an organizational unit id ('ou-ab12-cdef3456') or the root id ('r-ab12'): service-managed StackSets target OUs, not accounts.");
            }

            v.EachOnce(props.OrganizationalUnitIds, "OrganizationalUnitIds", "Name each OU once.");
        }

        v.Require(props.Regions is { Length: > 0 }, "Regions", props.Regions?.Length, "Name at least one region ('eu-west-1').");
        if (v.NoNullEntries(props.Regions, "Regions"))
        {
            foreach (var region in (props.Regions ?? Array.Empty<string>()).Where(Tokens.IsLiteral))
            {
                v.Require(RegionPattern().IsMatch(region), "Regions", region, "Use a region code such as 'eu-west-1'.");
            }

            v.EachOnce(props.Regions, "Regions", "Name each region once: the list is also the deployment order.");
        }

        v.InRange(props.MaxConcurrentPercentage, 1, 100, "MaxConcurrentPercentage");
        v.InRange(props.FailureTolerancePercentage, 0, 100, "FailureTolerancePercentage");
        if (v.Present(props.StackSetName, "StackSetName", "Name the StackSet ('SecureSageMakerWorkspaces'): the name is create-only, so it is yours, not derived from the construct's path (a moved construct would replace the StackSet).")
            && Tokens.IsLiteral(props.StackSetName!))
        {
            var name = props.StackSetName!;
            v.Require(NamePattern().IsMatch(name), "StackSetName", name, "Use 1 to 128 letters, digits and hyphens, starting with a letter.");
        }

        v.Require(props.RetainStacksOnAccountRemoval is null || props.AutoDeployment != false, "RetainStacksOnAccountRemoval", props.RetainStacksOnAccountRemoval,
            "Leave it unset when AutoDeployment is false: CloudFormation takes it only with auto-deployment.");
        v.Throw();
        return id;
    }

    [GeneratedRegex("^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$")]
    private static partial Regex TargetPattern();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{0,127}$")]
    private static partial Regex NamePattern();
}
