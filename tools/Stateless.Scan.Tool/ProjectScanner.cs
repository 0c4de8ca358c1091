using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.Baseline;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Scan.Tool;

/// <summary>
/// Runs every Stateless rule over one project: the compilation MSBuild loaded when it is usable (the project loaded
/// without failure, restored, the core library resolved), else the folder scanner's compilation of the project
/// (tools/Stateless.Scan) with a warning saying why. Test projects follow their own setting
/// (<c>stateless_analyze_test_code</c> in their .editorconfig), exactly as in a build.
/// </summary>
internal sealed class ProjectScanner
{
    private readonly ScanTarget _target;
    private readonly ProjectFacts _facts;

    public ProjectScanner(ScanTarget target, ProjectFacts facts)
    {
        _target = target;
        _facts = facts;
        Analyzers = typeof(Stateless.Analyzers.DiagnosticIds).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !typeof(DiagnosticSuppressor).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public async Task<ProjectResult> ScanAsync(LoadedWorkspace workspace, string projectPath, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var facts = _facts.For(projectPath);
        var warnings = new List<string>();
        var (compilation, options, byMSBuild) = await MSBuildCompilationAsync(workspace, projectPath, facts, warnings, cancellationToken)
            ?? FallbackCompilation(facts, warnings);

        var exceptions = new List<string>();
        IReadOnlyList<ToolFinding> findings = Array.Empty<ToolFinding>();
        var analyzed = false;
        if (compilation is not null && options is not null)
        {
            analyzed = AnalysisScope.Get(compilation, options).IsAnalyzed;
            var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
                options,
                (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"); } },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
            findings = diagnostics
                .Where(d => d.Id.StartsWith("STL", StringComparison.Ordinal) && d.Severity != DiagnosticSeverity.Hidden)
                .Where(d => d.Location.IsInSource && Path.IsPathRooted(d.Location.SourceTree!.FilePath))
                .Select(ToFinding)
                .OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Id, StringComparer.Ordinal)
                .ToList();
        }
        else
        {
            warnings.Add("not scanned: neither MSBuild nor the folder compilation could compile it");
        }

        var result = new ProjectResult
        {
            Name = Path.GetFileNameWithoutExtension(projectPath),
            Path = _target.Relative(projectPath),
            Kind = ProjectFacts.KindName(facts),
            LoadedByMSBuild = byMSBuild,
            Analyzed = analyzed,
            Findings = findings,
            Elapsed = DateTime.UtcNow - started,
        };
        result.Warnings.AddRange(warnings);
        result.Warnings.AddRange(exceptions.Distinct().Select(e => "analyzer exception: " + e));
        return result;
    }

    private static async Task<(Compilation?, AnalyzerOptions?, bool)?> MSBuildCompilationAsync(
        LoadedWorkspace workspace, string projectPath, ScanProject? facts, List<string> warnings, CancellationToken cancellationToken)
    {
        var failures = workspace.FailuresOf(projectPath).ToList();
        var project = workspace.Project(projectPath);
        if (project is null)
        {
            warnings.Add("MSBuild could not load the project" + (failures.Count > 0 ? ": " + failures[0] : string.Empty));
            return null;
        }

        // Without restore a design-time build succeeds but leaves out every package reference.
        var assets = Path.Combine(Path.GetDirectoryName(projectPath)!, "obj", "project.assets.json");
        if (!File.Exists(assets))
        {
            warnings.Add("not restored, so MSBuild cannot give its package references (run `dotnet restore` first, or pass --restore)");
            return null;
        }

        var compilation = await project.GetCompilationAsync(cancellationToken);
        if (compilation is null || compilation.GetSpecialType(SpecialType.System_Object).TypeKind == TypeKind.Error)
        {
            warnings.Add("MSBuild loaded the project without its framework references" + (failures.Count > 0 ? ": " + failures[0] : string.Empty));
            return null;
        }

        if (failures.Count > 0)
        {
            warnings.Add("MSBuild reported: " + failures[0]);
        }

        var properties = facts?.BuildProperties ?? new Dictionary<string, string>();
        var options = new AnalyzerOptions(project.AnalyzerOptions.AdditionalFiles, new BuildPropertyOptionsProvider(project.AnalyzerOptions.AnalyzerConfigOptionsProvider, properties));
        return (compilation, options, true);
    }

    private static (Compilation?, AnalyzerOptions?, bool) FallbackCompilation(ScanProject? facts, List<string> warnings)
    {
        if (facts is null)
        {
            return (null, null, false);
        }

        warnings.Add("compiled from its folder without MSBuild (SDK and common package references only); findings may differ from a build");
        CSharpCompilation compilation = new ProjectCompilations().Create(facts, (_, _) => { });
        var editorConfig = ScanConfigOptionsProvider.ReadEditorConfig(NearestEditorConfig(facts.File!.Directory));
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new ScanConfigOptionsProvider(editorConfig, facts.BuildProperties));
        return (compilation, options, false);
    }

    private static string? NearestEditorConfig(string folder)
    {
        for (var directory = new DirectoryInfo(folder); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".editorconfig");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private ToolFinding ToFinding(Diagnostic diagnostic)
    {
        var tree = diagnostic.Location.SourceTree!;
        var span = diagnostic.Location.GetLineSpan();
        var member = BaselineKey.Member(tree, diagnostic.Location.SourceSpan);
        return new ToolFinding(
            diagnostic.Descriptor,
            diagnostic.Severity,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            Path.GetFullPath(span.Path),
            _target.Relative(span.Path),
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1,
            span.EndLinePosition.Character + 1,
            member,
            BaselineKey.Fingerprint(diagnostic.Id, member, tree, diagnostic.Location.SourceSpan));
    }
}
