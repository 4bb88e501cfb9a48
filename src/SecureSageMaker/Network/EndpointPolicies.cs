using Amazon.CDK;
using Amazon.CDK.AWS.IAM;

namespace SecureSageMaker.Network;

/// <summary>
/// The policies of the interface endpoints: never allow-all. Principals must belong to this account
/// (or organization); resources, where the action has one, too. ECR endpoints may also pull images
/// from other accounts (SageMaker's own images), never push to them. The notebook and Studio
/// endpoints only carry presigned-URL requests.
/// </summary>
internal static class EndpointPolicies
{
    public static IEnumerable<PolicyStatement> For(WorkspaceEndpoint endpoint, Internal.StackInfo stack, string? organizationId)
    {
        var principal = PrincipalCondition(stack, organizationId);
        switch (endpoint.PolicyKind)
        {
            case EndpointPolicyKind.PresignedNotebookUrl:
                yield return Allow("AllowPresignedNotebookUrlsOfThisAccount", new[] { "sagemaker:CreatePresignedNotebookInstanceUrl" },
                    new[] { SageMakerArn(stack, "notebook-instance/*") }, principal);
                yield break;
            case EndpointPolicyKind.PresignedDomainUrl:
                yield return Allow("AllowPresignedDomainUrlsOfThisAccount", new[] { "sagemaker:CreatePresignedDomainUrl" },
                    new[] { SageMakerArn(stack, "user-profile/*") }, principal);
                yield break;
            case EndpointPolicyKind.Ecr:
                yield return Allow("AllowImagePullFromAnyAccount",
                    new[] { "ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability" },
                    new[] { "*" }, principal);
                break;
        }

        var conditions = PrincipalCondition(stack, organizationId);
        conditions["StringEqualsIfExists"] = organizationId is null
            ? new Dictionary<string, object> { ["aws:ResourceAccount"] = stack.Account }
            : new Dictionary<string, object> { ["aws:ResourceOrgID"] = organizationId };
        yield return Allow(organizationId is null ? "AllowThisAccountOnly" : "AllowThisOrganizationOnly", new[] { "*" }, new[] { "*" }, conditions);
    }

    public static Dictionary<string, object> PrincipalCondition(Internal.StackInfo stack, string? organizationId) => new()
    {
        ["StringEquals"] = organizationId is null
            ? new Dictionary<string, object> { ["aws:PrincipalAccount"] = stack.Account }
            : new Dictionary<string, object> { ["aws:PrincipalOrgID"] = organizationId },
    };

    private static string SageMakerArn(Internal.StackInfo stack, string resource) =>
        "arn:" + stack.Partition + ":sagemaker:" + stack.Region + ":" + stack.Account + ":" + resource;

    private static PolicyStatement Allow(string sid, string[] actions, string[] resources, Dictionary<string, object> conditions) =>
        Internal.Statements.Allow(sid, actions, resources, conditions, Internal.Statements.AnyPrincipal);
}
