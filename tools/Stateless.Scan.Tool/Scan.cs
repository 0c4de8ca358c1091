using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Stateless.Scan.Tool;

/// <summary>One run: load, scan each project, print the summary, write the requested files, decide the exit code.</summary>
internal static class Scan
{
    public static async Task<int> RunAsync(ToolOptions options, ScanTarget target, ConsoleOutput console, Stopwatch clock, string version)
    {
        if (options.Restore && !await RestoreAsync(target, console))
        {
            return 2;
        }

        LoadedWorkspace workspace;
        try
        {
            workspace = await console.WithStatusAsync("Loading projects with MSBuild...", status => WorkspaceLoader.OpenAsync(target, status));
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
        {
            console.Error($"could not open {target.Solution ?? target.Folder}: {e.Message}");
            return 2;
        }

        using (workspace)
        {
            if (workspace.ProjectFiles.Count == 0)
            {
                console.Error($"no C# project to scan in {target.Solution ?? target.Folder}" + (workspace.Failures.Count > 0 ? ": " + workspace.Failures[0] : string.Empty));
                return 2;
            }

            console.Info($"stateless-scan {version}: {Verdict.Count(workspace.ProjectFiles.Count, "project")} in {target.Solution ?? target.Folder}");
            var facts = new ProjectFacts(note => { });
            var scanner = new ProjectScanner(target, facts);
            var results = new List<ProjectResult>();
            for (var i = 0; i < workspace.ProjectFiles.Count; i++)
            {
                var path = workspace.ProjectFiles[i];
                var result = await console.WithStatusAsync($"[{i + 1}/{workspace.ProjectFiles.Count}] {target.Relative(path)}: analyzing...", _ => scanner.ScanAsync(workspace, path, CancellationToken.None));
                results.Add(result);
                console.ProjectDone(i + 1, workspace.ProjectFiles.Count, result);
            }

            // An existing baseline (not the one being rewritten) keeps its findings out of the --fail-on count.
            var baselinePath = options.BaselinePath ?? BaselineWriter.DefaultPath(target);
            var baselined = options.WriteBaseline ? new HashSet<ToolFinding>() : BaselineMatcher.Baselined(baselinePath, results);
            if (baselined.Count > 0)
            {
                console.Info($"{Verdict.Count(baselined.Count, "finding")} listed in {baselinePath} do not count against --fail-on");
            }

            var failing = options.FailOn is { } level ? results.SelectMany(p => p.Findings).Count(f => f.Severity >= level && !baselined.Contains(f)) : 0;
            console.Summary(results, clock.Elapsed, options.FailOn, failing);
            if (!WriteOutputs(options, target, results, clock.Elapsed, version, console))
            {
                return 2;
            }

            return failing > 0 ? 1 : 0;
        }
    }

    private static async Task<bool> RestoreAsync(ScanTarget target, ConsoleOutput console)
    {
        foreach (var path in target.Solution is { } solution ? new[] { solution } : target.Projects)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("restore");
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                console.Error($"dotnet restore {path} failed:\n{await output}{await errors}");
                return false;
            }
        }

        return true;
    }

    private static bool WriteOutputs(ToolOptions options, ScanTarget target, IReadOnlyList<ProjectResult> results, TimeSpan elapsed, string version, ConsoleOutput console)
    {
        try
        {
            if (options.Sarif is { } sarif)
            {
                SarifWriter.Write(sarif, target, results, version);
                console.Info($"SARIF written to {sarif}");
            }

            if (options.Report is { } report)
            {
                File.WriteAllText(report, ReadinessReport.Render(target, results, elapsed, version));
                console.Info($"Readiness report written to {report}");
            }

            if (options.WriteBaseline)
            {
                var path = options.BaselinePath ?? BaselineWriter.DefaultPath(target);
                var (written, skipped) = BaselineWriter.Write(path, results);
                console.Info($"Baseline written to {path}: {Verdict.Count(written, "finding")}");
                if (skipped > 0)
                {
                    console.Warning($"{Verdict.Count(skipped, "finding")} of rules that are errors by default (STL2002, STL2003) cannot be baselined: fix them (each has a code fix)");
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error(e.Message);
            return false;
        }
    }
}
