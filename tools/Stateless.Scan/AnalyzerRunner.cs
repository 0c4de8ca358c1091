using System.Collections.Immutable;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.Scan;

/// <summary>One finding, tied to the project whose compilation reported it.</summary>
internal sealed record Finding(ScanProject Project, Diagnostic Diagnostic, string Path, int Line, int Column);

/// <summary>
/// Runs the Stateless analyzers over one compilation at a time. With --repeat N each project is analysed N times, each
/// over a fresh copy of its compilation (symbols rebuilt as in a new build, the analyzers' code already JIT-compiled);
/// a project's per-analyzer time is the median of its runs after the first, and the times of all projects add up.
/// </summary>
internal sealed class AnalyzerRunner
{
    private readonly ScanOptions _options;
    private readonly IReadOnlyDictionary<string, string> _editorConfig;
    private readonly Dictionary<string, double> _milliseconds = new(StringComparer.Ordinal);

    public AnalyzerRunner(ScanOptions options)
    {
        _options = options;
        _editorConfig = ScanConfigOptionsProvider.ReadEditorConfig(options.EditorConfig);

        // --analyzers <Stateless.Analyzers.dll>: another build of the rules (an older commit, for before/after figures).
        var assembly = options.AnalyzersPath is { } path
            ? new AssemblyLoadContext("rules", isCollectible: false).LoadFromAssemblyPath(Path.GetFullPath(path))
            : typeof(Stateless.Analyzers.DiagnosticIds).Assembly;
        Analyzers = assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !typeof(DiagnosticSuppressor).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => options.AnalyzerNames is not { } names || names.Contains(t.Name))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public List<string> Exceptions { get; } = new();

    /// <summary>Per analyzer class: the summed (median-per-project) execution time.</summary>
    public IReadOnlyDictionary<string, double> Milliseconds => _milliseconds;

    /// <summary>The package's own frames of the exception's stack (where to look), on the lines after the message.</summary>
    private static string Where(Exception exception) =>
        string.Concat((exception.StackTrace ?? string.Empty)
            .Split('\n')
            .Where(line => line.Contains("Stateless.Analyzers", StringComparison.Ordinal))
            .Take(4)
            .Select(line => Environment.NewLine + "      " + line.Trim()));

    public async Task<List<Finding>> RunAsync(ScanProject project, CSharpCompilation compilation, Action<string> progress)
    {
        var analyzerOptions = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new ScanConfigOptionsProvider(_editorConfig, project.BuildProperties));
        var runs = new List<Dictionary<string, double>>();
        ImmutableArray<Diagnostic> diagnostics = ImmutableArray<Diagnostic>.Empty;
        for (var run = 1; run <= _options.Repeat; run++)
        {
            var withAnalyzers = (run == 1 ? compilation : compilation.Clone()).WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
                analyzerOptions,
                (exception, analyzer, _) => { lock (Exceptions) { Exceptions.Add($"{project.DisplayPath}: {analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}{Where(exception)}"); } },
                concurrentAnalysis: !_options.Sequential,
                logAnalyzerExecutionTime: true));
            if (_options.Repeat > 1)
            {
                progress($"run {run}/{_options.Repeat}");
            }

            diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
            var telemetry = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
            runs.Add(telemetry.AnalyzerTelemetryInfo.ToDictionary(p => p.Key.GetType().Name, p => p.Value.ExecutionTime.TotalMilliseconds));
        }

        var measured = runs.Count > 1 ? runs.Skip(1).ToList() : runs;
        foreach (var name in measured[0].Keys)
        {
            var median = measured.Select(r => r[name]).OrderBy(t => t).ElementAt(measured.Count / 2);
            _milliseconds[name] = _milliseconds.GetValueOrDefault(name) + median;
        }

        return diagnostics
            .Where(d => d.Id.StartsWith("STL", StringComparison.Ordinal) && (_options.Only is null || _options.Only.Contains(d.Id)))
            .Where(d => d.Location.IsInSource)
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                var path = span.Path == ProjectCompilations.GlobalUsingsPath ? span.Path : ProjectGraph.Relative(_options.Folder, span.Path);
                return new Finding(project, d, path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
            })
            .ToList();
    }
}
