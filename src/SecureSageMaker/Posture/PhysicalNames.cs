using System.Globalization;
using SecureSageMaker.Guardrails;

namespace SecureSageMaker.Posture;

/// <summary>
/// Physical names that must be unique in an account and region: two resources of one stack with the
/// same name synthesize, then fail at deploy (the second create fails and the stack rolls back). Found
/// in the final template, so names from any construct count, and reported at synth.
/// </summary>
internal static class PhysicalNames
{
    /// <summary>Resource types and the property that names them.</summary>
    private static readonly (string Type, string Property)[] Unique =
    {
        ("AWS::SageMaker::NotebookInstance", "NotebookInstanceName"),
        ("AWS::SageMaker::NotebookInstanceLifecycleConfig", "NotebookInstanceLifecycleConfigName"),
        ("AWS::SageMaker::StudioLifecycleConfig", "StudioLifecycleConfigName"),
        ("AWS::SageMaker::Domain", "DomainName"),
        ("AWS::SageMaker::Model", "ModelName"),
        ("AWS::SageMaker::EndpointConfig", "EndpointConfigName"),
        ("AWS::SageMaker::Endpoint", "EndpointName"),
        ("AWS::SageMaker::Pipeline", "PipelineName"),
        ("AWS::StepFunctions::StateMachine", "StateMachineName"),
        ("AWS::SSM::Parameter", "Name"),
        ("AWS::Logs::LogGroup", "LogGroupName"),
        ("AWS::IAM::Role", "RoleName"),
        ("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
        ("AWS::S3::Bucket", "BucketName"),
        ("AWS::KMS::Alias", "AliasName"),
        ("AWS::CodeArtifact::Domain", "DomainName"),
        ("AWS::Config::ConfigRule", "ConfigRuleName"),

        // Not a name, but as exclusive: a bucket has one policy, and the second would replace the first (its TLS and perimeter denies) at deploy.
        ("AWS::S3::BucketPolicy", "Bucket"),
    };

    /// <summary>Every resource whose name an earlier resource of the template already has, with the message to report on it.</summary>
    public static IEnumerable<(string LogicalId, string Message)> Duplicates(IReadOnlyList<ResourceView> resources)
    {
        foreach (var (type, property) in Unique)
        {
            var first = new Dictionary<string, ResourceView>(StringComparer.Ordinal);
            foreach (var resource in resources.Where(r => r.Type == type))
            {
                var name = resource.Get(property)?.ToJsonString();
                if (name is null)
                {
                    continue;
                }

                if (first.TryGetValue(name, out var earlier))
                {
                    yield return (resource.LogicalId, string.Format(CultureInfo.InvariantCulture,
                        "{0} {1}: received {2}, which {3} already has. {4}",
                        type, property, name, earlier.LogicalId, type == "AWS::S3::BucketPolicy"
                            ? "A bucket has one policy: whichever deploys last replaces the other, with its TLS and perimeter statements. Add statements to the bucket's own policy (bucket.AddToResourcePolicy) instead."
                            : "The name must be unique in the account and region, so the deploy would fail creating the second; give each its own name."));
                }
                else
                {
                    first[name] = resource;
                }
            }
        }
    }
}
