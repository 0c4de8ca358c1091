using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Bench.Keystroke;

// Usage: Stateless.Bench.Keystroke <project.csproj> --ours <Stateless.Analyzers.dll> [--rounds 2] [--only ours|aspnetcore]
//        [--json out.json] [--full N [--cold]] [--probe-names]
// The project must have been restored and built once (its items are read from MSBuild).
// --full N: also N whole-compilation analyses per set (--cold: each on a new, unbound compilation, as in a build),
// with the time inside each analyzer. --probe-names: only time resolving every metadata name the package knows.
var arguments = args.ToList();
string Option(string name, string fallback)
{
    var index = arguments.IndexOf(name);
    return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : fallback;
}

if (arguments.Count == 0 || arguments[0].StartsWith("--", StringComparison.Ordinal))
{
    Console.Error.WriteLine("usage: Stateless.Bench.Keystroke <project.csproj> --ours <Stateless.Analyzers.dll> [--rounds 2] [--only ours|aspnetcore] [--full N] [--json out.json]");
    return 2;
}

var project = arguments[0];
var ours = Path.GetFullPath(Option("--ours", "Stateless.Analyzers.dll"));
var rounds = int.Parse(Option("--rounds", "2"), System.Globalization.CultureInfo.InvariantCulture);
var fullRuns = int.Parse(Option("--full", "0"), System.Globalization.CultureInfo.InvariantCulture);
var only = Option("--only", "");
var json = Option("--json", "");

Console.WriteLine($"keystroke: reading {project} from MSBuild...");
var inputs = ProjectInputs.Read(project);
var bench = BenchCompilation.Create(inputs);
var sets = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>();
if (only is "" or "ours")
{
    sets.Add(("ours", BenchCompilation.LoadAnalyzers(new[] { ours })));
}

if (only is "" or "aspnetcore")
{
    sets.Add(("aspnetcore", BenchCompilation.LoadAnalyzers(inputs.Analyzers.Where(p => Path.GetFileName(p).StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)))));
}

var compilation = bench.Compilation;
Console.WriteLine($"keystroke: {compilation.SyntaxTrees.Count()} documents, {inputs.References.Count} references; " +
    string.Join(", ", sets.Select(s => $"{s.Name}: {s.Analyzers.Length} analyzers")));
var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
Console.WriteLine($"keystroke: compilation bound (warm), {errors} compiler errors");

if (arguments.Contains("--probe-names"))
{
    // How long resolving every metadata name the package knows takes on a fresh compilation (as after an edit).
    var names = System.Reflection.Assembly.LoadFrom(ours).GetTypes()
        .Where(t => t.Name.StartsWith("MetadataNames", StringComparison.Ordinal))
        .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
        .SelectMany(f => f.GetValue(null) switch { string one => new[] { one }, string[] many => many, _ => Array.Empty<string>() })
        .Where(n => n.Contains('.'))
        .Distinct()
        .ToList();
    for (var run = 0; run < 6; run++)
    {
        var fresh = compilation.AddSyntaxTrees(); // a new compilation object sharing references, like the analyzer driver's
        fresh = (Microsoft.CodeAnalysis.CSharp.CSharpCompilation)fresh.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees);
        var started = Stopwatch.GetTimestamp();
        var found = names.Count(n => fresh.GetTypeByMetadataName(n) is not null);
        Console.WriteLine($"probe: {names.Count} names, {found} found, {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms");
    }

    return 0;
}

var documents = compilation.SyntaxTrees.ToList();
var results = sets.ToDictionary(s => s.Name, _ => new List<double>());
var diagnosticCounts = sets.ToDictionary(s => s.Name, _ => 0);
var fullTimes = sets.ToDictionary(s => s.Name, _ => new List<double>());
var byAnalyzer = new Dictionary<string, double>();

