using System.Text.Json.Nodes;

namespace SecureSageMaker.Guardrails;

/// <summary>
/// Collects the problems a built-in rule finds on one resource, failing closed: an intrinsic function
/// where a literal is needed is "cannot verify", never compliant.
/// </summary>
internal sealed class Problems
{
    private readonly List<string> _breaches = new();
    private readonly List<string> _unverifiable = new();

    public RuleFinding Finding => RuleFinding.From(_breaches, _unverifiable);

    public void Breach(string reason) => _breaches.Add(reason);

    public void Unverifiable(string reason) => _unverifiable.Add(reason);

    /// <summary>The value must be the literal text <paramref name="expected"/>; absent breaks it too.</summary>
    public void ExpectString(JsonNode? node, string expected, string name, string reason)
    {
        if (JsonRead.IsIntrinsic(node))
        {
            Unverifiable(name + " is an intrinsic function, not a literal.");
        }
        else if (JsonRead.String(node) != expected)
        {
            Breach(reason);
        }
    }

    /// <summary>The value must be the literal true; absent breaks it too.</summary>
    public void ExpectTrue(JsonNode? node, string name, string reason)
    {
        if (JsonRead.IsIntrinsic(node))
        {
            Unverifiable(name + " is an intrinsic function, not a literal.");
        }
        else if (JsonRead.Bool(node) != true)
        {
            Breach(reason);
        }
    }

    /// <summary>The value may be absent or false, never true.</summary>
    public void ExpectNotTrue(JsonNode? node, string name, string reason)
    {
        if (JsonRead.IsIntrinsic(node))
        {
            Unverifiable(name + " is an intrinsic function, not a literal.");
        }
        else if (node is not null && JsonRead.Bool(node) != false)
        {
            Breach(reason);
        }
    }

    /// <summary>The value may be absent, or any literal but <paramref name="forbidden"/>.</summary>
    public void ExpectNotString(JsonNode? node, string forbidden, string name, string reason)
    {
        if (JsonRead.IsIntrinsic(node))
        {
            Unverifiable(name + " is an intrinsic function, not a literal.");
        }
        else if (string.Equals(JsonRead.String(node), forbidden, StringComparison.OrdinalIgnoreCase))
        {
            Breach(reason);
        }
    }

    /// <summary>
    /// The value must be there (a literal or a reference). <c>AWS::NoValue</c> is absent; an
    /// <c>Fn::If</c> may resolve to it, so it cannot be verified.
    /// </summary>
    public void ExpectPresent(JsonNode? node, string reason)
    {
        if (JsonRead.IsConditional(node))
        {
            Unverifiable("Decided by a condition at deploy time, which may remove it: " + reason);
        }
        else if (!JsonRead.IsPresent(node))
        {
            Breach(reason);
        }
    }

    /// <summary>The value must be a list (or absent); an intrinsic in its place cannot be read.</summary>
    public IReadOnlyList<JsonNode?> List(JsonNode? node, string name)
    {
        if (JsonRead.IsIntrinsic(node))
        {
            Unverifiable(name + " is an intrinsic function, not a list.");
            return Array.Empty<JsonNode?>();
        }

        return JsonRead.Items(node).ToList();
    }
}
