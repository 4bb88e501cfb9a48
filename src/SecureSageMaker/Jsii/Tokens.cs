namespace SecureSageMaker.Jsii;

/// <summary>
/// Recognises CDK tokens on the .NET side. Asking jsii (<c>Token.IsUnresolved</c>) costs a round trip
/// to Node.js per call; a string token is always encoded as <c>${Token[...]}</c> and a list token as
/// <c>#{Token[...]}</c>, so validation can tell without leaving .NET.
/// </summary>
internal static class Tokens
{
    public static bool IsUnresolved(string? value) => value is not null
        && (value.Contains("${Token[", StringComparison.Ordinal) || value.Contains("#{Token[", StringComparison.Ordinal));

    public static bool IsUnresolved(IEnumerable<string>? values) => values is not null && values.Any(IsUnresolved);

    /// <summary>A value known at synth: not null and not a token.</summary>
    public static bool IsLiteral(string? value) => value is not null && !IsUnresolved(value);
}
