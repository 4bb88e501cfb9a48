using Amazon.CDK;
using Amazon.CDK.Assertions;
using Constructs;
using SecureSageMaker.Examples;
using AssertAnnotations = Amazon.CDK.Assertions.Annotations;

namespace SecureSageMaker.Tests;

/// <summary>Stacks for tests: a fixed account and region, no bootstrap version rule, each in an app of its own.</summary>
internal static class TestStacks
{
    public const string Account = "111122223333";
    public const string Region = "eu-west-1";

    public static Amazon.CDK.Environment Env => new() { Account = Account, Region = Region };

    public static IStackSynthesizer Synthesizer() => new DefaultStackSynthesizer(new DefaultStackSynthesizerProps
    {
        GenerateBootstrapVersionRule = false,
    });

    /// <summary>A new app with one stack; a fixed environment (with its zones given) unless asked otherwise.</summary>
    public static Stack Create(string id = "TestStack", bool fixedEnvironment = true, string region = Region)
    {
        var stack = new Stack(new App(), id, new StackProps
        {
            Env = fixedEnvironment ? new Amazon.CDK.Environment { Account = Account, Region = region } : null,
            Synthesizer = Synthesizer(),
        });
        if (fixedEnvironment)
        {
            OfflineZones.Use(stack, region + "a", region + "b", region + "c");
        }

        return stack;
    }

    /// <summary>A stack with a workspace of the given props.</summary>
    public static (Stack Stack, SecureMlWorkspace Workspace) Workspace(SecureMlWorkspaceProps? props = null)
    {
        var stack = Create();
        return (stack, new SecureMlWorkspace(stack, "Workspace", props));
    }

    /// <summary>The synthesized template of a stack, with a reader that names the path it fails at.</summary>
    public static Cfn Synth(Stack stack) => new(Template.FromStack(stack));

    public static AssertAnnotations Annotations(Stack stack) => AssertAnnotations.FromStack(stack);

    /// <summary>The messages of error annotations anywhere in the stack.</summary>
    public static IReadOnlyList<string> Errors(Stack stack) =>
        AssertAnnotations.FromStack(stack).FindError("*", Match.AnyValue()).Select(m => m.Entry.Data?.ToString() ?? string.Empty).ToList();

    /// <summary>The messages of warning annotations anywhere in the stack.</summary>
    public static IReadOnlyList<string> Warnings(Stack stack) =>
        AssertAnnotations.FromStack(stack).FindWarning("*", Match.AnyValue()).Select(m => m.Entry.Data?.ToString() ?? string.Empty).ToList();

    /// <summary>The posture report the stack's workspace wrote at synth.</summary>
    public static string Report(Stack stack, string? suffix = null)
    {
        var assembly = Stage.Of(stack)!.Synth();
        return File.ReadAllText(Path.Combine(assembly.Directory, stack.StackName + (suffix is null ? string.Empty : "." + suffix) + ".posture.md"));
    }

    public static void Add(Construct scope, Action<Construct> build) => build(scope);

    /// <summary>A VPC of a platform team, imported by attributes: isolated subnets in two zones of the test region.</summary>
    public static Amazon.CDK.AWS.EC2.IVpc BroughtVpc(Stack stack) => Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(stack, "PlatformVpc", new Amazon.CDK.AWS.EC2.VpcAttributes
    {
        VpcId = "vpc-0a1b2c3d4e5f60718",
        VpcCidrBlock = "10.20.0.0/16",
        AvailabilityZones = new[] { "eu-west-1a", "eu-west-1b" },
        IsolatedSubnetIds = new[] { "subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719" },
        IsolatedSubnetRouteTableIds = new[] { "rtb-0a1b2c3d4e5f60718", "rtb-0a1b2c3d4e5f60719" },
    });
}

/// <summary>The example stacks, for the snapshot, stable-id and docs tests only.</summary>
internal static class Examples
{
    private static readonly Lazy<(Stack Default, Stack Full, Stack Hosting)> Stacks = new(() =>
        ExampleStacks.AddAll(new App(), TestStacks.Synthesizer()));

    private static readonly Lazy<Template> DefaultTemplate = new(() => Template.FromStack(Stacks.Value.Default));
    private static readonly Lazy<Template> FullTemplate = new(() => Template.FromStack(Stacks.Value.Full));

    public static Stack DefaultStack => Stacks.Value.Default;

    public static Stack FullStack => Stacks.Value.Full;

    public static Stack HostingStack => Stacks.Value.Hosting;

    public static Template Default => DefaultTemplate.Value;

    public static Template Full => FullTemplate.Value;
}
