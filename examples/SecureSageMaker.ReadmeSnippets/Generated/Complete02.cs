// README.md line 542, written by DocsTests: edit the README, then run UPDATE_SNAPSHOTS=1 dotnet test.
using System.Runtime.CompilerServices;
using SecureSageMaker.Testing;
using Xunit;

public class MyStackSnapshot
{
    [Fact]
    public void Template_MatchesSnapshot()
    {
        var app = new App();
        var stack = new MyMlStack(app, "MyMlStack");
        TemplateSnapshot.Verify(stack, Snapshot("MyMlStack"));
    }

    private static string Snapshot(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "__snapshots__", name + ".json");
}
