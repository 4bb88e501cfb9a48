namespace SecureSageMaker.Testing;

/// <summary>What <see cref="TemplateSnapshot.Verify(Amazon.CDK.Stack, string, SnapshotMode?, bool)"/> does with a snapshot file.</summary>
public enum SnapshotMode
{
    /// <summary>Write a missing snapshot and pass; compare an existing one. The mode on a developer's machine.</summary>
    WriteMissing,

    /// <summary>Fail when the snapshot is missing or different. The mode under <c>CI=true</c>.</summary>
    Verify,

    /// <summary>Overwrite the snapshot with the current template. The mode under <c>UPDATE_SNAPSHOTS=1</c>.</summary>
    Update,
}
