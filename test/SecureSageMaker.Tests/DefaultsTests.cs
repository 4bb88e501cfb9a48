using Amazon.CDK.AWS.Logs;
using Xunit;

namespace SecureSageMaker.Tests;

/// <summary>Pins every default: loosening a secure default must fail a test on purpose.</summary>
public class DefaultsTests
{
    [Fact]
    public void Defaults_HoldTheSecurePosture_WhenNothingIsSet()
    {
        Assert.Equal("10.42.0.0/16", Defaults.VpcCidr);
        Assert.Equal(2, Defaults.AvailabilityZoneCount);
        Assert.Equal(22, Defaults.SubnetCidrMask);
        Assert.Equal(30, Defaults.KeyPendingWindowDays);
        Assert.Equal(RetentionDays.ONE_YEAR, Defaults.LogRetention);
        Assert.False(Defaults.AllowSelfReferencingTraffic);
        Assert.True(Defaults.ApplyGuardrailChecks);
        Assert.Equal("notebook-al2023-v1", Defaults.NotebookPlatformIdentifier);
        Assert.Equal("ml.t3.medium", Defaults.NotebookInstanceType);
        Assert.Equal(20, Defaults.NotebookVolumeSizeInGb);
        Assert.Equal(2, Defaults.EndpointInitialInstanceCount);
        Assert.Equal("ml.m5.large", Defaults.EndpointInstanceType);
        Assert.Equal(100, Defaults.DataCaptureSamplingPercentage);
        Assert.Equal("ml.m5.xlarge", Defaults.JobInstanceType);
        Assert.Equal(1, Defaults.JobInstanceCount);
        Assert.Equal(50, Defaults.JobVolumeSizeInGb);
        Assert.Equal(86_400, Defaults.JobMaxRuntimeInSeconds);
        Assert.Equal(7, Defaults.AbortIncompleteMultipartUploadDays);
        Assert.Equal(12_288, Defaults.LifecycleScriptMaxBytes);
    }
}
