using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Stateless.Scan;

/// <summary>
/// --compiler-errors: the compiler errors of a project's compilation on stderr (count, the most frequent codes and a
/// few examples), to see what did not bind without the packages a real build restores. Costs a full bind.
/// </summary>
internal static class CompilerErrors
{
    public static void Report(ScanProject project, CSharpCompilation compilation, string root)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var codes = string.Join(", ", errors.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(5).Select(g => $"{g.Key}×{g.Count()}"));
        Progress.Line($"scan:   {project.DisplayPath}: {errors.Count} compiler errors{(errors.Count > 0 ? " (" + codes + ")" : string.Empty)}");
        foreach (var error in errors.Take(5))
        {
            var span = error.Location.GetLineSpan();
            var path = !error.Location.IsInSource ? "(no source)"
                : span.Path == ProjectCompilations.GlobalUsingsPath ? span.Path
                : ProjectGraph.Relative(root, span.Path);
            Progress.Line($"scan:     {path}:{span.StartLinePosition.Line + 1}: {error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }
}
