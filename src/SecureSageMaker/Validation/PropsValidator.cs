using System.Globalization;
using Amazon.CDK;
using System.Text.RegularExpressions;
using Constructs;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// Collects every problem with a construct's props, then throws once with all of them, before the
/// construct adds anything to the tree. Each problem names the property, the value received and the fix.
/// </summary>
internal sealed partial class PropsValidator
{
    private readonly IConstruct _scope;
    private readonly string _id;
    private readonly List<string> _problems;
    private readonly string _prefix;

    public PropsValidator(IConstruct scope, string id)
        : this(scope ?? throw new ArgumentNullException(nameof(scope), "Pass the construct's scope (a stack or construct)."),
            id ?? throw new ArgumentNullException(nameof(id), "Give the construct an id, such as 'Workspace'."), new List<string>(), string.Empty)
    {
    }

    private PropsValidator(IConstruct scope, string id, List<string> problems, string prefix)
    {
        _scope = scope;
        _id = id;
        _problems = problems;
        _prefix = prefix;
    }

    /// <summary>The same validator for a nested props object: its problems name the property as <c>Network.VpcCidr</c>.</summary>
    public PropsValidator Nested(string property) => new(_scope, _id, _problems, _prefix + property + ".");

    public bool HasProblems => _problems.Count > 0;

    public void Fail(string property, object? received, string fix) =>
        _problems.Add(string.Format(CultureInfo.InvariantCulture, "{0}{1}: received {2}. {3}", _prefix, property, Describe(received), fix));

    public void Require(bool condition, string property, object? received, string fix)
    {
        if (!condition)
        {
            Fail(property, received, fix);
        }
    }

    /// <summary>A required value is there.</summary>
    public bool Present(object? value, string property, string fix)
    {
        Require(value is not null, property, value, fix);
        return value is not null;
    }

    /// <summary>No entry of a list is null (jsii turns a null entry into an unreadable dump).</summary>
    public bool NoNullEntries<T>(IEnumerable<T?>? values, string property)
    {
        if (values is null || values.All(v => v is not null))
        {
            return true;
        }

        _problems.Add(_prefix + property + ": received a list with an empty (null) entry. Remove the empty entry.");
        return false;
    }

    public void InRange(int? value, int min, int max, string property, string? why = null)
    {
        if (value is { } v)
        {
            Require(v >= min && v <= max, property, v,
                string.Format(CultureInfo.InvariantCulture, "Use a value from {0} to {1}{2}.", min, max, why is null ? string.Empty : " (" + why + ")"));
        }
    }

    /// <summary>A duration in whole days of at least <paramref name="minDays"/> (S3 lifecycle and Object Lock count days); tokens are skipped.</summary>
    public void WholeDays(Duration? value, string property, int minDays, string fix)
    {
        if (value is null || Tokens.IsUnresolved(value.ToString()))
        {
            return;
        }

        var days = value.ToDays(new TimeConversionOptions { Integral = false });
        Require(days >= minDays && days == Math.Floor(days), property, value.ToHumanString(),
            string.Format(CultureInfo.InvariantCulture, "Use whole days, at least {0} (Duration.Days(n)). {1}", minDays, fix));
    }

    /// <summary>A SageMaker instance type that the API family accepts, from the service's own table.</summary>
    public void MlInstanceType(string? value, string property, string api)
    {
        if (!Tokens.IsLiteral(value))
        {
            return;
        }

        if (!InstanceTypes.IsKnown(value!))
        {
            var family = value!.Split('.').Length == 3 ? value.Split('.')[1] : null;
            var sizes = family is null ? new List<string>() : InstanceTypes.AcceptedBy(api).Where(t => t.Split('.')[1] == family).ToList();
            Fail(property, value, sizes.Count > 0
                ? "SageMaker has no such size in this family; use one of " + string.Join(", ", sizes) + "."
                : "SageMaker has no such instance type; use one such as 'ml.m5.large' (the table of " + InstanceTypes.Source + ").");
            return;
        }

        Require(InstanceTypes.Accepts(value!, api), property, value,
            string.Format(CultureInfo.InvariantCulture, "SageMaker does not offer this type for {0}; use one such as {1}.", api,
                string.Join(", ", InstanceTypes.AcceptedBy(api).Where(t => t.Contains(".m5.", StringComparison.Ordinal)).Take(3))));
    }

    /// <summary>A SageMaker resource name: letters, digits and hyphens.</summary>
    public void SageMakerName(string? value, string property, int maxLength = 63)
    {
        if (!Tokens.IsLiteral(value))
        {
            return;
        }

        Require(value!.Length <= maxLength && SageMakerNamePattern().IsMatch(value), property, value,
            string.Format(CultureInfo.InvariantCulture,
                "Use 1 to {0} letters, digits and hyphens, starting with a letter or digit and not ending with a hyphen.", maxLength));
    }

