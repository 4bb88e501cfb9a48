using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using SecureSageMaker.Guardrails;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A locked-down SageMaker environment: a VPC whose only way out is PrivateLink (with a DNS firewall),
/// customer-managed keys for everything at rest, buckets that only answer through the workspace's
/// network, guardrail policies, and the places (notebooks, Studio, models, endpoints, training) where
/// data scientists work, each in network isolation. Every default holds every control of the posture.
/// </summary>
public sealed class SecureMlWorkspace : Construct, IMlWorkspace
{
    private readonly PrivateNetwork _network;
    private readonly WorkspaceGuardrailPolicy _guardrails;

    /// <summary>Creates the workspace.</summary>
    /// <exception cref="ArgumentException">The props are invalid; the message names each property, the value received and the fix. Nothing is added to the tree.</exception>
    public SecureMlWorkspace(Construct scope, string id, SecureMlWorkspaceProps? props = null)
        : base(scope, Validate(scope, id, props ?? new SecureMlWorkspaceProps()))
    {
        props ??= new SecureMlWorkspaceProps();
        LogRetention = props.LogRetention ?? Defaults.LogRetention;
        AllowsTrafficBetweenWorkloads = props.Network?.AllowSelfReferencingTraffic ?? Defaults.AllowSelfReferencingTraffic;
        ExecutionRolePath = "/securesagemaker/" + Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = 64 }) + "/";
        // CodeArtifact encrypts the package mirror's domain with the data key: its calls carry
        // kms:ViaService codeartifact.<region>.amazonaws.com (CodeArtifact User Guide, "Domain encryption key").
        Keys = new WorkspaceKeys(this, "Keys", props.Keys, props.PackageMirror is null ? Array.Empty<string>() : new[] { "codeartifact" });
        _network = new PrivateNetwork(this, "Network", (props.Network ?? new PrivateNetworkProps()) with
        {
            LogsKey = props.Network?.LogsKey ?? Keys.LogsKey,
            LogRetention = props.Network?.LogRetention ?? LogRetention,
        });

        var buckets = CreateBuckets(props);
        (AccessLogsBucket, _dataBucket, _modelBucket) = buckets;
        InputBuckets = props.InputBuckets ?? Array.Empty<IBucket>();
        AdmitBuckets();

        _guardrails = new WorkspaceGuardrailPolicy(this, "GuardrailPolicy", new WorkspaceGuardrailPolicyProps
        {
            Vpc = Vpc,
            Subnets = WorkloadSubnets,
            SecurityGroups = new[] { WorkloadSecurityGroup },
            DataKey = DataKey,
            Options = props.GuardrailOptions,
            WorkspaceTagValue = WorkspaceTag.Value(this),
            DataBucketName = _dataBucket.BucketName,
        });

        Lifecycle = CreateLifecycle(props);
        JobRole = CreateJobRole();
        PresignedUrlPolicy = new PresignedUrlPolicy(this, "PresignedUrlPolicy", new PresignedUrlPolicyProps
        {
            AllowedCidrs = props.PresignedUrlAllowedCidrs,
            AllowedVpcEndpoints = new[] { _network.InterfaceEndpoints[InterfaceEndpointService.SageMakerApi] },
        });
        // After every child: the organization's data-perimeter SCPs find the workspace's network, keys and logs by this tag.
        WorkspaceTag.TagPerimeter(this, WorkspaceTag.Value(this));
        ApplyChecks(props);
        _anchors = ReportAnchors(props);
        Posture.StackPosture.Of(this).AddReport(new Posture.ReportSource(id, Node.Path, _anchors));
    }

    private readonly SecureBucket _dataBucket;
    private readonly Dictionary<string, object> _anchors;
    private readonly SecureBucket _modelBucket;

    /// <summary>The customer-managed keys.</summary>
    public WorkspaceKeys Keys { get; }

    /// <summary>The private network: VPC, interface endpoints, security groups, flow logs, DNS firewall.</summary>
    public PrivateNetwork Network => _network;

    /// <summary>The bucket that receives the server access logs of the data and model buckets (SSE-S3, as S3 access logging requires).</summary>
    public SecureBucket AccessLogsBucket { get; }

    /// <inheritdoc />
    public IVpc Vpc => _network.Vpc;

    /// <inheritdoc />
    public SubnetSelection WorkloadSubnets => _network.WorkloadSubnets;

    /// <inheritdoc />
    public ISecurityGroup WorkloadSecurityGroup => _network.WorkloadSecurityGroup;

    /// <inheritdoc />
    public IKey DataKey => Keys.DataKey;

    /// <inheritdoc />
    public IKey LogsKey => Keys.LogsKey;

    /// <inheritdoc />
    public IBucket DataBucket => _dataBucket.Bucket;

    /// <inheritdoc />
    public IBucket ModelBucket => _modelBucket.Bucket;

    /// <inheritdoc />
    public IReadOnlyList<IBucket> InputBuckets { get; }

    /// <inheritdoc />
    public IReadOnlyList<IManagedPolicy> GuardrailPolicies => _guardrails.Policies;

    /// <summary>Every managed policy of the guardrails (their statements split by size), with the statements.</summary>
    public WorkspaceGuardrailPolicy Guardrails => _guardrails;

    /// <inheritdoc />
    public IRole JobRole { get; }

    /// <inheritdoc />
    public string ExecutionRolePath { get; }

    /// <inheritdoc />
    public RetentionDays LogRetention { get; }

    /// <inheritdoc />
    public bool AllowsTrafficBetweenWorkloads { get; }

    /// <inheritdoc />
    public WorkspaceLifecycle? Lifecycle { get; }

    /// <summary>The AWS Config rules that watch the workspace, when asked for.</summary>
    public DetectiveControls? DetectiveControls { get; private set; }

    /// <summary>The policy that limits presigned notebook and Studio URLs to company CIDRs or the workspace's endpoint; <see cref="ApplyGuardrails"/> attaches it.</summary>
    public PresignedUrlPolicy PresignedUrlPolicy { get; }

    /// <summary>A workspace built elsewhere (another stack or app), for workloads that live apart from it.</summary>
    /// <exception cref="ArgumentException">An attribute is missing; the message names it.</exception>
    public static IMlWorkspace FromWorkspaceAttributes(Construct scope, string id, MlWorkspaceAttributes attributes) =>
        new ImportedMlWorkspace(scope, id, attributes);

    /// <inheritdoc />
    public void EnsureInterfaceEndpoint(InterfaceEndpointService service) => _ = _network.AddInterfaceEndpoint(service);

    /// <summary>Lets <paramref name="grantee"/> read the data bucket (under a key prefix), decrypting through S3 only.</summary>
    public void GrantDataRead(IGrantable grantee, string prefix = "") => _dataBucket.GrantRead(grantee, prefix);

    /// <summary>Lets <paramref name="grantee"/> read and write the data bucket (under a key prefix).</summary>
    public void GrantDataReadWrite(IGrantable grantee, string prefix = "") => _dataBucket.GrantReadWrite(grantee, prefix);

    /// <summary>Lets <paramref name="grantee"/> read the model bucket (under a key prefix).</summary>
    public void GrantModelRead(IGrantable grantee, string prefix = "") => _modelBucket.GrantRead(grantee, prefix);

    /// <summary>Lets <paramref name="grantee"/> read and write the model bucket (under a key prefix).</summary>
    public void GrantModelReadWrite(IGrantable grantee, string prefix = "") => _modelBucket.GrantReadWrite(grantee, prefix);

    /// <summary>Adds a locked-down notebook instance.</summary>
    public SecureNotebookInstance AddNotebookInstance(string id, SecureNotebookInstanceProps? props = null) =>
        new(this, id, (props ?? new SecureNotebookInstanceProps()) with { Workspace = this });

    /// <summary>Adds a VpcOnly Studio domain.</summary>
    public SecureStudioDomain AddStudioDomain(string id, SecureStudioDomainProps props) =>
        new(this, id, Required(props, nameof(props)) with { Workspace = this });

    /// <summary>Adds a network-isolated model.</summary>
    public IsolatedModel AddModel(string id, IsolatedModelProps props) =>
        new(this, id, Required(props, nameof(props)) with { Workspace = this });

    /// <summary>Adds an encrypted endpoint serving a model.</summary>
    public EncryptedEndpoint AddEndpoint(string id, EncryptedEndpointProps props) =>
        new(this, id, Required(props, nameof(props)) with { Workspace = this });

    /// <summary>Adds a training or processing job as a state machine, a pipeline and a published request.</summary>
    public JobWorkflow AddJobWorkflow(string id, JobWorkflowProps props) =>
        new(this, id, Required(props, nameof(props)) with { Workspace = this });

    /// <summary>
    /// Protects people: attaches the guardrail policies and the presigned-URL policy to roles, users and
    /// groups, including imported ones (<c>Role.FromRoleArn</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A target is not an IAM role, user or group; a role of another account; or an IAM Identity Center role, whose policies only its permission set can change.</exception>
    public void ApplyGuardrails(params IConstruct[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var problems = targets.Select(PrincipalProblem).Where(p => p is not null).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(Node.Path + ": cannot apply the guardrails. " + string.Join(" ", problems), nameof(targets));
        }

        if (targets.Length > 0)
        {
            _anchors["PeopleGuardrailPolicy"] = _guardrails.PeoplePolicies[0].ManagedPolicyArn;
        }

        foreach (var target in targets)
        {
            foreach (var policy in _guardrails.PeoplePolicies.Append(PresignedUrlPolicy.Policy))
            {
                Attach(policy, target);
            }
        }
    }

    private static T Required<T>(T? props, string name)
        where T : class => props ?? throw new ArgumentNullException(name);

    private (SecureBucket Logs, SecureBucket Data, SecureBucket Model) CreateBuckets(SecureMlWorkspaceProps props)
    {
        var logs = new SecureBucket(this, "AccessLogsBucket", new SecureBucketProps { Kind = SecureBucketKind.ServerAccessLogs });
        var executionRoles = new[] { ExecutionRoleArnPattern() };
        SecureBucket Data(string id, BucketReplication? replication) => new(this, id, new SecureBucketProps
        {
            Replication = replication,
            ObjectLockRetention = props.ObjectLockRetention,
            EncryptionKey = DataKey,
            ServerAccessLogsBucket = logs,
            ServerAccessLogsPrefix = id + "/",
            AllowedVpcEndpoint = _network.S3Endpoint,
            BreakGlassPrincipalArns = props.BreakGlassPrincipalArns,
            ExecutionRoleArnPatterns = executionRoles,
            NoncurrentVersionExpiration = props.NoncurrentVersionExpiration,
        });
        return (logs, Data("DataBucket", props.DataBucketReplication), Data("ModelBucket", props.ModelBucketReplication));
    }

    private void AdmitBuckets()
    {
        _network.AllowBucketReadWrite(DataBucket);
        _network.AllowBucketReadWrite(ModelBucket);
        foreach (var bucket in InputBuckets)
        {
            _network.AllowBucketRead(bucket);
            Posture.StackPosture.Warn(this, WarningIds.UnverifiedInputBucket, string.Format(CultureInfo.InvariantCulture,
                "Input bucket '{0}' was brought to the workspace: its encryption, public access and policy cannot be verified here, and the S3 endpoint admits reads of it. Hold it to the same controls as the workspace's buckets.",
                bucket.Node.Path));
        }
    }

    private Role CreateJobRole()
    {
        var role = ExecutionRoles.Create(this, "JobRole", new RoleContext(Vpc, DataKey, GuardrailPolicies, ExecutionRolePath), "jobs and models started from an SDK");

        GrantDataRead(role);
        GrantModelReadWrite(role);
        foreach (var input in InputBuckets)
        {
            BucketGrants.Read(role, input, input.EncryptionKey);
        }

        var stack = Stack.Of(this);
        role.AddToPolicy(WorkspaceTag.ReadJumpStartCache(stack));
        role.AddToPolicy(ContainerImage.PullStatement(stack.FormatArn(new ArnComponents { Service = "ecr", Resource = "repository", ResourceName = "*" })));
        // The Deep Learning Containers registry of the region, from AWS's own table (CDK 2.160's region facts lack several
        // regions where SageMaker runs); none in a fixed region without one: bring images from your own ECR there.
        var dlcAccount = DeepLearningContainers.Account(this);
        if (dlcAccount is not null)
        {
            role.AddToPolicy(ContainerImage.PullStatement(stack.FormatArn(new ArnComponents
            {
                Service = "ecr", Account = dlcAccount, Resource = "repository", ResourceName = "*",
            })));
        }
        ExecutionRoles.ExplainWildcards(role);
        return role;
    }

    private WorkspaceLifecycle? CreateLifecycle(SecureMlWorkspaceProps props)
    {
        PackageMirror? mirror = null;
        if (props.PackageMirror is { } mirrorProps)
        {
            // The seats read packages too (a notebook's start script, pip in Studio): they reach the mirror only through its endpoints.
            var readers = new[] { ExecutionRoleArnPattern(), ExecutionRoleArnPattern(ExecutionRoles.SeatPath(ExecutionRolePath)) }.Concat(props.BreakGlassPrincipalArns ?? Array.Empty<string>()).ToArray();
            mirror = new PackageMirror(this, "PackageMirror", DataKey, readers, mirrorProps);
            RegionSupport.Guard(this, "PackageMirror", "PackageMirror");
            EnsureInterfaceEndpoint(InterfaceEndpointService.CodeArtifactApi);
            EnsureInterfaceEndpoint(InterfaceEndpointService.CodeArtifactRepositories);
            _network.AllowPackageAssets((mirrorProps.Sources ?? new[] { PackageSource.PyPi, PackageSource.Npm }).ToList());
        }

        if (props.DetectiveControls is { } detective)
        {
            DetectiveControls = new DetectiveControls(this, "DetectiveControls", detective, AccessLogsBucket);
        }

        return mirror is null && props.IdleShutdown is null ? null : new WorkspaceLifecycle(this, "Lifecycle", mirror, props.IdleShutdown);
    }

    private string ExecutionRoleArnPattern(string? path = null) =>
        Stack.Of(this).FormatArn(new ArnComponents { Service = "iam", Region = string.Empty, Resource = "role", ResourceName = (path ?? ExecutionRolePath).TrimStart('/') + "*" });

    private void ApplyChecks(SecureMlWorkspaceProps props)
    {
        if (props.ApplyGuardrailChecks ?? Defaults.ApplyGuardrailChecks)
        {
            GuardrailChecks.Apply(this);
        }
        else
        {
            Posture.StackPosture.Of(this).DisableChecks();
            Posture.StackPosture.Warn(this, WarningIds.GuardrailChecksDisabled,
                "The synth-time guardrail checker is off for this stack (ApplyGuardrailChecks false): resources added beside the workspace are not checked.");
        }
    }

    private Dictionary<string, object> ReportAnchors(SecureMlWorkspaceProps props)
    {
        var anchors = new Dictionary<string, object>
        {
            ["Vpc"] = Vpc.VpcId,
            ["WorkloadSecurityGroup"] = WorkloadSecurityGroup.SecurityGroupId,
            ["WorkloadSubnets"] = Vpc.SelectSubnets(WorkloadSubnets).SubnetIds,
            ["GuardrailPolicy"] = GuardrailPolicies[0].ManagedPolicyArn,
            ["PresignedUrlPolicy"] = PresignedUrlPolicy.PolicyArn,
            ["DataBucket"] = DataBucket.BucketName,
            ["ModelBucket"] = ModelBucket.BucketName,
            ["DataKey"] = DataKey.KeyArn,
            ["LogsKey"] = LogsKey.KeyArn,
            ["ExecutionRolePath"] = ExecutionRolePath,
        };
        if (props.Network?.DnsFirewall?.ExistingRuleGroupId is { } existing)
        {
            anchors["DnsFirewallElsewhere"] = existing;
        }

        return anchors;
    }

    private string? PrincipalProblem(IConstruct? target)
    {
        switch (target)
        {
            case null:
                return "A target is null; pass roles, users or groups.";
            case IRole role:
                var arn = role.RoleArn;
                var account = role.Env.Account;
                var stackAccount = Stack.Of(this).Account;
                if (Tokens.IsLiteral(account) && Tokens.IsLiteral(stackAccount) && account != stackAccount)
                {
                    return string.Format(CultureInfo.InvariantCulture,
                        "Role '{0}' belongs to account {1}, not this stack's {2}: a policy attaches only to roles of its own account (by name, so it would land on a same-named role here). Apply the guardrails in a stack of account {1}.",
                        arn, account, stackAccount);
                }

                return Tokens.IsLiteral(arn) && arn.Contains("/aws-reserved/sso.amazonaws.com/", StringComparison.Ordinal)
                    ? "Role '" + arn + "' is managed by IAM Identity Center, which rejects attached policies: add the guardrail and presigned-URL documents to its permission set instead (Guardrails.Statements, PresignedUrlPolicy.Document)."
                    : null;
            case IUser or IGroup:
                return null;
            default:
                return "'" + target.Node.Path + "' (" + target.GetType().Name + ") is not an IAM role, user or group; pass the role, user or group that uses SageMaker.";
        }
    }

    private static void Attach(IManagedPolicy policy, IConstruct target)
    {
        switch (target)
        {
            case Role role:
                role.AddManagedPolicy(policy);
                break;
            case IRole imported:
                ((ManagedPolicy)policy).AttachToRole(imported);
                break;
            case User user:
                user.AddManagedPolicy(policy);
                break;
            case IUser importedUser:
                ((ManagedPolicy)policy).AttachToUser(importedUser);
                break;
            case Group group:
                group.AddManagedPolicy(policy);
                break;
            case IGroup importedGroup:
                ((ManagedPolicy)policy).AttachToGroup(importedGroup);
                break;
        }
    }

    private static string Validate(Construct scope, string id, SecureMlWorkspaceProps props)
    {
        if (props.PackageMirror is not null)
        {
            RegionSupport.Check(scope, id, "PackageMirror", "PackageMirror");
        }

        var v = new PropsValidator(scope, id);
        WorkspaceKeys.Check(v.Nested("Keys"), scope, props.Keys ?? new WorkspaceKeysProps());
        PrivateNetwork.Check(v.Nested("Network"), scope, props.Network ?? new PrivateNetworkProps());
        SecureBucket.Check(v, scope, new SecureBucketProps
        {
            BreakGlassPrincipalArns = props.BreakGlassPrincipalArns, NoncurrentVersionExpiration = props.NoncurrentVersionExpiration,
            ObjectLockRetention = props.ObjectLockRetention, Replication = props.DataBucketReplication,
        });
        if (props.ModelBucketReplication is not null)
        {
            SecureBucket.Check(v, scope, new SecureBucketProps { Replication = props.ModelBucketReplication });
        }

        PresignedUrlPolicy.Check(v, props.PresignedUrlAllowedCidrs, "PresignedUrlAllowedCidrs");
        if (props.LogRetention is { } retention)
        {
            v.Require(Enum.IsDefined(retention), "LogRetention", (int)retention, "Use a RetentionDays value that CloudWatch Logs accepts.");
        }

        _ = v.NoNullEntries(props.InputBuckets, "InputBuckets");
        if (props.IdleShutdown is { } idle && !Tokens.IsUnresolved(idle.ToString()))
        {
            var minutes = idle.ToMinutes(new TimeConversionOptions { Integral = false });
            v.Require(minutes >= 60 && minutes <= 525_600 && minutes == Math.Floor(minutes), "IdleShutdown", idle.ToHumanString(),
                "Use whole minutes from 60 minutes to 365 days (Studio's idle-shutdown range).");
        }

        WorkspaceGuardrailPolicy.Check(v, props.GuardrailOptions, "GuardrailOptions");
        props.DetectiveControls?.Check(v, "DetectiveControls");
        if (props.DetectiveControls?.EffectiveRecorder == ConfigRecorder.CreateNew)
        {
            // AWS Config allows one configuration recorder per account and region: a second CreateNew would fail the deploy.
            var stack = Stack.Of(scope);
            foreach (var other in scope.Node.Root.Node.FindAll().OfType<DetectiveControls>().Where(d => d.Recorder == ConfigRecorder.CreateNew))
            {
                if (PropsValidator.SameAccountAndRegion(Stack.Of(other), stack))
                {
                    v.Fail("DetectiveControls.Recorder", "ConfigRecorder.CreateNew", "AWS Config has one recorder per account and region, and " + other.Node.Path
                        + " already creates it: use ConfigRecorder.UseExisting here.");
                }
            }
        }

        if (props.PackageMirror?.Sources is { } sources)
        {
            v.Require(sources.Length > 0, "PackageMirror.Sources", "(empty)", "Name at least one PackageSource, or leave Sources unset for PyPI and npm.");
            foreach (var source in sources.Where(s => !Enum.IsDefined(s)))
            {
                v.Fail("PackageMirror.Sources", (int)source, "Use PackageSource.PyPi or PackageSource.Npm.");
            }
        }

        v.Throw();
        return id;
    }
}
