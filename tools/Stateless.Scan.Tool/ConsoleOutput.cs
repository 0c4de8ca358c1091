using Microsoft.CodeAnalysis;
using Spectre.Console;

namespace Stateless.Scan.Tool;

/// <summary>
/// What a person sees: progress and warnings on stderr (a live status line on a terminal, plain lines otherwise), and
/// on stdout the findings (<c>path:line:col: severity ID: message</c>) and a summary table with one verdict per project.
/// </summary>
internal sealed class ConsoleOutput
{
    private readonly IAnsiConsole _err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    private readonly IAnsiConsole _out = AnsiConsole.Console;
    private readonly bool _live;

    public ConsoleOutput(bool progress) => _live = progress && !Console.IsErrorRedirected;

    public void Error(string message) => _err.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    public void Warning(string message) => _err.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

    public void Info(string message) => _err.MarkupLine(Markup.Escape(message));

    /// <summary>Runs work with a status line it can update (a spinner on a terminal, nothing when redirected).</summary>
    public async Task<T> WithStatusAsync<T>(string initial, Func<Action<string>, Task<T>> work)
    {
        if (!_live)
        {
            return await work(_ => { });
        }

        return await _err.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(initial), context => work(text => context.Status(Markup.Escape(text))));
    }

    public void ProjectDone(int index, int count, ProjectResult project)
    {
        var how = project.LoadedByMSBuild ? "msbuild" : "folder fallback";
        _err.MarkupLine($"[grey][[{index}/{count}]][/] {Markup.Escape(project.Path)} ({project.Kind}, {how}): {Verdict.Count(project.Findings.Count, "finding")}, {project.Elapsed.TotalSeconds:0.0} s");
        foreach (var warning in project.Warnings)
        {
            Warning($"{project.Path}: {warning}");
        }
    }

    public void Summary(IReadOnlyList<ProjectResult> projects, TimeSpan elapsed, DiagnosticSeverity? failOn, int failing)
    {
        foreach (var finding in projects.SelectMany(p => p.Findings).DistinctBy(f => (f.Path, f.Line, f.Column, f.Id)))
        {
            // Plain lines, never wrapped: editors and scripts read them as path:line:col.
            Console.Out.WriteLine($"{finding.Path}:{finding.Line}:{finding.Column}: {finding.Severity.ToString().ToLowerInvariant()} {finding.Id}: {finding.Message}");
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Replica readiness");
        table.AddColumn("Project");
        table.AddColumn("Kind");
        table.AddColumn(new TableColumn("Findings").RightAligned());
        table.AddColumn("Verdict");
        foreach (var project in projects)
        {
            table.AddRow(Markup.Escape(project.Name), project.Kind, project.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(Verdict.For(project)));
        }

        _out.WriteLine();
        _out.Write(table);
        var byRule = projects.SelectMany(p => p.Findings).GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        _out.WriteLine($"Findings per rule: {string.Join(", ", byRule.DefaultIfEmpty("none"))}");
        var gate = failOn is { } level ? $"{Verdict.Count(failing, "finding")} at or above {level.ToString().ToLowerInvariant()}" : "--fail-on none";
        _out.WriteLine($"Scanned {Verdict.Count(projects.Count, "project")} in {elapsed.TotalSeconds:0.0} s; {Verdict.Count(projects.Sum(p => p.Findings.Count), "finding")}; {gate}.");
    }
}
