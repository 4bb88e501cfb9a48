// Written by DocsTests from README.md: the fragments, in order.

namespace ReadmeSnippets;

public static partial class Readme
{
    public static IReadOnlyList<ReadmeFragment> Fragments { get; } = new ReadmeFragment[]
    {
        new(186, true, (app, stack, workspace) => Fragment01(app, stack, workspace!)),
        new(224, false, (app, stack, workspace) => Fragment02(app, stack, workspace!)),
        new(344, false, (app, stack, workspace) => Fragment03(app, stack, workspace!)),
        new(429, true, (app, stack, workspace) => Fragment04(app, stack, workspace!)),
        new(514, true, (app, stack, workspace) => Fragment05(app, stack, workspace!)),
        new(629, false, (app, stack, workspace) => Fragment06(app, stack, workspace!)),
        new(701, true, (app, stack, workspace) => Fragment07(app, stack, workspace!)),
        new(771, true, (app, stack, workspace) => Fragment09(app, stack, workspace!)),
    };
}
