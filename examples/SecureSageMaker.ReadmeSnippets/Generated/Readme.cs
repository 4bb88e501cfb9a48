// Written by DocsTests from README.md: the fragments, in order.

namespace SecureSageMaker.ReadmeSnippets;

public static partial class Readme
{
    public static IReadOnlyList<ReadmeFragment> Fragments { get; } = new ReadmeFragment[]
    {
        new(168, true, (app, stack, workspace) => Fragment01(app, stack, workspace!)),
        new(206, false, (app, stack, workspace) => Fragment02(app, stack, workspace!)),
        new(326, false, (app, stack, workspace) => Fragment03(app, stack, workspace!)),
        new(411, true, (app, stack, workspace) => Fragment04(app, stack, workspace!)),
        new(496, true, (app, stack, workspace) => Fragment05(app, stack, workspace!)),
        new(611, false, (app, stack, workspace) => Fragment06(app, stack, workspace!)),
        new(680, true, (app, stack, workspace) => Fragment07(app, stack, workspace!)),
        new(750, true, (app, stack, workspace) => Fragment09(app, stack, workspace!)),
    };
}
