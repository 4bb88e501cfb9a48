using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Amazon.CDK;
using SecureSageMaker.Examples;

namespace SecureSageMaker.Benchmarks;

/// <summary>
/// Measures synth and test time against the jsii floor, in one run on one machine:
/// whole processes (floor, default workspace, full workspace), the same synths in one warm process,
/// the template economy of the example stacks, and the test suite's time per test.
/// Usage: <c>dotnet run -c Release --project bench/SecureSageMaker.Benchmarks [-- --runs N]</c>.
/// </summary>
public static class Program
{
    private static readonly string[] Modes = { "floor", "default", "full" };

    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--child")
        {
            Synthesize(args[1], args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "ssm-bench-" + Guid.NewGuid().ToString("N")));
            return 0;
        }

        if (args.Length >= 1 && args[0] == "--scale")
        {
            return Scale(args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
        }

        var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var root = RepoRoot();
        var report = new StringBuilder();
        void Out(string line = "")
        {
            Console.WriteLine(line);
            report.Append(line).Append('\n');
        }

        Out("# SecureSageMaker benchmark");
        Out();
        Out(Machine());
        Out();

        // 1. Whole processes, interleaved so that machine noise hits every mode alike.
        var whole = Modes.ToDictionary(m => m, _ => new List<double>());
        var self = typeof(Program).Assembly.Location;
        _ = RunProcess("dotnet", $"\"{self}\" --child floor", root); // warm the OS file cache and the jsii runtime cache
        for (var i = 0; i < runs; i++)
        {
            foreach (var mode in Modes)
            {
                whole[mode].Add(RunProcess("dotnet", $"\"{self}\" --child {mode}", root));
            }
        }

        var floorProcess = Median(whole["floor"]);
        Out($"## Whole processes (median of {runs}, ms)");
        Out();
        Out("| app | wall time | ratio to floor | target |");
        Out("|---|---|---|---|");
        Out(F($"| floor: empty App, one empty Stack | {floorProcess:0} | 1.00 | |"));
        Out(F($"| default workspace | {Median(whole["default"]):0} | {Median(whole["default"]) / floorProcess:0.00} | <= 1.25 |"));
        Out(F($"| full workspace | {Median(whole["full"]):0} | {Median(whole["full"]) / floorProcess:0.00} | <= 1.50 |"));
        Out();

        // 2. The same synths in one process, after the floor has started jsii.
        var inProcess = Modes.ToDictionary(m => m, _ => new List<double>());
        Synthesize("floor", TempDir());
        for (var i = 0; i < runs; i++)
        {
            foreach (var mode in Modes)
            {
                var sw = Stopwatch.StartNew();
                Synthesize(mode, TempDir());
                inProcess[mode].Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        var floorWarm = Median(inProcess["floor"]);
        Out($"## In one process, after jsii start-up (median of {runs}, ms)");
        Out();
        Out("| app | synth | marginal over floor |");
        Out("|---|---|---|");
        foreach (var mode in Modes)
        {
            Out(F($"| {mode} | {Median(inProcess[mode]):0} | {Median(inProcess[mode]) - floorWarm:0} |"));
        }

        Out();

        // 3. Template economy.
        var outdir = TempDir();
        var app = new App(new AppProps { Outdir = outdir });
        _ = ExampleStacks.AddAll(app);
        _ = ExampleStacks.AddOrganization(app, new[] { ExampleStacks.ExampleOrganizationalUnit });
        _ = app.Synth();
        Out("## Template economy");
        Out();
        Out("| stack | resources (limit 500) | template bytes (limit 1,048,576) |");
        Out("|---|---|---|");
        foreach (var name in new[] { ExampleStacks.DefaultStackName, ExampleStacks.FullStackName, ExampleStacks.OrganizationStackName })
        {
            var file = Path.Combine(outdir, name + ".template.json");
            var resources = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("Resources").EnumerateObject().Count();
            Out(F($"| {name} | {resources} | {new FileInfo(file).Length:N0} |"));
        }

        Out();

        // 4. The test suite, per test.
        Out("## Test suite");
        Out();
        var project = Path.Combine(root, "test", "SecureSageMaker.Tests");
        _ = RunProcess("dotnet", $"build \"{project}\" -c Release -nologo", root);
        var results = TempDir();
        var one = RunProcess("dotnet", $"test \"{project}\" -c Release --no-build --filter \"FullyQualifiedName~DefaultsTests\"", root);
        var all = RunProcess("dotnet", $"test \"{project}\" -c Release --no-build --logger \"trx;LogFileName=bench.trx\" --results-directory \"{results}\"", root);
        var trx = XDocument.Load(Path.Combine(results, "bench.trx"));
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var tests = trx.Descendants(ns + "UnitTestResult")
            .Select(r => (Name: (string)r.Attribute("testName")!, Ms: TimeSpan.Parse((string)r.Attribute("duration")!, CultureInfo.InvariantCulture).TotalMilliseconds))
            .ToList();
        Out("| measure | value |");
        Out("|---|---|");
        Out(F($"| tests | {tests.Count} |"));
        Out(F($"| wall time of `dotnet test --no-build`, whole suite | {all:0} ms |"));
        Out(F($"| wall time with one test (test host and jsii start-up) | {one:0} ms |"));
        Out(F($"| marginal wall time per test: (suite - one) / (tests - 1) | {(all - one) / Math.Max(1, tests.Count - 1):0} ms (target < 150) |"));
        Out(F($"| mean test duration reported by xunit | {tests.Average(t => t.Ms):0} ms |"));
        var synthesizing = tests.Where(t => t.Ms > 5).ToList();
        Out(F($"| tests that synthesize (over 5 ms): count, mean | {synthesizing.Count}, {synthesizing.Average(t => t.Ms):0} ms |"));
        Out();
        Out("Slowest tests:");
        Out();
        foreach (var t in tests.OrderByDescending(t => t.Ms).Take(5))
        {
            Out(F($"- {t.Ms:0} ms {t.Name}"));
        }

        var path = Path.Combine(root, "artifacts", "benchmark.md");
        _ = Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, report.ToString());
        Console.WriteLine();
        Console.WriteLine("Written to " + path);
        return 0;
    }

    private static void Synthesize(string mode, string outdir)
    {
        var phases = System.Environment.GetEnvironmentVariable("BENCH_PHASES") == "1" ? Stopwatch.StartNew() : null;
        var app = new App(new AppProps { Outdir = outdir });
        phases?.Let(sw => Console.Error.WriteLine(F($"app: {sw.ElapsedMilliseconds} ms; JIT {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms, {System.Runtime.JitInfo.GetCompiledMethodCount()} methods")));
        switch (mode)
        {
            case "floor":
                _ = new Stack(app, "Floor");
                break;
            case "default":
                _ = ExampleStacks.AddDefault(app);
                break;
            case "full":
                _ = ExampleStacks.AddFull(app);
                break;
            case var org when org.StartsWith("org-", StringComparison.Ordinal):
                // The organization stack (SCPs and the workspace StackSet) for N OUs: the template is synthesized once, whatever N.
                var ous = Enumerable.Range(0, int.Parse(org[4..], CultureInfo.InvariantCulture)).Select(i => "ou-ab12-" + i.ToString("D8", CultureInfo.InvariantCulture)).ToArray();
                _ = ExampleStacks.AddOrganization(app, ous, regions: new[] { "eu-west-1" });
                break;
            case var accounts when accounts.StartsWith("accounts-", StringComparison.Ordinal):
                // One stack per account: synth grows with the accounts.
                var targets = Enumerable.Range(0, int.Parse(accounts[9..], CultureInfo.InvariantCulture))
                    .Select(i => new AccountTarget((100000000000L + i).ToString(CultureInfo.InvariantCulture), "eu-west-1", new[] { "eu-west-1a", "eu-west-1b" }, Array.Empty<string>())).ToList();
                _ = ExampleStacks.AddAccounts(app, targets);
                break;
            default:
                throw new ArgumentException("Unknown mode '" + mode + "'. Use floor, default, full, org-N or accounts-N.", nameof(mode));
        }

        phases?.Let(sw => Console.Error.WriteLine(F($"construct: {sw.ElapsedMilliseconds} ms")));
        _ = app.Synth();
        phases?.Let(sw => Console.Error.WriteLine(F($"synth: {sw.ElapsedMilliseconds} ms; JIT {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms, {System.Runtime.JitInfo.GetCompiledMethodCount()} methods; .NET CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0} ms")));
    }

    private static void Let(this Stopwatch sw, Action<Stopwatch> action) => action(sw);

    /// <summary>Whole-process synth of the organization app with 1 and 1,000 OUs, and of 1, 10 and 50 per-account stacks (issue 25).</summary>
    private static int Scale(int runs)
    {
        var root = RepoRoot();
        var self = typeof(Program).Assembly.Location;
        var modes = new[] { "floor", "org-1", "org-1000", "accounts-1", "accounts-10", "accounts-50" };
        _ = RunProcess("dotnet", $"\"{self}\" --child floor", root);
        var times = modes.ToDictionary(m => m, _ => new List<double>());
        for (var i = 0; i < runs; i++)
        {
            foreach (var mode in modes)
            {
                times[mode].Add(RunProcess("dotnet", $"\"{self}\" --child {mode}", root));
            }
        }

        Console.WriteLine(F($"| app | wall time (median of {runs}, ms) | ratio to floor |"));
        Console.WriteLine("|---|---|---|");
        foreach (var mode in modes)
        {
            Console.WriteLine(F($"| {mode} | {Median(times[mode]):0} | {Median(times[mode]) / Median(times["floor"]):0.00} |"));
        }

        return 0;
    }

    /// <summary>The Amazon.CDK.Lib package version, from the deps file (the assembly's own version is 1.0.0).</summary>
    private static string CdkVersion()
    {
        var deps = Path.Combine(AppContext.BaseDirectory, typeof(Program).Assembly.GetName().Name + ".deps.json");
        var match = File.Exists(deps) ? System.Text.RegularExpressions.Regex.Match(File.ReadAllText(deps), "\"Amazon\\.CDK\\.Lib/([0-9.]+)\"") : null;
        return match is { Success: true } ? match.Groups[1].Value : "unknown";
    }

    private static double RunProcess(string file, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = sw.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
        }

        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "ssm-bench-" + Guid.NewGuid().ToString("N"));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureSageMaker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var node = RunText("node", "--version");
        return F($"Machine: {cpu ?? "unknown CPU"}, {System.Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {System.Environment.Version}; Node.js {node}; Amazon.CDK.Lib {CdkVersion()}; {DateTime.UtcNow:yyyy-MM-dd}.");
    }

    private static string RunText(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
