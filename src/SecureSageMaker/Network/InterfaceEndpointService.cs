using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;

namespace SecureSageMaker;

/// <summary>
/// The typed catalog of interface VPC endpoints (PrivateLink) a workspace can create, with the exact
/// service names and the DNS names clients resolve for them. <see cref="EndpointPresence.Mandatory"/>
/// endpoints are always present, <see cref="EndpointPresence.DefaultOn"/> ones unless removed (with a
/// warning), feature endpoints come with the feature that needs them (a notebook brings
/// <see cref="SageMakerNotebook"/>), and the rest are added on request.
/// </summary>
/// <remarks>
/// "Endpoint" alone in this library means a SageMaker endpoint (<see cref="EncryptedEndpoint"/>);
/// these are VPC interface endpoints.
/// </remarks>
public sealed class InterfaceEndpointService
{
    private readonly string? _customServicePrefix;

    private InterfaceEndpointService(string name, string constructId, EndpointPresence presence, EndpointPolicyKind policy, string[] dnsNames, string? customServicePrefix = null)
    {
        Name = name;
        ConstructId = constructId;
        Presence = presence;
        PolicyKind = policy;
        DnsNamePatterns = dnsNames;
        _customServicePrefix = customServicePrefix;
    }

    /// <summary>Short name of the service, as in <c>com.amazonaws.&lt;region&gt;.&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>Id of the endpoint construct (a contract: renaming it replaces the endpoint).</summary>
    public string ConstructId { get; }

    /// <summary>Whether the endpoint is always there, there by default, there with a feature, or on request.</summary>
    public EndpointPresence Presence { get; }

    internal EndpointPolicyKind PolicyKind { get; }

    /// <summary>
    /// The DNS names clients resolve for this service, with <c>{region}</c> for the region,
    /// <c>{suffix}</c> for the partition's domain (<c>amazonaws.com</c>, <c>amazonaws.com.cn</c>) and a
    /// leading <c>*.</c> for every subdomain; the DNS firewall allows exactly these. Studio's include
    /// its EFS volume, which its apps mount by DNS name.
    /// </summary>
    internal IReadOnlyList<string> DnsNamePatterns { get; }

    /// <summary>SageMaker API (<c>sagemaker.api</c>): creating and describing every SageMaker resource.</summary>
    public static readonly InterfaceEndpointService SageMakerApi = new("sagemaker.api", "SageMakerApiEndpoint", EndpointPresence.Mandatory, EndpointPolicyKind.Standard,
        new[] { "api.sagemaker.{region}.{suffix}", "sagemaker.{region}.{suffix}" });

    /// <summary>SageMaker Runtime (<c>sagemaker.runtime</c>): invoking endpoints.</summary>
    public static readonly InterfaceEndpointService SageMakerRuntime = new("sagemaker.runtime", "SageMakerRuntimeEndpoint", EndpointPresence.DefaultOn, EndpointPolicyKind.Standard,
        new[] { "runtime.sagemaker.{region}.{suffix}" });

    /// <summary>SageMaker notebook UI (<c>aws.sagemaker.&lt;region&gt;.notebook</c>); comes with notebook instances.</summary>
    public static readonly InterfaceEndpointService SageMakerNotebook = new("notebook", "SageMakerNotebookEndpoint", EndpointPresence.Feature, EndpointPolicyKind.PresignedNotebookUrl,
        new[] { "*.notebook.{region}.sagemaker.aws" }, "aws.sagemaker.");

    /// <summary>SageMaker Studio UI (<c>aws.sagemaker.&lt;region&gt;.studio</c>); comes with a Studio domain.</summary>
    public static readonly InterfaceEndpointService SageMakerStudio = new("studio", "SageMakerStudioEndpoint", EndpointPresence.Feature, EndpointPolicyKind.Studio,
        new[] { "*.studio.{region}.sagemaker.aws", "*.efs.{region}.{suffix}" }, "aws.sagemaker.");

