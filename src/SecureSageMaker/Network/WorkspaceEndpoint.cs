using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;

namespace SecureSageMaker.Network;

/// <summary>
/// The typed catalog of interface VPC endpoints a workspace can create, with the exact service
/// names. <see cref="EndpointPresence.Mandatory"/> endpoints are always present, <see cref="EndpointPresence.DefaultOn"/> ones are
/// present unless removed (with a warning), feature endpoints come with the feature that needs them
/// (a notebook brings <see cref="SageMakerNotebook"/>), and the rest are added on request.
/// </summary>
public sealed class WorkspaceEndpoint
{
    private WorkspaceEndpoint(string name, string constructId, EndpointPresence presence, EndpointPolicyKind policy, string? customServiceSuffix = null)
    {
        Name = name;
        ConstructId = constructId;
        Presence = presence;
        PolicyKind = policy;
        _customServiceSuffix = customServiceSuffix;
    }

    private readonly string? _customServiceSuffix;

    /// <summary>Short name of the service, as in <c>com.amazonaws.&lt;region&gt;.&lt;name&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>Id of the endpoint construct (a contract: renaming it replaces the endpoint).</summary>
    public string ConstructId { get; }

    /// <summary>Whether the endpoint is always there, there by default, there with a feature, or on request.</summary>
    public EndpointPresence Presence { get; }

    internal EndpointPolicyKind PolicyKind { get; }

    /// <summary>SageMaker API (<c>sagemaker.api</c>): creating and describing every SageMaker resource.</summary>
    public static readonly WorkspaceEndpoint SageMakerApi = new("sagemaker.api", "SageMakerApiEndpoint", EndpointPresence.Mandatory, EndpointPolicyKind.Standard);

    /// <summary>SageMaker Runtime (<c>sagemaker.runtime</c>): invoking endpoints.</summary>
    public static readonly WorkspaceEndpoint SageMakerRuntime = new("sagemaker.runtime", "SageMakerRuntimeEndpoint", EndpointPresence.DefaultOn, EndpointPolicyKind.Standard);

    /// <summary>SageMaker notebook UI (<c>aws.sagemaker.&lt;region&gt;.notebook</c>); comes with notebook instances.</summary>
    public static readonly WorkspaceEndpoint SageMakerNotebook = new("notebook", "SageMakerNotebookEndpoint", EndpointPresence.Feature, EndpointPolicyKind.PresignedNotebookUrl, "notebook");

    /// <summary>SageMaker Studio UI (<c>aws.sagemaker.&lt;region&gt;.studio</c>); comes with a Studio domain.</summary>
    public static readonly WorkspaceEndpoint SageMakerStudio = new("studio", "SageMakerStudioEndpoint", EndpointPresence.Feature, EndpointPolicyKind.PresignedDomainUrl, "studio");

