using Amazon.CDK;

namespace SecureSageMaker.Tests;

/// <summary>
/// A workspace with every default, built once per test run: the GIVEN of the tests that pin a default
/// control. Tests of options build stacks of their own.
/// </summary>
internal static class Shared
{
    private static readonly Lazy<(Stack Stack, SecureMlWorkspace Workspace, Cfn Cfn)> Default = new(() =>
    {
        var (stack, workspace) = TestStacks.Workspace();
        return (stack, workspace, TestStacks.Synth(stack));
    });

    public static Stack DefaultStack => Default.Value.Stack;

    public static SecureMlWorkspace DefaultWorkspace => Default.Value.Workspace;

    /// <summary>The default workspace's template.</summary>
    public static Cfn DefaultCfn => Default.Value.Cfn;
}
