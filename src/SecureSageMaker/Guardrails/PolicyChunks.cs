using System.Text.Json;

namespace SecureSageMaker.Guardrails;

/// <summary>Splits statements across policy documents that each stay under a size limit.</summary>
internal static class PolicyChunks
{
    /// <summary>
    /// Room left in each document for tokens (subnet ids, key ARNs) that render longer than their
    /// placeholders, and for the document's envelope.
    /// </summary>
    public const int Margin = 400;

    public static List<List<Dictionary<string, object>>> Split(IReadOnlyList<Dictionary<string, object>> statements, int limit)
    {
        var chunks = new List<List<Dictionary<string, object>>> { new() };
        var size = 0;
        foreach (var statement in statements)
        {
            var length = JsonSerializer.Serialize(statement).Length + 1;
            if (size + length > limit - Margin && chunks[^1].Count > 0)
            {
                chunks.Add(new List<Dictionary<string, object>>());
                size = 0;
            }

            chunks[^1].Add(statement);
            size += length;
        }

        return chunks;
    }
}
