using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// The container image of a model or job: always an ECR image (a network-isolated workspace pulls
/// through its ECR endpoints only), from which the library derives the image URI and the exact
/// repository the execution role may pull.
/// </summary>
public abstract partial class ContainerImage
{
    private protected ContainerImage()
    {
    }

    /// <summary>An image of an ECR repository of yours (same region as the stack).</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="tag">The tag (or a digest such as <c>sha256:...</c>).</param>
    public static ContainerImage FromEcrRepository(IRepository repository, string tag = "latest") =>
        new RepositoryImage(repository ?? throw new ArgumentNullException(nameof(repository), "Pass the ECR repository of the image."), tag ?? throw new ArgumentNullException(nameof(tag), "Give an image tag or a digest (sha256:...)."));

    /// <summary>
    /// An AWS Deep Learning Container (<c>pytorch-training</c>, <c>pytorch-inference</c>, ...) of the
    /// stack's region, from the account AWS publishes it in for that region.
    /// </summary>
    /// <param name="repositoryName">The repository, such as <c>pytorch-training</c>.</param>
    /// <param name="tag">The tag, such as <c>2.3.0-cpu-py311</c>.</param>
    public static ContainerImage FromDeepLearningContainer(string repositoryName, string tag) =>
        new DeepLearningContainerImage(repositoryName ?? throw new ArgumentNullException(nameof(repositoryName), "Name the Deep Learning Container repository, such as 'pytorch-training'."), tag ?? throw new ArgumentNullException(nameof(tag), "Give the image tag, such as '2.3.0-cpu-py311'."));

    /// <summary>An ECR image by its literal URI: <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;repository&gt;:&lt;tag&gt;</c>, in the stack's region.</summary>
    public static ContainerImage FromImageUri(string imageUri) => new UriImage(imageUri ?? throw new ArgumentNullException(nameof(imageUri), "Give the image URI: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>."));

    internal abstract string Uri(Construct scope);

    /// <summary>Lets <paramref name="grantee"/> pull the image (and get ECR tokens).</summary>
    internal abstract void GrantPull(IGrantable grantee, Construct scope);

    internal virtual void Check(PropsValidator v, string property, IConstruct scope)
    {
    }

    internal static PolicyStatement PullStatement(string repositoryArn) =>
        IamJson.Allow(null, new[] { "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability" }, new[] { repositoryArn });

    private sealed class RepositoryImage : ContainerImage
    {
        private readonly IRepository _repository;
        private readonly string _tag;

        public RepositoryImage(IRepository repository, string tag)
        {
            _repository = repository;
            _tag = tag;
        }

        internal override string Uri(Construct scope) => _tag.StartsWith("sha256:", StringComparison.Ordinal)
            ? _repository.RepositoryUriForDigest(_tag)
            : _repository.RepositoryUriForTag(_tag);

        internal override void GrantPull(IGrantable grantee, Construct scope) => _ = _repository.GrantPull(grantee);

        internal override void Check(PropsValidator v, string property, IConstruct scope)
        {
            v.Require(_repository is not null, property, null, "Pass the repository.");
            v.SameEnvironment(_repository, property, scope, account: false);
            v.Require(!string.IsNullOrWhiteSpace(_tag), property, _tag, "Give an image tag or digest.");
        }
    }

    private sealed class DeepLearningContainerImage : ContainerImage
    {
        private readonly string _repository;
        private readonly string _tag;

        public DeepLearningContainerImage(string repository, string tag)
        {
            _repository = repository;
            _tag = tag;
        }

        internal override string Uri(Construct scope)
        {
            var stack = Stack.Of(scope);
            // A digest is addressed with '@' (repo@sha256:...), a tag with ':'.
            return Account(scope) + ".dkr.ecr." + stack.Region + "." + stack.UrlSuffix + "/" + _repository + (_tag.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":") + _tag;
        }

        internal override void GrantPull(IGrantable grantee, Construct scope)
        {
            var stack = Stack.Of(scope);
            _ = grantee.GrantPrincipal.AddToPrincipalPolicy(PullStatement(stack.FormatArn(new ArnComponents
            {
                Service = "ecr", Account = Account(scope), Resource = "repository", ResourceName = _repository,
            })));
            _ = grantee.GrantPrincipal.AddToPrincipalPolicy(IamJson.Allow(null, new[] { "ecr:GetAuthorizationToken" }, "*"));
        }

