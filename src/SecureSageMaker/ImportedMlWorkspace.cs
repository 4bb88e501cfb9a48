using System.Globalization;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace SecureSageMaker;

/// <summary>A workspace known by its attributes: it owns no resources and cannot add endpoints.</summary>
internal sealed class ImportedMlWorkspace : Construct, IMlWorkspace
{
    private readonly MlWorkspaceAttributes _attributes;

    public ImportedMlWorkspace(Construct scope, string id, MlWorkspaceAttributes attributes)
        : base(scope, Validate(scope, id, attributes))
    {
        _attributes = attributes;
    }

    public IVpc Vpc => _attributes.Vpc;

    public SubnetSelection WorkloadSubnets => _attributes.WorkloadSubnets;

    public ISecurityGroup WorkloadSecurityGroup => _attributes.WorkloadSecurityGroup;

    public IKey DataKey => _attributes.DataKey;

    public IKey LogsKey => _attributes.LogsKey;

    public IBucket DataBucket => _attributes.DataBucket;

    public IBucket ModelBucket => _attributes.ModelBucket;

    public IReadOnlyList<IBucket> InputBuckets => _attributes.InputBuckets ?? Array.Empty<IBucket>();

    public IReadOnlyList<IManagedPolicy> GuardrailPolicies => _attributes.GuardrailPolicies;

    public IRole JobRole => _attributes.JobRole;

    public string ExecutionRolePath => _attributes.ExecutionRolePath;

    public bool AllowsTrafficBetweenWorkloads => _attributes.AllowsTrafficBetweenWorkloads ?? false;

    public WorkspaceLifecycle? Lifecycle => null;

    public RetentionDays LogRetention => _attributes.LogRetention ?? Defaults.LogRetention;

    public void EnsureInterfaceEndpoint(InterfaceEndpointService service)
    {
        if (!_attributes.InterfaceEndpoints.Contains(service))
        {
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "{0}: a workload needs the '{1}' interface endpoint, which the imported workspace's VPC does not list (InterfaceEndpoints). Add it where the workspace is built (AdditionalInterfaceEndpoints), then list it here.",
                Node.Path, service.Name), nameof(service));
        }
    }

    private static string Validate(Construct scope, string id, MlWorkspaceAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var v = new PropsValidator(scope, id);
        foreach (var (name, value) in new (string, object?)[]
                 {
                     ("Vpc", attributes.Vpc), ("WorkloadSubnets", attributes.WorkloadSubnets), ("WorkloadSecurityGroup", attributes.WorkloadSecurityGroup),
                     ("DataKey", attributes.DataKey), ("LogsKey", attributes.LogsKey), ("DataBucket", attributes.DataBucket), ("ModelBucket", attributes.ModelBucket),
                     ("GuardrailPolicies", attributes.GuardrailPolicies), ("JobRole", attributes.JobRole), ("ExecutionRolePath", attributes.ExecutionRolePath),
                     ("InterfaceEndpoints", attributes.InterfaceEndpoints),
                 })
        {
            _ = v.Present(value, name, "Give the workspace's " + name + ".");
        }

        if (attributes.ExecutionRolePath is { } path)
        {
            v.Require(path.StartsWith('/') && path.EndsWith('/'), "ExecutionRolePath", path, "Give the IAM path with leading and trailing slashes, such as '/securesagemaker/MyWorkspace/'.");
        }

        _ = v.NoNullEntries(attributes.InputBuckets, "InputBuckets");
        v.IdOfKind(attributes.Vpc?.VpcId, "Vpc", "vpc", "a VPC");
        v.IdOfKind(attributes.WorkloadSecurityGroup?.SecurityGroupId, "WorkloadSecurityGroup", "sg", "a security group");
        v.SameEnvironment(attributes.Vpc, "Vpc", scope);
        foreach (var (name, key) in new[] { ("DataKey", attributes.DataKey), ("LogsKey", attributes.LogsKey) })
        {
            if (key is not null)
            {
                WorkspaceKeys.CheckKeyArn(v, name, key.KeyArn);
                v.SameEnvironment(key, name, scope);
            }
        }

        v.SameEnvironment(attributes.DataBucket, "DataBucket", scope);
        v.SameEnvironment(attributes.ModelBucket, "ModelBucket", scope);
        v.SameEnvironment(attributes.JobRole, "JobRole", scope, region: false);
        foreach (var policy in attributes.GuardrailPolicies ?? Array.Empty<Amazon.CDK.AWS.IAM.IManagedPolicy>())
        {
            var arn = policy?.ManagedPolicyArn;
            var stack = Amazon.CDK.Stack.Of(scope);
            var owner = arn is not null && Jsii.Tokens.IsLiteral(arn) ? arn!.Split(':').ElementAtOrDefault(4) : null;
            if (!string.IsNullOrEmpty(owner) && Jsii.Tokens.IsLiteral(stack.Account) && owner != stack.Account)
            {
                v.Fail("GuardrailPolicies", arn, "Use the guardrail policies of the stack's account (" + stack.Account + "): IAM attaches only its own account's managed policies.");
            }
        }

        if (attributes.GuardrailPolicies is { Length: 0 })
        {
            v.Fail("GuardrailPolicies", "an empty list", "Give the workspace's guardrail policies.");
        }
        v.Throw();
        return id;
    }
}
