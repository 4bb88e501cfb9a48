using Amazon.CDK.AWS.Logs;

namespace SecureSageMaker;

/// <summary>
/// Every default value of the library, in one place. <c>DefaultsTests</c> pins them, so that
/// loosening a secure default fails a test on purpose.
/// </summary>
internal static class Defaults
{
    /// <summary>CIDR of a new workspace VPC.</summary>
    public const string VpcCidr = "10.42.0.0/16";

    /// <summary>Availability zones a new VPC spans.</summary>
    public const int AvailabilityZoneCount = 2;

    /// <summary>Prefix length of each isolated subnet (1,024 addresses).</summary>
    public const int SubnetCidrMask = 22;

    /// <summary>Days a scheduled key deletion waits (the KMS maximum).</summary>
    public const int KeyPendingWindowDays = 30;

    /// <summary>Days after which an incomplete multipart upload is aborted (its parts are billed and invisible).</summary>
    public const int AbortIncompleteMultipartUploadDays = 7;

    /// <summary>Retention of every log group the workspace creates.</summary>
    public const RetentionDays LogRetention = RetentionDays.ONE_YEAR;

    /// <summary>Whether the workload security group admits traffic from itself.</summary>
    public const bool AllowSelfReferencingTraffic = false;

    /// <summary>Whether the synth-time guardrail checker runs over the workspace's stack.</summary>
    public const bool ApplyGuardrailChecks = true;

    /// <summary>Price of one interface endpoint in one AZ for one hour, in USD (us-east-1, 2024 list price).</summary>
    public const double InterfaceEndpointUsdPerAzHour = 0.01;

    /// <summary>Hours in the month used for cost estimates.</summary>
    public const double HoursPerMonth = 730;

    /// <summary>Price of one million DNS queries judged by Route 53 Resolver DNS Firewall, in USD (2024 list price).</summary>
    public const double DnsFirewallUsdPerMillionQueries = 0.60;

    /// <summary>DNS queries a month assumed for the firewall's cost estimate: a small team's notebooks, jobs and endpoints.</summary>
    public const double AssumedDnsQueriesPerMonth = 10_000_000;

    /// <summary>Platform of new notebook instances (Amazon Linux 2023).</summary>
    public const string NotebookPlatformIdentifier = "notebook-al2023-v1";

    /// <summary>Instance type of new notebook instances.</summary>
    public const string NotebookInstanceType = "ml.t3.medium";

    /// <summary>Largest lifecycle script, in bytes: SageMaker takes 16,384 characters of base64.</summary>
    public const int LifecycleScriptMaxBytes = 12_288;

    /// <summary>Volume size of new notebook instances, in GB.</summary>
    public const int NotebookVolumeSizeInGb = 20;

    /// <summary>Instances behind each endpoint production variant.</summary>
    public const int EndpointInitialInstanceCount = 2;

    /// <summary>Instance type of endpoint production variants.</summary>
    public const string EndpointInstanceType = "ml.m5.large";

    /// <summary>Percentage of endpoint requests captured into the model bucket.</summary>
    public const int DataCaptureSamplingPercentage = 100;

    /// <summary>Training and processing instance type.</summary>
    public const string JobInstanceType = "ml.m5.xlarge";

    /// <summary>Training and processing instance count.</summary>
    public const int JobInstanceCount = 1;

    /// <summary>Training and processing volume size in GB.</summary>
    public const int JobVolumeSizeInGb = 50;

    /// <summary>Longest a training or processing job may run, in seconds (one day).</summary>
    public const int JobMaxRuntimeInSeconds = 86_400;
}
