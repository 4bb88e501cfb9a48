using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// The policies of the interface endpoints: never allow-all. Principals must belong to this account
/// (or organization); resources, where the action has one, too. ECR endpoints may also pull images
/// from other accounts (SageMaker's own images), never push to them. The notebook endpoint carries
/// only presigned-URL requests; the Studio endpoint also the app and space calls the Studio UI makes
/// through it (the SageMaker developer guide's endpoint policy example allows <c>CreateApp</c>).
/// </summary>
internal static class EndpointPolicies
{
    /// <summary>The Studio UI's calls through its endpoint: sign-in, apps and spaces.</summary>
    internal static readonly string[] StudioActions =
    {
        "sagemaker:CreatePresignedDomainUrl", "sagemaker:CreateApp", "sagemaker:DeleteApp", "sagemaker:DescribeApp", "sagemaker:ListApps",
        "sagemaker:DescribeDomain", "sagemaker:DescribeUserProfile", "sagemaker:CreateSpace", "sagemaker:UpdateSpace",
        "sagemaker:DeleteSpace", "sagemaker:DescribeSpace", "sagemaker:ListSpaces", "sagemaker:AddTags", "sagemaker:ListTags",
    };

    public static IEnumerable<PolicyStatement> For(InterfaceEndpointService service, Stack stack, string? organizationId)
    {
        switch (service.PolicyKind)
        {
            case EndpointPolicyKind.PresignedNotebookUrl:
                yield return Allow("AllowPresignedNotebookUrlsOfThisAccount", new[] { "sagemaker:CreatePresignedNotebookInstanceUrl" },
                    new[] { SageMakerArn(stack, "notebook-instance") }, PrincipalCondition(stack, organizationId));
                yield break;
            case EndpointPolicyKind.Studio:
                yield return Allow("AllowStudioOfThisAccount", StudioActions,
                    new[] { SageMakerArn(stack, "user-profile"), SageMakerArn(stack, "app"), SageMakerArn(stack, "space"), SageMakerArn(stack, "domain") },
                    PrincipalCondition(stack, organizationId));
                yield break;
            case EndpointPolicyKind.Ecr:
                yield return Allow("AllowImagePullFromAnyAccount",
                    new[] { "ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability" },
                    new[] { "*" }, PrincipalCondition(stack, organizationId));
                break;
        }

        var conditions = PrincipalCondition(stack, organizationId);
        conditions["StringEqualsIfExists"] = organizationId is null
            ? new Dictionary<string, object> { ["aws:ResourceAccount"] = stack.Account }
            : new Dictionary<string, object> { ["aws:ResourceOrgID"] = organizationId };
        yield return Allow(organizationId is null ? "AllowThisAccountOnly" : "AllowThisOrganizationOnly", new[] { "*" }, new[] { "*" }, conditions);
    }

    public static Dictionary<string, object> PrincipalCondition(Stack stack, string? organizationId) => new()
    {
        ["StringEquals"] = organizationId is null
            ? new Dictionary<string, object> { ["aws:PrincipalAccount"] = stack.Account }
            : new Dictionary<string, object> { ["aws:PrincipalOrgID"] = organizationId },
    };

    private static string SageMakerArn(Stack stack, string resource) =>
        stack.FormatArn(new ArnComponents { Service = "sagemaker", Resource = resource, ResourceName = "*" });

    private static PolicyStatement Allow(string sid, string[] actions, string[] resources, Dictionary<string, object> conditions) =>
        IamJson.Allow(sid, actions, resources, conditions, IamJson.AnyPrincipal());
}
