using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.Testing;

// Usage: scan <folder> [--only STL1001,STL2001] [--editorconfig <file>] [--no-implicit-usings] [--repeat N] [--sequential]
//        [--analyzers path/to/Stateless.Analyzers.dll] [--analyzer-names A,B]
// Parses every .cs file under <folder> (skipping bin/ and obj/) into one compilation against .NET, ASP.NET Core,
// Microsoft.IdentityModel and System.IdentityModel.Tokens.Jwt, runs every Stateless analyzer, and prints each
// finding with file:line, then counts per rule. With --repeat N the analysis runs N times, each over a fresh copy of
// the compilation (so symbols are rebuilt as in a new build, while the analyzers' code stays JIT-compiled), and the
// per-analyzer times are the medians of the runs after the first; --sequential runs one callback at a time (no lock
// contention between analyzers, steadier on a busy machine); --analyzers loads another build of the rules (before/after
// figures) and --analyzer-names keeps only the named analyzer classes. Exit code: 0 when the scan ran (findings or not), 2 on bad usage,
// 3 when an analyzer threw.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: scripts/scan <folder> [--only STL1001,STL2001] [--editorconfig <file>] [--repeat N]");
    return 2;
}

var folder = Path.GetFullPath(args[0]);
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"error: {folder} is not a folder");
    return 2;
}

var only = ArgValue(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
var editorConfigPath = ArgValue(args, "--editorconfig");
var repeat = int.TryParse(ArgValue(args, "--repeat"), out var repeatValue) && repeatValue > 0 ? repeatValue : 1;

var clock = Stopwatch.StartNew();
var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
    .Where(f => !IsIgnored(Path.GetRelativePath(folder, f)))
    .OrderBy(f => f, StringComparer.Ordinal)
    .ToList();
Console.Error.WriteLine($"scan: {files.Count} C# files under {folder}");

var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var trees = new List<SyntaxTree>(files.Count);
var parsed = 0;
foreach (var file in files)
{
    var text = await File.ReadAllTextAsync(file);
    trees.Add(CSharpSyntaxTree.ParseText(text, parseOptions, path: file));
    if (++parsed % 200 == 0 || parsed == files.Count)
    {
        Console.Error.Write($"\rscan: parsed {parsed}/{files.Count}");
    }
}

Console.Error.WriteLine();

// Most projects compile with the SDK's implicit global usings (generated into obj/, which is skipped): add the
// Web SDK's set so that List<T>, HttpContext, IServiceCollection... bind as they do in the real build.
if (!args.Contains("--no-implicit-usings"))
{
    trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, path: "<implicit global usings>"));
}

var compilation = CSharpCompilation.Create(
    "Scan",
    trees,
    OfflineReferences.Metadata,
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true));

// --analyzers <Stateless.Analyzers.dll>: another build of the rules (an older commit, for before/after figures).
var analyzerAssembly = ArgValue(args, "--analyzers") is { } analyzerPath
    ? new System.Runtime.Loader.AssemblyLoadContext("rules", isCollectible: false).LoadFromAssemblyPath(Path.GetFullPath(analyzerPath))
    : typeof(Stateless.Analyzers.DiagnosticIds).Assembly;
var analyzers = analyzerAssembly.GetTypes()
    .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
    .Where(t => ArgValue(args, "--analyzer-names") is not { } names || names.Split(',').Contains(t.Name))
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();

var exceptions = new List<string>();
var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new ScanConfigOptionsProvider(editorConfigPath));
var runs = new List<IReadOnlyDictionary<string, TimeSpan>>();
List<Diagnostic> diagnostics = new();
for (var run = 1; run <= repeat; run++)
{
    var withAnalyzers = (run == 1 ? compilation : compilation.Clone()).WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
        analyzerOptions,
        (exception, analyzer, diagnostic) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"); } },
        concurrentAnalysis: !args.Contains("--sequential"),
        logAnalyzerExecutionTime: true));

    Console.Error.WriteLine(repeat == 1
        ? $"scan: running {analyzers.Length} analyzers over {trees.Count} files..."
        : $"scan: run {run}/{repeat}: running {analyzers.Length} analyzers over {trees.Count} files...");
    using var progress = new Timer(_ => Console.Error.Write($"\rscan: analyzing... {clock.Elapsed.TotalSeconds:0}s"), null, 2000, 2000);
    diagnostics = (await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None))
        .Where(d => d.Id.StartsWith("STL", StringComparison.Ordinal) && (only is null || only.Contains(d.Id)))
        .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
        .ThenBy(d => d.Location.SourceSpan.Start)
        .ToList();
    progress.Change(Timeout.Infinite, Timeout.Infinite);
    var telemetry = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
    runs.Add(telemetry.AnalyzerTelemetryInfo.ToDictionary(p => p.Key.GetType().Name, p => p.Value.ExecutionTime));
    if (repeat > 1)
    {
        Console.Error.WriteLine($"scan: run {run}/{repeat}: our analyzers {runs[^1].Values.Sum(t => t.TotalMilliseconds):0.0} ms");
    }
}

Console.Error.WriteLine();

foreach (var diagnostic in diagnostics)
{
    var span = diagnostic.Location.GetLineSpan();
    var path = Path.GetRelativePath(folder, span.Path);
    Console.WriteLine($"{path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage()}");
}

Console.WriteLine();
Console.WriteLine("Findings per rule");
foreach (var group in diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {group.Key}  {group.Count(),6}  {group.First().Descriptor.Title}");
}

Console.WriteLine($"  total    {diagnostics.Count,6}");
Console.WriteLine();
var measured = runs.Count > 1 ? runs.Skip(1).ToList() : runs;
Console.WriteLine(runs.Count > 1 ? $"Analyzer time (median of runs 2-{runs.Count})" : "Analyzer time");
var medians = measured[0].Keys
    .Select(name => (Name: name, Time: measured.Select(r => r[name].TotalMilliseconds).OrderBy(t => t).ElementAt(measured.Count / 2)))
    .OrderByDescending(p => p.Time)
    .ToList();
foreach (var (name, time) in medians)
{
    Console.WriteLine($"  {name,-40} {time,10:0.0} ms");
}

Console.WriteLine($"  {"all",-40} {medians.Sum(p => p.Time),10:0.0} ms");
Console.WriteLine();
Console.WriteLine($"Scanned {trees.Count} files in {clock.Elapsed.TotalSeconds:0.0} s; {diagnostics.Count} findings; {exceptions.Count} analyzer exceptions.");
foreach (var exception in exceptions.Distinct())
{
    Console.WriteLine("  analyzer exception: " + exception);
}

return exceptions.Count > 0 ? 3 : 0;

static bool IsIgnored(string relativePath)
{
    var parts = relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
    return parts.Any(p => p is "bin" or "obj" or ".git" or "node_modules");
}

static string? ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>Applies the [*.cs] key/value pairs of one .editorconfig file (if given) to every tree.</summary>
internal static partial class Program
{
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        """;
}

internal sealed class ScanConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly DictionaryOptions _options;

    public ScanConfigOptionsProvider(string? editorConfigPath)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (editorConfigPath is not null && File.Exists(editorConfigPath))
        {
            foreach (var raw in File.ReadAllLines(editorConfigPath))
            {
                var line = raw.Trim();
                var equals = line.IndexOf('=');
                if (line.Length == 0 || line[0] is '#' or ';' or '[' || equals <= 0)
                {
                    continue;
                }

                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        _options = new DictionaryOptions(values);
    }

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
