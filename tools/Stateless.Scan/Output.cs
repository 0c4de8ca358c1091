namespace Stateless.Scan;

/// <summary>
/// What the scan prints on stdout: one line per project (by path, the loose files last), the findings (<c>path:line:col: severity ID: message</c>,
/// path relative to the scanned folder with forward slashes, sorted by path then position), then the summary.
/// </summary>
internal static class Output
{
    public static string ProjectLine(ScanProject project) =>
        $"project {project.DisplayPath} kind={Name(project.Kind)} output={project.OutputType} aspnetcore={(project.UsesAspNetCore ? "yes" : "no")} files={project.SourceFiles.Count}";

    public static string Name(ProjectKind kind) => kind.ToString().ToLowerInvariant();

    public static void Print(IReadOnlyList<ScanProject> projects, List<Finding> findings, AnalyzerRunner runner, int repeat, TimeSpan elapsed)
    {
        foreach (var project in projects.OrderBy(p => p.Kind == ProjectKind.Loose).ThenBy(p => p.DisplayPath, StringComparer.Ordinal))
        {
            Console.WriteLine(ProjectLine(project));
        }

        Console.WriteLine();
        var sorted = findings
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Diagnostic.Location.SourceSpan.Start)
            .ThenBy(f => f.Diagnostic.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var finding in sorted)
        {
            var diagnostic = finding.Diagnostic;
            Console.WriteLine($"{finding.Path}:{finding.Line}:{finding.Column}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        Console.WriteLine();
        Console.WriteLine("Findings per rule");
        foreach (var group in sorted.GroupBy(f => f.Diagnostic.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {group.Key}  {group.Count(),6}  {group.First().Diagnostic.Descriptor.Title}");
        }

        Console.WriteLine($"  total    {sorted.Count,6}");
        Console.WriteLine();
        Console.WriteLine("Findings per project kind");
        foreach (var group in projects.GroupBy(p => p.Kind).OrderBy(g => g.Key))
        {
            var count = sorted.Count(f => f.Project.Kind == group.Key);
            Console.WriteLine($"  {Name(group.Key),-8} {count,6}  ({group.Count()} projects, {group.Sum(p => p.SourceFiles.Count)} files)");
        }

        Console.WriteLine();
        Console.WriteLine(repeat > 1 ? $"Analyzer time (per project the median of runs 2-{repeat}, summed over projects)" : "Analyzer time (summed over projects)");
        var times = runner.Milliseconds.OrderByDescending(p => p.Value).ToList();
        foreach (var (name, time) in times)
        {
            Console.WriteLine($"  {name,-40} {time,10:0.0} ms");
        }

        Console.WriteLine($"  {"all",-40} {times.Sum(p => p.Value),10:0.0} ms");
        Console.WriteLine();
        Console.WriteLine($"Scanned {projects.Sum(p => p.SourceFiles.Count)} files in {projects.Count} projects in {elapsed.TotalSeconds:0.0} s; {sorted.Count} findings; {runner.Exceptions.Count} analyzer exceptions.");
        foreach (var exception in runner.Exceptions.Distinct())
        {
            Console.WriteLine("  analyzer exception: " + exception);
        }
    }
}
