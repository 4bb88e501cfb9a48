using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Constructs;

namespace SecureSageMaker.Internal;

/// <summary>
/// Collects every problem with a construct's props, then throws once with all of them, before the
/// construct adds anything to the tree.
/// </summary>
internal sealed partial class PropsValidator
{
    private readonly IConstruct _scope;
    private readonly string _id;
    private readonly List<string> _problems = new();

    public PropsValidator(IConstruct scope, string id)
    {
        _scope = scope;
        _id = id;
    }

    // The path costs jsii round trips; it is only needed for a message.
    private string Path()
    {
        var parent = _scope.Node.Path;
        return string.IsNullOrEmpty(parent) ? _id : parent + "/" + _id;
    }

    public void Fail(string property, object? received, string fix)
    {
        _problems.Add(string.Format(CultureInfo.InvariantCulture, "{0}: received {1}. {2}", property, Describe(received), fix));
    }

    public void Require(bool condition, string property, object? received, string fix)
    {
        if (!condition)
        {
            Fail(property, received, fix);
        }
    }

    /// <summary>Checks an integer within an inclusive range, unless it is a token.</summary>
    public void InRange(int? value, int min, int max, string property)
    {
        if (value is null)
        {
            return;
        }

        Require(value.Value >= min && value.Value <= max, property, value.Value,
            string.Format(CultureInfo.InvariantCulture, "Use a value from {0} to {1}.", min, max));
    }

    public void MlInstanceType(string? value, string property)
    {
        if (value is null || Internal.Tokens.IsUnresolved(value))
        {
            return;
        }

        Require(MlInstanceTypePattern().IsMatch(value), property, value,
            "Use a SageMaker instance type such as 'ml.m5.large' (it starts with 'ml.').");
    }

    public void SageMakerName(string? value, string property, int maxLength = 63)
    {
        if (value is null || Internal.Tokens.IsUnresolved(value))
        {
            return;
        }

        Require(value.Length <= maxLength && SageMakerNamePattern().IsMatch(value), property, value,
            string.Format(CultureInfo.InvariantCulture,
                "Use 1 to {0} letters, digits and hyphens, starting with a letter or digit and not ending with a hyphen.", maxLength));
    }

    public void EcrImage(string? value, string property)
    {
        Require(value is not null, property, value, "Give an ECR image URI.");
        if (value is not null)
        {
            Require(ImageUri.IsEcr(value), property, value,
                "Use an ECR image URI such as '111122223333.dkr.ecr.eu-west-1.amazonaws.com/repo:tag': a network-isolated workspace cannot pull from other registries.");
        }
    }

    public void Cidr(string? value, string property, bool allowHostBits = false)
    {
        if (value is null || Internal.Tokens.IsUnresolved(value))
        {
            return;
        }

        if (!Network.Cidr.TryParse(value, out var cidr) || (!allowHostBits && !cidr.IsNetworkAddress))
        {
            Fail(property, value, "Use an IPv4 CIDR block such as '10.42.0.0/16' whose host bits are zero.");
        }
    }

    /// <summary>Checks an IAM role or user ARN; wildcards are allowed in the name.</summary>
    public void PrincipalArn(string? value, string property)
    {
        if (value is null || Internal.Tokens.IsUnresolved(value))
        {
            Require(value is not null, property, value, "Remove the empty entry or give an IAM role or user ARN.");
            return;
        }

        Require(PrincipalArnPattern().IsMatch(value), property, value,
            "Use an IAM role or user ARN such as 'arn:aws:iam::111122223333:role/Admin' (wildcards allowed in the name).");
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

    private static string Describe(object? value) => value switch
    {
        null => "nothing (null)",
        string s => "'" + s + "'",
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(x => "'" + x + "'")) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };

    [GeneratedRegex("^ml\\.[a-z0-9]+(\\.[a-z0-9]+)+$")]
    private static partial Regex MlInstanceTypePattern();

    [GeneratedRegex("^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:(role|user|assumed-role)/[\\w+=,.@/*-]+$")]
    private static partial Regex PrincipalArnPattern();

    [GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9])*$")]
    private static partial Regex SageMakerNamePattern();
}