        internal override void Check(PropsValidator v, string property, IConstruct scope)
        {
            v.Require(Tokens.IsUnresolved(_repository) || RepositoryPattern().IsMatch(_repository ?? string.Empty), property, _repository, "Give a Deep Learning Containers repository such as 'pytorch-training'.");
            v.Require(!string.IsNullOrWhiteSpace(_tag), property, _tag, "Give the image tag, such as '2.3.0-cpu-py311'.");
            var region = Stack.Of(scope).Region;
            v.Require(!Tokens.IsLiteral(region) || DeepLearningContainers.Accounts.ContainsKey(region), property, region,
                "AWS publishes no Deep Learning Containers in this region (Data/dlc-accounts.json): use ContainerImage.FromEcrRepository or FromUri with an image of your own ECR.");
        }

        /// <summary>The account AWS publishes Deep Learning Containers in for the stack's region (<see cref="DeepLearningContainers"/>).</summary>
        private static string Account(Construct scope) => DeepLearningContainers.Account(scope)
            ?? throw new InvalidOperationException("No Deep Learning Containers registry is known for region '" + Stack.Of(scope).Region + "'.");
    }

    private sealed class UriImage : ContainerImage
    {
        private readonly string _uri;

        public UriImage(string uri)
        {
            _uri = uri;
        }

        internal override string Uri(Construct scope) => _uri;

        internal override void GrantPull(IGrantable grantee, Construct scope)
        {
            var m = UriPattern().Match(_uri);
            var stack = Stack.Of(scope);
            _ = grantee.GrantPrincipal.AddToPrincipalPolicy(PullStatement(stack.FormatArn(new ArnComponents
            {
                Service = "ecr", Region = m.Groups["region"].Value, Account = m.Groups["account"].Value, Resource = "repository", ResourceName = m.Groups["repo"].Value,
            })));
            _ = grantee.GrantPrincipal.AddToPrincipalPolicy(IamJson.Allow(null, new[] { "ecr:GetAuthorizationToken" }, "*"));
        }

        internal override void Check(PropsValidator v, string property, IConstruct scope)
        {
            if (_uri is null || Tokens.IsUnresolved(_uri))
            {
                v.Fail(property, _uri is null ? null : "a token", "Give the image as ContainerImage.FromEcrRepository(repository, tag) or ContainerImage.FromDeepLearningContainer(name, tag): from a token URI the library cannot tell which repository to let the role pull.");
                return;
            }

            var m = UriPattern().Match(_uri);
            if (_uri.Contains(":sha256:", StringComparison.Ordinal))
            {
                v.Fail(property, _uri, "Address a digest with '@': '<repository>@sha256:<64 hex digits>', not '<repository>:sha256:...' (ECR reads that as a tag, which cannot hold ':').");
                return;
            }

            if (!m.Success)
            {
                v.Fail(property, _uri, "Use an ECR image URI such as '111122223333.dkr.ecr.eu-west-1.amazonaws.com/repo:tag': a network-isolated workspace pulls only from ECR, through its endpoints.");
                return;
            }

            var region = Stack.Of(scope).Region;
            if (Tokens.IsLiteral(region) && m.Groups["region"].Value != region)
            {
                v.Fail(property, _uri, string.Format(CultureInfo.InvariantCulture,
                    "The image is in region '{0}' but the stack is in '{1}': SageMaker pulls images only from its own region. Use the image of '{1}' (ContainerImage.FromDeepLearningContainer picks it for you).",
                    m.Groups["region"].Value, region));
            }
        }
    }

    [GeneratedRegex("^(?<account>[0-9]{12})\\.dkr\\.ecr(-fips)?\\.(?<region>[a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/(?<repo>[a-z0-9]+(?:[._/-][a-z0-9]+)*)(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})?$")]
    private static partial Regex UriPattern();

    [GeneratedRegex("^[a-z0-9]+(?:[._/-][a-z0-9]+)*$")]
    private static partial Regex RepositoryPattern();
}
