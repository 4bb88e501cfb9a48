using Amazon.CDK.AWS.IAM;

namespace SecureSageMaker.Jsii;

/// <summary>
/// Builds IAM statements and documents from JSON. <c>PolicyStatement.FromJson</c> is one jsii round
/// trip; <c>new PolicyStatement(props)</c> with principal objects is several (measured: 1.2 ms against
/// 3.6 ms a statement), and a workspace makes dozens of statements.
/// </summary>
internal static class IamJson
{
    public static object AnyPrincipal() => new Dictionary<string, object> { ["AWS"] = "*" };

    public static object ServicePrincipal(string name) => new Dictionary<string, object> { ["Service"] = name };

    public static PolicyStatement Allow(string? sid, IEnumerable<string> actions, object resources, IDictionary<string, object>? conditions = null, object? principal = null) =>
        PolicyStatement.FromJson(Statement(sid, "Allow", actions, resources, conditions, principal));

    public static PolicyStatement Deny(string? sid, IEnumerable<string> actions, object resources, IDictionary<string, object>? conditions = null, object? principal = null) =>
        PolicyStatement.FromJson(Statement(sid, "Deny", actions, resources, conditions, principal));

    public static Dictionary<string, object> Statement(string? sid, string effect, IEnumerable<string> actions, object resources, IDictionary<string, object>? conditions, object? principal)
    {
        var json = new Dictionary<string, object>();
        if (sid is not null)
        {
            json["Sid"] = sid;
        }

        json["Effect"] = effect;
        if (principal is not null)
        {
            json["Principal"] = principal;
        }

        var list = actions.ToArray();
        json["Action"] = list.Length == 1 ? list[0] : list;
        json["Resource"] = resources;
        if (conditions is { Count: > 0 })
        {
            json["Condition"] = conditions;
        }

        return json;
    }

    /// <summary>A policy document from statements in JSON form: one round trip for the whole document.</summary>
    public static PolicyDocument Document(IEnumerable<Dictionary<string, object>> statements) =>
        PolicyDocument.FromJson(new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = statements.Cast<object>().ToArray() });

    /// <summary>One condition block: <c>{ operator: { key: value } }</c>.</summary>
    public static Dictionary<string, object> Condition(string op, string key, object value) =>
        new() { [op] = new Dictionary<string, object> { [key] = value } };
}
