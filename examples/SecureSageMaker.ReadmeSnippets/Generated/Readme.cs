// Written by DocsTests from README.md: the fragments, in order.

namespace ReadmeSnippets;

public static partial class Readme
{
    public static IReadOnlyList<ReadmeFragment> Fragments { get; } = new ReadmeFragment[]
    {
        new(1, true, (app, stack, workspace) => Fragment01(app, stack, workspace!)),
        new(2, false, (app, stack, workspace) => Fragment02(app, stack, workspace!)),
        new(3, false, (app, stack, workspace) => Fragment03(app, stack, workspace!)),
        new(4, true, (app, stack, workspace) => Fragment04(app, stack, workspace!)),
        new(5, true, (app, stack, workspace) => Fragment05(app, stack, workspace!)),
        new(6, false, (app, stack, workspace) => Fragment06(app, stack, workspace!)),
        new(7, true, (app, stack, workspace) => Fragment07(app, stack, workspace!)),
        new(9, true, (app, stack, workspace) => Fragment09(app, stack, workspace!)),
        new(10, false, (app, stack, workspace) => Fragment10(app, stack, workspace!)),
    };
}
