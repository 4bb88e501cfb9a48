// Written by DocsTests from README.md: the fragments, in order.

namespace SecureSageMaker.ReadmeSnippets;

public static partial class Readme
{
    public static IReadOnlyList<ReadmeFragment> Fragments { get; } = new ReadmeFragment[]
    {
    };
}
