using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// Where a model's artifact (<c>model.tar.gz</c>) is. SageMaker reads it when the model is created, so
/// it must exist before the model's stack deploys: it comes from a bucket another stack owns (uploaded
/// by a pipeline or a training job), or from a URL given at deploy time (a CloudFormation parameter).
/// A bucket the same stack creates is empty at that moment, and is a synth-time error.
/// </summary>
public abstract partial class ModelData
{
    private protected ModelData()
    {
    }

    /// <summary>An object in a bucket that exists before the model's stack deploys (another stack's, or imported).</summary>
    public static ModelData FromBucket(IBucket bucket, string key) =>
        new BucketData(bucket ?? throw new ArgumentNullException(nameof(bucket), "Pass the bucket that holds the model artifact (the workspace's model bucket)."), key ?? throw new ArgumentNullException(nameof(key), "Give the artifact's key, such as 'models/model.tar.gz'."));

    /// <summary>An <c>s3://bucket/key</c> URL, literal or a token (a <c>CfnParameter</c>'s value, an SSM parameter).</summary>
    public static ModelData FromUrl(string s3Url) => new UrlData(s3Url ?? throw new ArgumentNullException(nameof(s3Url), "Give the artifact's S3 URL, such as 's3://bucket/models/model.tar.gz'."));

    internal abstract string Url { get; }

    /// <summary>The bucket the artifact is in, when known.</summary>
    internal abstract IBucket? Bucket { get; }

    internal abstract void Check(PropsValidator v, string property, Stack modelStack);

    private sealed class BucketData : ModelData
    {
        private readonly IBucket _bucket;
        private readonly string _key;

        public BucketData(IBucket bucket, string key)
        {
            _bucket = bucket;
            _key = key;
        }

        internal override string Url => "s3://" + _bucket.BucketName + "/" + _key;

        internal override IBucket? Bucket => _bucket;

        internal override void Check(PropsValidator v, string property, Stack modelStack)
        {
            if (!v.Present(_bucket, property, "Pass the bucket that holds the artifact."))
            {
                return;
            }

            if (_bucket is Amazon.CDK.AWS.S3.Bucket && ReferenceEquals(Stack.Of(_bucket), modelStack))
            {
                v.Fail(property, _bucket.Node.Path, "The bucket is created by the model's own stack, so the artifact cannot be in it when SageMaker checks it at model creation and the deploy would fail. Create the model in a later stack (pass the workspace to it), or give the URL at deploy time with ModelData.FromUrl(new CfnParameter(...).ValueAsString).");
            }

            if (Tokens.IsLiteral(_key))
            {
                v.Require(_key.Length > 0 && !_key.StartsWith('/') && !_key.StartsWith("s3://", StringComparison.Ordinal), property, _key,
                    "Give the object key inside the bucket, such as 'models/churn/model.tar.gz'.");
            }
        }
    }

    private sealed partial class UrlData : ModelData
    {
        private readonly string _url;

        public UrlData(string url)
        {
            _url = url;
        }

        internal override string Url => _url;

        internal override IBucket? Bucket => null;

        internal override void Check(PropsValidator v, string property, Stack modelStack)
        {
            if (Tokens.IsLiteral(_url))
            {
                v.Require(UrlPattern().IsMatch(_url), property, _url, "Use an S3 URL such as 's3://my-model-bucket/models/churn/model.tar.gz'.");
            }
            else
            {
                _ = v.Present(_url, property, "Give the artifact's S3 URL.");
            }
        }

        [GeneratedRegex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+$")]
        private static partial Regex UrlPattern();
    }
}
