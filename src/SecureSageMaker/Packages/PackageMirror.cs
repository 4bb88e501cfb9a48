using Amazon.CDK;
using Amazon.CDK.AWS.CodeArtifact;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// A private package mirror for a workspace without internet: an AWS CodeArtifact domain encrypted
/// with the workspace's data key, one store repository per public registry (with its external
/// connection) and one repository, <c>packages</c>, that pip and npm use, with the stores upstream.
/// The domain and repository policies let only the workspace's execution roles (and break-glass
/// principals) read. Reads go through the <c>codeartifact.api</c> and <c>codeartifact.repositories</c>
/// interface endpoints, and package assets through the S3 gateway endpoint.
/// </summary>
public sealed class PackageMirror : Construct
{
    private static readonly Dictionary<PackageSource, (string Repository, string Connection)> Stores = new()
    {
        [PackageSource.PyPi] = ("pypi-store", "public:pypi"),
        [PackageSource.Npm] = ("npm-store", "public:npmjs"),
    };

    private readonly CfnDomain _domain;
    private readonly CfnRepository _repository;
    private readonly string[] _readers;

    /// <summary>Creates the mirror.</summary>
    /// <param name="scope">Scope.</param>
    /// <param name="id">Id.</param>
    /// <param name="key">The key that encrypts the packages.</param>
    /// <param name="readerArnPatterns">ARN patterns of the principals that may read (the workspace's execution roles).</param>
    /// <param name="props">Props.</param>
    internal PackageMirror(Construct scope, string id, IKey key, string[] readerArnPatterns, PackageMirrorProps props)
        : base(scope, id)
    {
        _readers = readerArnPatterns;
        var stack = Stack.Of(this);
        DomainName = Names.UniqueResourceName(this, new UniqueResourceNameOptions { MaxLength = 50, Separator = "-" }).ToLowerInvariant();
        _domain = new CfnDomain(this, "Domain", new CfnDomainProps
        {
            DomainName = DomainName,
            EncryptionKey = key.KeyArn,
            PermissionsPolicyDocument = ReadOnlyPolicy("domain", stack.FormatArn(new ArnComponents { Service = "codeartifact", Resource = "domain", ResourceName = DomainName })),
        });
        var upstreams = new List<string>();
        foreach (var source in (props.Sources ?? new[] { PackageSource.PyPi, PackageSource.Npm }).Distinct())
        {
            var (name, connection) = Stores[source];
            var store = new CfnRepository(this, source + "Store", new CfnRepositoryProps
            {
                DomainName = _domain.AttrName,
                RepositoryName = name,
                ExternalConnections = new[] { connection },
                Description = "Mirrors " + connection + " for the workspace.",
            });
            upstreams.Add(store.AttrName);
        }

        _repository = new CfnRepository(this, "Repository", new CfnRepositoryProps
        {
            DomainName = _domain.AttrName,
            RepositoryName = RepositoryName,
            Upstreams = upstreams.ToArray(),
            Description = "The workspace's package repository: pip and npm resolve here, the public registries upstream.",
            PermissionsPolicyDocument = ReadOnlyPolicy("repository", stack.FormatArn(new ArnComponents { Service = "codeartifact", Resource = "repository", ResourceName = DomainName + "/" + RepositoryName })),
        });
    }

    /// <summary>The CodeArtifact domain's name.</summary>
    public string DomainName { get; }

    /// <summary>The repository pip and npm use.</summary>
    public string RepositoryName => "packages";

    /// <summary>The account that owns the domain.</summary>
    public string DomainOwner => _domain.AttrOwner;

    /// <summary>The repository's ARN.</summary>
    public string RepositoryArn => _repository.AttrArn;

    /// <summary>Lets <paramref name="grantee"/> read packages: an authorization token (through STS's bearer token), the repository endpoint and the packages.</summary>
    public void GrantRead(IGrantable grantee)
    {
        var principal = grantee.GrantPrincipal;
        var stack = Stack.Of(this);
        _ = principal.AddToPrincipalPolicy(IamJson.Allow("GetPackageMirrorToken", new[] { "codeartifact:GetAuthorizationToken" },
            new[] { stack.FormatArn(new ArnComponents { Service = "codeartifact", Resource = "domain", ResourceName = DomainName }) }));
        _ = principal.AddToPrincipalPolicy(IamJson.Allow("ReadPackageMirror", new[] { "codeartifact:GetRepositoryEndpoint", "codeartifact:ReadFromRepository" },
            new[] { _repository.AttrArn }));
        _ = principal.AddToPrincipalPolicy(IamJson.Allow("GetCodeArtifactBearerToken", new[] { "sts:GetServiceBearerToken" }, new[] { "*" },
            IamJson.Condition("StringEquals", "sts:AWSServiceName", "codeartifact.amazonaws.com")));
    }

    /// <summary>A resource policy that denies reads to every principal but the workspace's execution roles.</summary>
    private Dictionary<string, object> ReadOnlyPolicy(string kind, string resource) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new object[]
        {
            IamJson.Statement("DenyReadsOutsideTheWorkspace", "Deny",
                kind == "domain" ? new[] { "codeartifact:GetAuthorizationToken" } : new[] { "codeartifact:ReadFromRepository", "codeartifact:GetRepositoryEndpoint" },
                resource,
                IamJson.Condition("ArnNotLike", "aws:PrincipalArn", _readers),
                IamJson.AnyPrincipal()),
        },
    };
}