    /// <summary>SageMaker Feature Store runtime (<c>sagemaker.featurestore-runtime</c>).</summary>
    public static readonly WorkspaceEndpoint SageMakerFeatureStoreRuntime = new("sagemaker.featurestore-runtime", "SageMakerFeatureStoreRuntimeEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>AWS STS (<c>sts</c>): every SDK call that assumes a role. Without it jobs hang.</summary>
    public static readonly WorkspaceEndpoint Sts = new("sts", "StsEndpoint", EndpointPresence.Mandatory, EndpointPolicyKind.Standard);

    /// <summary>CloudWatch Logs (<c>logs</c>): job and endpoint logs. Without it jobs hang.</summary>
    public static readonly WorkspaceEndpoint Logs = new("logs", "LogsEndpoint", EndpointPresence.Mandatory, EndpointPolicyKind.Standard);

    /// <summary>CloudWatch metrics (<c>monitoring</c>).</summary>
    public static readonly WorkspaceEndpoint Monitoring = new("monitoring", "MonitoringEndpoint", EndpointPresence.DefaultOn, EndpointPolicyKind.Standard);

    /// <summary>ECR API (<c>ecr.api</c>): image authentication and manifests.</summary>
    public static readonly WorkspaceEndpoint EcrApi = new("ecr.api", "EcrApiEndpoint", EndpointPresence.DefaultOn, EndpointPolicyKind.Ecr);

    /// <summary>ECR Docker registry (<c>ecr.dkr</c>): image layers (served from S3 through the gateway endpoint).</summary>
    public static readonly WorkspaceEndpoint EcrDocker = new("ecr.dkr", "EcrDockerEndpoint", EndpointPresence.DefaultOn, EndpointPolicyKind.Ecr);

    /// <summary>AWS KMS (<c>kms</c>): every use of the workspace keys.</summary>
    public static readonly WorkspaceEndpoint Kms = new("kms", "KmsEndpoint", EndpointPresence.Mandatory, EndpointPolicyKind.Standard);

    /// <summary>Systems Manager (<c>ssm</c>): parameters, such as the published training request.</summary>
    public static readonly WorkspaceEndpoint Ssm = new("ssm", "SsmEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>Service Catalog (<c>servicecatalog</c>): SageMaker Projects templates.</summary>
    public static readonly WorkspaceEndpoint ServiceCatalog = new("servicecatalog", "ServiceCatalogEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>Secrets Manager (<c>secretsmanager</c>): Git credentials for notebooks and Studio.</summary>
    public static readonly WorkspaceEndpoint SecretsManager = new("secretsmanager", "SecretsManagerEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>Step Functions (<c>states</c>): starting the workspace's training state machines from inside the VPC.</summary>
    public static readonly WorkspaceEndpoint StepFunctions = new("states", "StepFunctionsEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>CodeArtifact API (<c>codeartifact.api</c>): a private package mirror for notebooks.</summary>
    public static readonly WorkspaceEndpoint CodeArtifactApi = new("codeartifact.api", "CodeArtifactApiEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>CodeArtifact repositories (<c>codeartifact.repositories</c>): pip and conda through the private mirror.</summary>
    public static readonly WorkspaceEndpoint CodeArtifactRepositories = new("codeartifact.repositories", "CodeArtifactRepositoriesEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>Amazon Athena (<c>athena</c>): queries from notebooks.</summary>
    public static readonly WorkspaceEndpoint Athena = new("athena", "AthenaEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>AWS Glue (<c>glue</c>): the data catalog.</summary>
    public static readonly WorkspaceEndpoint Glue = new("glue", "GlueEndpoint", EndpointPresence.OnRequest, EndpointPolicyKind.Standard);

    /// <summary>Every endpoint in the catalog, in a stable order.</summary>
    public static IReadOnlyList<WorkspaceEndpoint> Catalog { get; } = new[]
    {
        SageMakerApi, SageMakerRuntime, SageMakerNotebook, SageMakerStudio, SageMakerFeatureStoreRuntime,
        Sts, Logs, Monitoring, EcrApi, EcrDocker, Kms, Ssm, ServiceCatalog, SecretsManager, StepFunctions,
        CodeArtifactApi, CodeArtifactRepositories, Athena, Glue,
    };

    /// <summary>Finds a catalog entry by its <see cref="Name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not in the catalog.</exception>
    public static WorkspaceEndpoint FromName(string name)
    {
        var found = Catalog.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
        return found ?? throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
            "Unknown endpoint name '{0}'. Use one of: {1}.", name, string.Join(", ", Catalog.Select(e => e.Name))), nameof(name));
    }

    /// <summary>Whether the catalog knows the name.</summary>
    public static bool IsKnown(string name) => Catalog.Any(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    /// <summary>The CDK service of this endpoint, for the given stack.</summary>
    internal IInterfaceVpcEndpointService ToService(string region)
    {
        if (_customServiceSuffix is null)
        {
            return new InterfaceVpcEndpointAwsService(Name, null, 443);
        }

        var serviceName = Internal.Tokens.IsUnresolved(region)
            ? Fn.Join(string.Empty, new[] { "aws.sagemaker.", region, "." + _customServiceSuffix })
            : "aws.sagemaker." + region + "." + _customServiceSuffix;
        return new InterfaceVpcEndpointService(serviceName, 443);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>When an endpoint of the catalog is part of a workspace.</summary>
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

/// <summary>The shape of an endpoint's policy.</summary>
internal enum EndpointPolicyKind
{
    Standard,
    Ecr,
    PresignedNotebookUrl,
    PresignedDomainUrl,
}
