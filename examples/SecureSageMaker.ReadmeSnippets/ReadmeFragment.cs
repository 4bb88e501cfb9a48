using Amazon.CDK;
using SecureSageMaker;

namespace ReadmeSnippets;

/// <summary>A ```csharp fragment``` block of the README, compiled as a method.</summary>
/// <param name="Number">The block's number among the README's compiled C# blocks (complete files and fragments), 1-based.</param>
/// <param name="UsesWorkspace">The fragment uses the <c>workspace</c> it is given (a default workspace in <c>stack</c>).</param>
/// <param name="Run">The fragment: given an app, a stack with a fixed environment in it, and the workspace if it uses one.</param>
public sealed record ReadmeFragment(int Number, bool UsesWorkspace, Action<App, Stack, SecureMlWorkspace?> Run);
