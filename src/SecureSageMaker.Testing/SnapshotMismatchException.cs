namespace SecureSageMaker.Testing;

/// <summary>A template differs from its committed snapshot, or the snapshot is missing where it must exist.</summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SnapshotMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SnapshotMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
