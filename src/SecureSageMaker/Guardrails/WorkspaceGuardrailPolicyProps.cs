using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;

namespace SecureSageMaker.Guardrails;

/// <summary>Props of <see cref="WorkspaceGuardrailPolicy"/>: what the workspace-bound statements name.</summary>
public sealed class WorkspaceGuardrailPolicyProps
{
    /// <summary>The workspace's VPC.</summary>
    public required IVpc Vpc { get; init; }

    /// <summary>The subnets jobs, models and notebooks must run in.</summary>
    public required SubnetSelection Subnets { get; init; }

    /// <summary>The security groups jobs, models and notebooks must run with.</summary>
    public required ISecurityGroup[] SecurityGroups { get; init; }

    /// <summary>The key volumes and output must be encrypted with.</summary>
    public required IKey DataKey { get; init; }

    /// <summary>The value of the workspace tag (<c>SecureSageMakerWorkspace</c>) that scopes the people's rights: no one under the policy moves it onto another workspace's resources or removes it.</summary>
    /// <remarks><strong>Default</strong>: none: the tag statements are left out.</remarks>
    public string? WorkspaceTagValue { get; init; }

    /// <summary>The workspace's data bucket: feature groups may keep their offline store only there.</summary>
    /// <remarks><strong>Default</strong>: none: the offline store's location is not pinned.</remarks>
    public string? DataBucketName { get; init; }

    /// <summary>Opt-ins.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public GuardrailOptions? Options { get; init; }
}