    /// <summary>An IPv4 or IPv6 CIDR block whose host bits are zero.</summary>
    public bool Cidr(string? value, string property, bool allowIpv6 = false)
    {
        if (!Tokens.IsLiteral(value))
        {
            return false;
        }

        if (!SecureSageMaker.Cidr.TryParse(value!, out var cidr) || !cidr.IsNetworkAddress || (cidr.IsIpv6 && !allowIpv6))
        {
            Fail(property, value, allowIpv6
                ? "Use an IPv4 or IPv6 CIDR block such as '203.0.113.0/24' or '2001:db8::/32' whose host bits are zero."
                : "Use an IPv4 CIDR block such as '10.42.0.0/16' whose host bits are zero.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// An IAM role or user ARN pattern as <c>aws:PrincipalArn</c> sees it, exempting a few named
    /// principals and never a whole account: no STS session ARN (which <c>aws:PrincipalArn</c> never
    /// carries); no wildcard in the path, except the region segment of IAM Identity Center's
    /// <c>aws-reserved/sso.amazonaws.com/*/</c>; at least four literal characters before a wildcard in the
    /// name; and no wildcard that reaches every role of a prefix AWS or CDK shares (<c>AWSReservedSSO_*</c>,
    /// <c>cdk-*</c>). With <paramref name="anyAccount"/> (SCPs) the account may be '*' and only roles are
    /// named.
    /// </summary>
    public void PrincipalArn(string? value, string property, bool anyAccount = false)
    {
        if (value is null)
        {
            Fail(property, value, "Remove the empty entry or give an IAM role or user ARN.");
            return;
        }

        if (Tokens.IsUnresolved(value))
        {
            return;
        }

        var match = PrincipalArnPattern().Match(value);
        if (!match.Success || (match.Groups["account"].Value == "*" && !anyAccount) || (anyAccount && match.Groups["kind"].Value != "role"))
        {
            Fail(property, value, value.Contains(":assumed-role/", StringComparison.Ordinal)
                ? "Give the role's ARN ('arn:aws:iam::111122223333:role/Admin'), not an STS session ARN: aws:PrincipalArn carries the role's ARN."
                : anyAccount
                    ? "Use a role ARN pattern such as 'arn:aws:iam::*:role/BreakGlass' (the account may be '*')."
                    : "Use an IAM role or user ARN of one account, such as 'arn:aws:iam::111122223333:role/Admin'.");
            return;
        }

        var name = match.Groups["name"].Value;
        var slash = name.LastIndexOf('/');
        var path = slash < 0 ? string.Empty : name[..slash];
        var leaf = name[(slash + 1)..];
        var wildcard = leaf.IndexOfAny(Wildcards);
        if (path.IndexOfAny(Wildcards) >= 0 && !IdentityCenterPath().IsMatch(path))
        {
            Fail(property, value, "A wildcard in the path exempts every role under it; name the path literally (IAM Identity Center's 'aws-reserved/sso.amazonaws.com/*/' is the one exception).");
        }
        else if (wildcard is >= 0 and < 4)
        {
            Fail(property, value, "A wildcard at the start of the name exempts every role or user of the account; name the role, or keep at least four literal characters before a wildcard (such as 'AWSReservedSSO_Admin_*').");
        }
        else if (wildcard >= 0 && leaf[wildcard..].Count(c => Array.IndexOf(Wildcards, c) < 0) < 4
            && SharedFamily(leaf[..wildcard], leaf) is { } prefix)
        {
            Fail(property, value, "The wildcard reaches every role named '" + prefix + "...' (" + (prefix == "cdk-" ? "the CDK bootstrap roles of every qualifier" : "every IAM Identity Center permission set") + "); name the role, such as '" + prefix + (prefix == "cdk-" ? "hnb659fds-cfn-exec-role-*" : "Admin_*") + "'.");
        }
    }

    private static readonly char[] Wildcards = { '*', '?' };

    /// <summary>
    /// The shared family a wildcard's literal prefix reaches into more than one member of: a prefix of
    /// <c>AWSReservedSSO_</c>, or that prefix with a permission set name not closed by its '_' (<c>AWSReservedSSO_A*</c>
    /// matches every set whose name starts with A); a prefix of <c>cdk-</c>, or a CDK role pattern that names no role kind
    /// (<c>cdk-hnb*</c>: every role of every qualifier starting so).
    /// </summary>
    private static string? SharedFamily(string literal, string leaf)
    {
        const string sso = "AWSReservedSSO_", cdk = "cdk-";
        if (sso.StartsWith(literal, StringComparison.Ordinal) || (literal.StartsWith(sso, StringComparison.Ordinal) && !literal.EndsWith('_')))
        {
            return sso;
        }

        return cdk.StartsWith(literal, StringComparison.Ordinal) || (literal.StartsWith(cdk, StringComparison.Ordinal) && !leaf.Contains("-role", StringComparison.Ordinal)) ? cdk : null;
    }


    /// <summary>
    /// Adds a problem when <paramref name="resource"/> is, by literal values, in another account (when <paramref name="account"/>)
    /// or region (when <paramref name="region"/>) than the stack of <paramref name="scope"/>.
    /// </summary>
    public void SameEnvironment(Amazon.CDK.IResource? resource, string property, IConstruct scope, bool account = true, bool region = true)
    {
        if (resource is null)
        {
            return;
        }

        var stack = Amazon.CDK.Stack.Of(scope);
        var env = resource.Env;
        if (account && Jsii.Tokens.IsLiteral(env.Account) && Jsii.Tokens.IsLiteral(stack.Account) && env.Account.Length > 0 && env.Account != stack.Account)
        {
            Fail(property, env.Account, "Use one in the stack's account (" + stack.Account + "): the workspace's perimeter and its keys' policies hold in one account.");
        }

        if (region && Jsii.Tokens.IsLiteral(env.Region) && Jsii.Tokens.IsLiteral(stack.Region) && env.Region.Length > 0 && env.Region != stack.Region)
        {
            Fail(property, env.Region, "Use one in the stack's region (" + stack.Region + "): SageMaker, KMS, ECR and VPC endpoints work within one region.");
        }
    }

    /// <summary>
    /// Adds a problem when the literal id <paramref name="value"/> is not of the kind <paramref name="prefix"/> names (a VPC id
    /// where a VPC endpoint id is expected, or the reverse): EC2 ids are a prefix, a hyphen and 8 or 17 hex digits.
    /// </summary>
    public void IdOfKind(string? value, string property, string prefix, string kind)
    {
        if (value is not null && Jsii.Tokens.IsLiteral(value) && !System.Text.RegularExpressions.Regex.IsMatch(value, "^" + prefix + "-([0-9a-f]{8}|[0-9a-f]{17})$"))
        {
            var actual = System.Text.RegularExpressions.Regex.Match(value, "^([a-z]+)-").Groups[1].Value;
            Fail(property, value, "Give " + kind + " id ('" + prefix + "-' and 8 or 17 hex digits)" + (actual.Length > 0 && actual != prefix ? ": '" + actual + "-' is the id of another kind of resource" : string.Empty) + ".");
        }
    }

    /// <summary>
    /// Whether two stacks deploy to the same account and region: the same stack, or literal accounts and regions that agree
    /// (an environment-agnostic stack is judged only against itself).
    /// </summary>
    public static bool SameAccountAndRegion(Amazon.CDK.Stack a, Amazon.CDK.Stack b) =>
        ReferenceEquals(a, b) || a == b || (Jsii.Tokens.IsLiteral(a.Account) && Jsii.Tokens.IsLiteral(a.Region) && a.Account == b.Account && a.Region == b.Region);

    /// <summary>Adds a problem for each value that appears more than once in <paramref name="values"/>.</summary>
    public void EachOnce(IEnumerable<string>? values, string property, string fix)
    {
        foreach (var duplicate in (values ?? Array.Empty<string>()).GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Fail(property, duplicate.Key, fix);
        }
    }

    public void Throw()
    {
        if (_problems.Count == 0)
        {
            return;
        }

        var lines = string.Join(System.Environment.NewLine, _problems.Select(p => "- " + p));
        throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
            "Invalid props for construct '{0}' ({1} problem{2}):{3}{4}",
            Path(), _problems.Count, _problems.Count == 1 ? string.Empty : "s", System.Environment.NewLine, lines));
    }

    // The path costs jsii round trips; it is only needed for a message.
    private string Path()
    {
        var parent = _scope.Node.Path;
        return string.IsNullOrEmpty(parent) ? _id : parent + "/" + _id;
    }

    internal static string Describe(object? value) => value switch
    {
        null => "nothing (null)",
        string s => "'" + s + "'",
        IConstruct c => "'" + c.Node.Path + "'",
        IEnumerable<string?> list => "[" + string.Join(", ", list.Select(x => x is null ? "null" : "'" + x + "'")) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };

    [GeneratedRegex("^arn:(aws[a-z-]*|\\*):iam::(?<account>[0-9]{12}|\\*):(?<kind>role|user)/(?<name>[\\w+=,.@/*?-]+)$")]
    private static partial Regex PrincipalArnPattern();

    [GeneratedRegex("^aws-reserved/sso\\.amazonaws\\.com/(\\*|[a-z]{2}(-[a-z]+)+-[0-9])$")]
    private static partial Regex IdentityCenterPath();

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9])*$")]
    private static partial Regex SageMakerNamePattern();
}