// Round 1 warms the JIT of every analyzer and is not counted.
for (var round = 0; round <= rounds && rounds > 0; round++)
{
    var counted = round > 0;
    var watch = Stopwatch.StartNew();
    for (var index = 0; index < documents.Count; index++)
    {
        var tree = documents[index];
        var model = compilation.GetSemanticModel(tree);

        // The document's semantic model is bound by a first, uncounted pass of both sets (the IDE has bound the open
        // document for its compiler diagnostics already); then each set runs on a fresh CompilationWithAnalyzers, so its
        // compilation-start work is counted as after an edit. The order alternates so neither always runs first.
        foreach (var (_, analyzers) in sets)
        {
            await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(bench.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
                .GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None);
        }

        var order = (index + round) % 2 == 0 ? sets : Enumerable.Reverse(sets).ToList();
        foreach (var (name, analyzers) in order)
        {
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(bench.Options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: counted));
            var started = Stopwatch.GetTimestamp();
            var found = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (counted)
            {
                results[name].Add(elapsed);
                if (round == 1)
                {
                    diagnosticCounts[name] += found.Length;
                }

                foreach (var analyzer in analyzers)
                {
                    var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
                    var key = name + " " + analyzer.GetType().Name;
                    byAnalyzer[key] = byAnalyzer.GetValueOrDefault(key) + telemetry.ExecutionTime.TotalMilliseconds;
                }
            }
        }

        if ((index + 1) % 50 == 0 || index + 1 == documents.Count)
        {
            Console.Write($"\rkeystroke: round {round}/{rounds}{(counted ? "" : " (warm-up)")}: {index + 1}/{documents.Count} documents, {watch.Elapsed.TotalSeconds:F0}s   ");
        }
    }

    Console.WriteLine();
}

// Optional: whole-compilation analysis on the warm compilation (analyzer time only, binding already done).
for (var run = 0; run < fullRuns; run++)
{
    foreach (var (name, analyzers) in sets)
    {
        // --cold: a new compilation of the same sources each time, nothing bound yet, as in a build.
        var target = arguments.Contains("--cold") ? BenchCompilation.Create(inputs).Compilation : compilation;
        var withAnalyzers = target.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(bench.Options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var started = Stopwatch.GetTimestamp();
        await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        fullTimes[name].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            var key = name + " " + analyzer.GetType().Name + " (whole compilation)";
            byAnalyzer[key] = byAnalyzer.GetValueOrDefault(key) + (telemetry.ExecutionTime.TotalMilliseconds / fullRuns);
        }
    }

    Console.WriteLine($"keystroke: whole compilation {run + 1}/{fullRuns}: " + string.Join(", ", sets.Select(s => $"{s.Name} {fullTimes[s.Name][^1]:F0} ms")));
}

static double Percentile(List<double> values, double p)
{
    var ordered = values.OrderBy(v => v).ToList();
    if (ordered.Count == 0)
    {
        return 0;
    }

    var rank = p * (ordered.Count - 1);
    var low = (int)Math.Floor(rank);
    var high = (int)Math.Ceiling(rank);
    return ordered[low] + ((ordered[high] - ordered[low]) * (rank - low));
}

Console.WriteLine();
Console.WriteLine($"semantic diagnostics of one document on a warm compilation, {rounds} round(s) x {documents.Count} documents (ms):");
Console.WriteLine($"{"set",-12} {"p50",8} {"p95",8} {"mean",8} {"max",8} {"diagnostics",12}");
var summary = new Dictionary<string, object>();
foreach (var (name, _) in sets)
{
    var values = results[name];
    if (values.Count == 0)
    {
        values.Add(0);
    }

    Console.WriteLine($"{name,-12} {Percentile(values, 0.5),8:F2} {Percentile(values, 0.95),8:F2} {values.Average(),8:F2} {values.Max(),8:F2} {diagnosticCounts[name],12}");
    summary[name] = new
    {
        p50_ms = Math.Round(Percentile(values, 0.5), 3),
        p95_ms = Math.Round(Percentile(values, 0.95), 3),
        mean_ms = Math.Round(values.Average(), 3),
        max_ms = Math.Round(values.Max(), 3),
        samples = values.Count,
        diagnostics = diagnosticCounts[name],
        whole_compilation_ms = fullTimes[name].Count > 0 ? Math.Round(Percentile(fullTimes[name], 0.5), 1) : (double?)null,
    };
}

if (sets.Count == 2)
{
    Console.WriteLine($"ours/aspnetcore: p50 {Percentile(results["ours"], 0.5) / Percentile(results["aspnetcore"], 0.5):F2}x, p95 {Percentile(results["ours"], 0.95) / Percentile(results["aspnetcore"], 0.95):F2}x");
}

if (byAnalyzer.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("time inside each analyzer's callbacks, summed over the counted documents (ms):");
    foreach (var (key, total) in byAnalyzer.Where(p => p.Value >= 1).OrderByDescending(p => p.Value).Take(25))
    {
        Console.WriteLine($"  {total,9:F0}  {key}");
    }
}

if (json.Length > 0)
{
    File.WriteAllText(json, JsonSerializer.Serialize(new { documents = documents.Count, rounds, sets = summary }, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"raw numbers: {json}");
}

return 0;
