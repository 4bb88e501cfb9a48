using Amazon.CDK.AWS.EC2;

namespace SecureSageMaker;

/// <summary>Props of <see cref="PresignedUrlPolicy"/>.</summary>
public sealed class PresignedUrlPolicyProps
{
    /// <summary>
    /// Company CIDRs (IPv4 or IPv6) from which presigned URLs may be created. CIDRs that together cover
    /// every address raise warning <see cref="WarningIds.PresignedUrlsFromAnywhere"/>.
    /// </summary>
    /// <remarks><strong>Default</strong>: none: only through <see cref="AllowedVpcEndpoints"/>.</remarks>
    public string[]? AllowedCidrs { get; init; }

    /// <summary>Interface endpoints through which presigned URLs may be created (the workspace's SageMaker API endpoint).</summary>
    public required IInterfaceVpcEndpoint[] AllowedVpcEndpoints { get; init; }
}
