namespace SecureSageMaker.Testing;

/// <summary>The stack carries error annotations (guardrail findings, invalid configuration): <c>cdk synth</c> would reject it.</summary>
public sealed class StackHasErrorsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StackHasErrorsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StackHasErrorsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public StackHasErrorsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
