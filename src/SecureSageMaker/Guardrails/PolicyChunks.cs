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

    /// <summary>
    /// Packs statements into as few documents as fit <paramref name="budget"/> characters each (first fit,
    /// largest first), for literal statements whose size is final (the SCPs: no tokens). Statements keep
    /// their given order inside a document.
    /// </summary>
    public static List<List<Dictionary<string, object>>> Pack(IReadOnlyList<Dictionary<string, object>> statements, int budget)
    {
        const int envelope = 40; // {"Version":"2012-10-17","Statement":[...]}
        var sized = statements.Select((s, i) => (Statement: s, Index: i, Length: JsonSerializer.Serialize(s).Length + 1))
            .OrderByDescending(s => s.Length).ThenBy(s => s.Index).ToList();
        var bins = new List<(List<(Dictionary<string, object> Statement, int Index)> Items, int Size)>();
        foreach (var (statement, index, length) in sized)
        {
            var bin = bins.FindIndex(b => b.Size + length <= budget - envelope);
            if (bin < 0)
            {
                bins.Add((new List<(Dictionary<string, object>, int)>(), 0));
                bin = bins.Count - 1;
            }

            bins[bin].Items.Add((statement, index));
            bins[bin] = (bins[bin].Items, bins[bin].Size + length);
        }

        return bins.Select(b => b.Items.OrderBy(i => i.Index).Select(i => i.Statement).ToList()).ToList();
    }
}
