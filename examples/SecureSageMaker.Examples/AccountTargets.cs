using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Constructs;
using Newtonsoft.Json.Linq;

namespace SecureSageMaker.Examples;

/// <summary>One ML account the app stamps a workspace into, read from cdk.json context.</summary>
/// <param name="Account">12-digit account id.</param>
/// <param name="Region">Region, such as eu-west-1.</param>
/// <param name="AvailabilityZones">Zone names; given in the config so synth needs no AWS credentials for a lookup.</param>
/// <param name="PresignedUrlAllowedCidrs">Company CIDRs for presigned URLs.</param>
public sealed record AccountTarget(string Account, string Region, string[] AvailabilityZones, string[] PresignedUrlAllowedCidrs)
{
    /// <summary>The stack name of this target's workspace.</summary>
    public string StackName => "SecureMlWorkspace-" + Account + "-" + Region;
}

/// <summary>
/// Reads the accounts and the organization targets from cdk.json context:
/// <c>secureSageMaker:accounts</c> (a list of <c>{ account, region, availabilityZones, presignedUrlAllowedCidrs }</c>)
/// and <c>secureSageMaker:organizationTargets</c> (OU, account or root ids for the SCP).
/// </summary>
public static partial class AccountTargets
{
    /// <summary>Context key of the account list.</summary>
    public const string AccountsKey = "secureSageMaker:accounts";

    /// <summary>Context key of the SCP targets.</summary>
    public const string OrganizationTargetsKey = "secureSageMaker:organizationTargets";

    /// <summary>The configured accounts (none when the key is absent).</summary>
    /// <exception cref="ArgumentException">An entry is malformed; the message names it and the fix.</exception>
    public static IReadOnlyList<AccountTarget> Read(Construct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var raw = scope.Node.TryGetContext(AccountsKey);
        if (raw is null)
        {
            return Array.Empty<AccountTarget>();
        }

        var list = Parse(raw) as JArray ?? throw Error("the value", raw.ToString() ?? string.Empty, "Give a JSON list of { \"account\", \"region\", \"availabilityZones\" } objects.");
        var targets = new List<AccountTarget>();
        foreach (var (entry, index) in list.Select((e, i) => (e, i)))
        {
            var where = string.Format(CultureInfo.InvariantCulture, "entry {0}", index);
            var account = (string?)entry["account"] ?? string.Empty;
            var region = (string?)entry["region"] ?? string.Empty;
            var zones = entry["availabilityZones"]?.Values<string>().Select(z => z ?? string.Empty).ToArray() ?? Array.Empty<string>();
            var cidrs = entry["presignedUrlAllowedCidrs"]?.Values<string>().Select(c => c ?? string.Empty).ToArray() ?? Array.Empty<string>();
            if (!AccountPattern().IsMatch(account))
            {
                throw Error(where + " account", account, "Use a 12-digit AWS account id.");
            }

            if (!RegionPattern().IsMatch(region))
            {
                throw Error(where + " region", region, "Use a region name such as 'eu-west-1'.");
            }

            if (zones.Length < 2 || zones.Any(z => !z.StartsWith(region, StringComparison.Ordinal)))
            {
                throw Error(where + " availabilityZones", string.Join(", ", zones), "List at least two zones of the region, such as '" + region + "a'; naming them keeps synth free of AWS lookups.");
            }

            targets.Add(new AccountTarget(account, region, zones, cidrs));
        }

        var duplicate = targets.GroupBy(t => t.StackName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Error("account and region", duplicate.Key, "List each account and region once.");
        }

        return targets;
    }

    /// <summary>The SCP targets, or <paramref name="fallback"/> when none are configured.</summary>
    public static string[] OrganizationTargets(Construct scope, string[] fallback)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var raw = scope.Node.TryGetContext(OrganizationTargetsKey);
        return raw is null ? fallback : (Parse(raw) as JArray)?.Values<string>().Select(v => v ?? string.Empty).ToArray() ?? fallback;
    }

    /// <summary>Context key of the regions the workspace StackSet deploys to, in order (a JSON list; default: eu-west-1).</summary>
    public const string StackSetRegionsKey = "secureSageMaker:stackSetRegions";

    /// <summary>The StackSet's regions from <see cref="StackSetRegionsKey"/>, or <paramref name="fallback"/>.</summary>
    public static string[] StackSetRegions(Construct scope, string[] fallback)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var raw = scope.Node.TryGetContext(StackSetRegionsKey);
        return raw is null ? fallback : (Parse(raw) as JArray)?.Values<string>().Select(v => v ?? string.Empty).ToArray() ?? fallback;
    }

    /// <summary>Context key of the AWS Config recorder choice of the full example: <c>create</c> (a fresh account) or <c>existing</c> (AWS Control Tower, Security Hub).</summary>
    public const string ConfigRecorderKey = "secureSageMaker:configRecorder";

    /// <summary>Context key of the data scientists' role ARN of the full example (a role that exists in the account).</summary>
    public const string DataScientistRoleKey = "secureSageMaker:dataScientistRoleArn";

    /// <summary>
    /// The AWS Config recorder choice: <c>create</c> (the default: a fresh account has no recorder) or
    /// <c>existing</c> (an AWS Control Tower account, whose recorder Control Tower owns).
    /// </summary>
    /// <exception cref="ArgumentException">The value is neither.</exception>
    public static ConfigRecorder ConfigRecorder(Construct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var raw = scope.Node.TryGetContext(ConfigRecorderKey)?.ToString();
        return raw switch
        {
            null or "create" => SecureSageMaker.ConfigRecorder.CreateNew,
            "existing" => SecureSageMaker.ConfigRecorder.UseExisting,
            _ => throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "cdk.json context '{0}': received '{1}'. Use 'create' in a fresh account or 'existing' in an AWS Control Tower or Security Hub account.", ConfigRecorderKey, raw)),
        };
    }

    /// <summary>The data scientists' role ARN from context, or null (the example then creates the role).</summary>
    public static string? DataScientistRoleArn(Construct scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Node.TryGetContext(DataScientistRoleKey)?.ToString();
    }

    private static JToken Parse(object raw) => raw is string text ? JToken.Parse(text) : JToken.FromObject(raw);

    private static ArgumentException Error(string what, string received, string fix) =>
        new(string.Format(CultureInfo.InvariantCulture, "cdk.json context '{0}', {1}: received '{2}'. {3}", AccountsKey, what, received, fix));

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();
}
