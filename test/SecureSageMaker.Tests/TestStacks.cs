using Amazon.CDK;
using Amazon.CDK.Assertions;
using Constructs;
using SecureSageMaker.Examples;

namespace SecureSageMaker.Tests;

/// <summary>Stacks for tests: a fixed account and region, and no bootstrap version rule.</summary>
internal static class TestStacks
{
    public const string Account = "111122223333";
    public const string Region = "eu-west-1";

    public static Amazon.CDK.Environment Env => new() { Account = Account, Region = Region };

    public static IStackSynthesizer Synthesizer() => new DefaultStackSynthesizer(new DefaultStackSynthesizerProps
    {
        GenerateBootstrapVersionRule = false,
    });

    /// <summary>A new app with one stack of a fixed environment.</summary>
    public static Stack Create(string id = "TestStack", bool fixedEnvironment = true) => new(new App(), id, new StackProps
    {
        Env = fixedEnvironment ? Env : null,
        Synthesizer = Synthesizer(),
    });

    /// <summary>A stack with a workspace of the given props, and its template.</summary>
    public static (SecureMlWorkspace Workspace, Template Template) Workspace(SecureMlWorkspaceProps? props = null, Action<Stack>? before = null)
    {
        var stack = Create();
        before?.Invoke(stack);
        var workspace = new SecureMlWorkspace(stack, "Workspace", props);
        return (workspace, Template.FromStack(stack));
    }

    /// <summary>A stack built by <paramref name="build"/>, and its template.</summary>
    public static Template Synth(Action<Construct> build)
    {
        var stack = Create();
        build(stack);
        return Template.FromStack(stack);
    }
}

/// <summary>The example stacks, synthesized once per test run and shared by the tests that only read them.</summary>
internal static class Examples
{
    private static readonly Lazy<(Stack Default, Stack Full)> Stacks = new(() =>
        ExampleStacks.AddAll(new App(), TestStacks.Synthesizer()));

    private static readonly Lazy<Template> DefaultTemplate = new(() => Template.FromStack(Stacks.Value.Default));
    private static readonly Lazy<Template> FullTemplate = new(() => Template.FromStack(Stacks.Value.Full));

    public static Stack DefaultStack => Stacks.Value.Default;

    public static Stack FullStack => Stacks.Value.Full;

    /// <summary>The template of the workspace with every default.</summary>
    public static Template Default => DefaultTemplate.Value;

    /// <summary>The template of the workspace with every feature.</summary>
    public static Template Full => FullTemplate.Value;
}
