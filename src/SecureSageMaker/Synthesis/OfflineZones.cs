using System.Globalization;
using Amazon.CDK;
using SecureSageMaker.Jsii;

namespace SecureSageMaker;

/// <summary>
/// Lets a stack with a fixed account and region synthesize without AWS credentials. CDK's
/// <c>Vpc</c> asks the stack for its region's availability zones, and a stack with a fixed environment
/// looks them up in the account (a context lookup that needs credentials), even when the VPC names its
/// zones. <see cref="Use"/> answers that lookup from the zones you give, as
/// <c>cdk.context.json</c> would.
/// </summary>
public static class OfflineZones
{
    /// <summary>Gives the stack its availability zones. Call it right after creating the stack, before adding anything to it.</summary>
    /// <param name="stack">A stack with a literal account and region.</param>
    /// <param name="zones">Zone names of the stack's region, such as <c>eu-west-1a</c>.</param>
    /// <exception cref="ArgumentException">The stack has no literal account and region, already has children, or a zone is not of its region.</exception>
    public static void Use(Stack stack, params string[] zones)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var problems = new List<string>();
        if (!Tokens.IsLiteral(stack.Account) || !Tokens.IsLiteral(stack.Region))
        {
            problems.Add("the stack has no fixed account and region (Env), so CDK looks nothing up: give the workspace Network.AvailabilityZones instead.");
        }

        else if (zones is null || zones.Length < 2 || zones.Any(z => z is null || !z.StartsWith(stack.Region, StringComparison.Ordinal) || z.Length != stack.Region.Length + 1)
                 || zones.Distinct(StringComparer.Ordinal).Count() != zones.Length)
        {
            problems.Add(string.Format(CultureInfo.InvariantCulture, "zones: received [{0}]. Name at least two different zones of the stack's region, each once, such as '{1}a'.",
                string.Join(", ", zones ?? Array.Empty<string>()), stack.Region));
        }

        if (stack.Node.Children.Length > 0)
        {
            problems.Add("the stack already has children; CDK takes context only before them. Call OfflineZones.Use right after new Stack(...).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(stack.Node.Path + ": cannot set the availability zones: " + string.Join(" ", problems), nameof(zones));
        }

        stack.Node.SetContext("availability-zones:account=" + stack.Account + ":region=" + stack.Region, zones!);
    }
}