    /// <summary>SageMaker Feature Store runtime (<c>sagemaker.featurestore-runtime</c>).</summary>
    public static readonly InterfaceEndpointService SageMakerFeatureStoreRuntime = new("sagemaker.featurestore-runtime", "SageMakerFeatureStoreRuntimeEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "featurestore-runtime.sagemaker.{region}.{suffix}" });

    /// <summary>AWS STS (<c>sts</c>): every SDK call that assumes a role. Without it jobs hang.</summary>
    public static readonly InterfaceEndpointService Sts = new("sts", "StsEndpoint", EndpointPresence.Mandatory, EndpointPolicyKind.Standard,
        new[] { "sts.{region}.{suffix}" });

    /// <summary>CloudWatch Logs (<c>logs</c>): job and endpoint logs. Without it jobs hang.</summary>
    public static readonly InterfaceEndpointService Logs = new("logs", "LogsEndpoint", EndpointPresence.Mandatory, EndpointPolicyKind.Standard,
        new[] { "logs.{region}.{suffix}" });

    /// <summary>CloudWatch metrics (<c>monitoring</c>).</summary>
    public static readonly InterfaceEndpointService Monitoring = new("monitoring", "MonitoringEndpoint", EndpointPresence.DefaultOn, EndpointPolicyKind.Standard,
        new[] { "monitoring.{region}.{suffix}" });

    /// <summary>ECR API (<c>ecr.api</c>): image authentication and manifests.</summary>
    public static readonly InterfaceEndpointService EcrApi = new("ecr.api", "EcrApiEndpoint", EndpointPresence.DefaultOn, EndpointPolicyKind.Ecr,
        new[] { "api.ecr.{region}.{suffix}" });

    /// <summary>ECR Docker registry (<c>ecr.dkr</c>): image layers (served from S3 through the gateway endpoint).</summary>
    public static readonly InterfaceEndpointService EcrDocker = new("ecr.dkr", "EcrDockerEndpoint", EndpointPresence.DefaultOn, EndpointPolicyKind.Ecr,
        new[] { "*.dkr.ecr.{region}.{suffix}" });

    /// <summary>AWS KMS (<c>kms</c>): every use of the workspace keys.</summary>
    public static readonly InterfaceEndpointService Kms = new("kms", "KmsEndpoint", EndpointPresence.Mandatory, EndpointPolicyKind.Standard,
        new[] { "kms.{region}.{suffix}" });

    /// <summary>Systems Manager (<c>ssm</c>): parameters, such as the published training request.</summary>
    public static readonly InterfaceEndpointService Ssm = new("ssm", "SsmEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "ssm.{region}.{suffix}" });

    /// <summary>Service Catalog (<c>servicecatalog</c>): SageMaker Projects templates.</summary>
    public static readonly InterfaceEndpointService ServiceCatalog = new("servicecatalog", "ServiceCatalogEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "servicecatalog.{region}.{suffix}" });

    /// <summary>Secrets Manager (<c>secretsmanager</c>): Git credentials for notebooks and Studio.</summary>
    public static readonly InterfaceEndpointService SecretsManager = new("secretsmanager", "SecretsManagerEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "secretsmanager.{region}.{suffix}" });

    /// <summary>Step Functions (<c>states</c>): starting the workspace's training state machines from inside the VPC.</summary>
    public static readonly InterfaceEndpointService StepFunctions = new("states", "StepFunctionsEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "states.{region}.{suffix}" });

    /// <summary>CodeArtifact API (<c>codeartifact.api</c>): authorization tokens and repository endpoints of a private package mirror.</summary>
    public static readonly InterfaceEndpointService CodeArtifactApi = new("codeartifact.api", "CodeArtifactApiEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "codeartifact.{region}.{suffix}" });

    /// <summary>CodeArtifact repositories (<c>codeartifact.repositories</c>): pip and npm through the private mirror.</summary>
    public static readonly InterfaceEndpointService CodeArtifactRepositories = new("codeartifact.repositories", "CodeArtifactRepositoriesEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "*.d.codeartifact.{region}.{suffix}" });

    /// <summary>Amazon Athena (<c>athena</c>): queries from notebooks.</summary>
    public static readonly InterfaceEndpointService Athena = new("athena", "AthenaEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "athena.{region}.{suffix}" });

    /// <summary>AWS Glue (<c>glue</c>): the data catalog.</summary>
    public static readonly InterfaceEndpointService Glue = new("glue", "GlueEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard,
        new[] { "glue.{region}.{suffix}" });

    /// <summary>Every endpoint in the catalog, in a stable order.</summary>
    public static IReadOnlyList<InterfaceEndpointService> Catalog { get; } = new[]
    {
        SageMakerApi, SageMakerRuntime, SageMakerNotebook, SageMakerStudio, SageMakerFeatureStoreRuntime,
        Sts, Logs, Monitoring, EcrApi, EcrDocker, Kms, Ssm, ServiceCatalog, SecretsManager, StepFunctions,
        CodeArtifactApi, CodeArtifactRepositories, Athena, Glue,
    };

    /// <summary>Finds a catalog entry by its <see cref="Name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not in the catalog; the message lists the names.</exception>
    public static InterfaceEndpointService FromName(string name)
    {
        var found = Catalog.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
        return found ?? throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
            "Unknown interface endpoint service name '{0}'. Use one of: {1}.", name, string.Join(", ", Catalog.Select(e => e.Name))), nameof(name));
    }

    /// <summary>The CDK service of this endpoint in the given region (a literal or a token).</summary>
    internal IInterfaceVpcEndpointService ToService(string region)
    {
        if (_customServicePrefix is null)
        {
            return new InterfaceVpcEndpointAwsService(Name, null, 443);
        }

        var serviceName = Jsii.Tokens.IsUnresolved(region)
            ? Fn.Join(string.Empty, new[] { _customServicePrefix, region, "." + Name })
            : _customServicePrefix + region + "." + Name;
        return new InterfaceVpcEndpointService(serviceName, 443);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>When an interface endpoint of the catalog is part of a workspace.</summary>
public enum EndpointPresence
{
    /// <summary>Always there; cannot be removed.</summary>
    Mandatory,

    /// <summary>There by default; removing it raises a warning.</summary>
    DefaultOn,

    /// <summary>There when a feature that needs it is enabled.</summary>
    Feature,

    /// <summary>There when the user adds it.</summary>
    OnRequest,
}

/// <summary>The shape of an interface endpoint's policy.</summary>
internal enum EndpointPolicyKind
{
    Standard,
    Ecr,
    PresignedNotebookUrl,
    Studio,
}
