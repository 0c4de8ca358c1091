using Microsoft.CodeAnalysis;

namespace Stateless.Scan.Tool;

/// <summary>The command line of stateless-scan.</summary>
internal sealed class ToolOptions
{
    public const string Usage = """
        usage: stateless-scan [path] [--sarif <file>] [--report <file>] [--write-baseline [<file>]] [--fail-on error|warning|info|none] [--restore] [--no-progress]
          path              a .sln, .slnx or .csproj file, or a folder (its solution, else every .csproj under it); default: the current folder
          --sarif           write the findings as SARIF 2.1.0 (GitHub code scanning)
          --report          write the Markdown replica-readiness report
          --write-baseline  write stateless.baseline.json (default: next to the solution or project) listing today's findings;
                            the Stateless.Analyzers package then suppresses exactly those, so builds fail only on new ones
          --restore         run `dotnet restore` on the path first (projects that are not restored are compiled without MSBuild)
          --fail-on         exit 1 when a finding has this severity or a higher one (default: warning); findings listed in the
                            stateless.baseline.json next to the solution or project do not count
        exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or load error
        """;

    public required string Target { get; init; }

    public string? Sarif { get; init; }

    public string? Report { get; init; }

    public bool WriteBaseline { get; init; }

    public string? BaselinePath { get; init; }

    /// <summary>The lowest severity that fails the run; null for none.</summary>
    public DiagnosticSeverity? FailOn { get; init; } = DiagnosticSeverity.Warning;

    public bool Progress { get; init; } = true;

    public bool Restore { get; init; }

    /// <summary>The options, or null (with the reason on stderr) when the command line is not usable.</summary>
    public static ToolOptions? Parse(string[] args)
    {
        string? target = null, sarif = null, report = null, baselinePath = null;
        var writeBaseline = false;
        var progress = true;
        var restore = false;
        DiagnosticSeverity? failOn = DiagnosticSeverity.Warning;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (arg)
            {
                case "-h" or "--help":
                    Console.Error.WriteLine(Usage);
                    return null;
                case "--sarif" or "--report":
                    var file = Value();
                    if (file is null)
                    {
                        Fail($"{arg} needs a file name");
                        return null;
                    }

                    if (arg == "--sarif")
                    {
                        sarif = file;
                    }
                    else
                    {
                        report = file;
                    }

                    break;
                case "--write-baseline":
                    writeBaseline = true;
                    baselinePath = i + 1 < args.Length && args[i + 1].EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? args[++i] : null;
                    break;
                case "--fail-on":
                    var level = Value();
                    if (!TryParseSeverity(level, out failOn))
                    {
                        Fail($"--fail-on takes error, warning, info or none, not '{level}'");
                        return null;
                    }

                    break;
                case "--restore":
                    restore = true;
                    break;
                case "--no-progress":
                    progress = false;
                    break;
                default:
                    if (arg.StartsWith("-", StringComparison.Ordinal) || target is not null)
                    {
                        Fail($"unknown or repeated argument {arg}");
                        return null;
                    }

                    target = arg;
                    break;
            }
        }

        return new ToolOptions
        {
            Target = Path.GetFullPath(target ?? Directory.GetCurrentDirectory()),
            Sarif = sarif,
            Report = report,
            WriteBaseline = writeBaseline,
            BaselinePath = baselinePath,
            FailOn = failOn,
            Progress = progress,
            Restore = restore,
        };
    }

    private static bool TryParseSeverity(string? text, out DiagnosticSeverity? severity)
    {
        severity = text?.ToLowerInvariant() switch
        {
            "error" => DiagnosticSeverity.Error,
            "warning" or "warn" => DiagnosticSeverity.Warning,
            "info" or "note" => DiagnosticSeverity.Info,
            _ => null,
        };
        return severity is not null || text?.ToLowerInvariant() == "none";
    }

    private static void Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        Console.Error.WriteLine(Usage);
    }
}
