namespace SecureSageMaker.Hosting;

/// <summary>Props of <see cref="IsolatedModel"/>.</summary>
public sealed class IsolatedModelProps
{
    /// <summary>The inference image, an ECR URI (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;repo&gt;:&lt;tag&gt;</c>).</summary>
    public required string Image { get; init; }

    /// <summary>Key of the model artifact (<c>model.tar.gz</c>) in the workspace's model bucket.</summary>
    /// <remarks><strong>Default</strong>: no artifact (the image holds the model).</remarks>
    public string? ModelDataKey { get; init; }

    /// <summary>Name of the model (1 to 63 letters, digits and hyphens).</summary>
    /// <remarks><strong>Default</strong>: a name CloudFormation generates.</remarks>
    public string? ModelName { get; init; }

    /// <summary>Environment variables of the container.</summary>
    /// <remarks><strong>Default</strong>: none.</remarks>
    public IDictionary<string, string>? Environment { get; init; }
}
