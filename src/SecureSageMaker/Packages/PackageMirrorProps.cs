namespace SecureSageMaker;

/// <summary>A public package registry CodeArtifact can mirror.</summary>
public enum PackageSource
{
    /// <summary>The Python Package Index (<c>public:pypi</c>), for pip.</summary>
    PyPi,

    /// <summary>The npm registry (<c>public:npmjs</c>), for JupyterLab extensions and Node tools.</summary>
    Npm,
}

/// <summary>Props of the workspace's private package mirror (<see cref="SecureMlWorkspaceProps.PackageMirror"/>).</summary>
public sealed class PackageMirrorProps
{
    /// <summary>
    /// The public registries to mirror. CodeArtifact has no conda connection: conda environments
    /// install their Python packages with pip from the mirror.
    /// </summary>
    /// <remarks><strong>Default</strong>: PyPI and npm.</remarks>
    public PackageSource[]? Sources { get; init; }
}
