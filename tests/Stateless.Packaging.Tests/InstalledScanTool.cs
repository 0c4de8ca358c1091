using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Stateless.Packaging.Tests;

/// <summary>
/// Packs stateless-scan (tools/Stateless.Scan.Tool) once, installs it from that local feed as a user would
/// (<c>dotnet tool install --tool-path</c>, no other package source), and scans a copy of Fixtures/ReadinessSolution
/// (restored by the tool's --restore) once with --sarif and --report; the tests read that run.
/// </summary>
public sealed class InstalledScanTool : IDisposable
{
    public InstalledScanTool()
    {
        Root = DotNet.CreateTempDirectory("stateless-scan-tool");
        var feed = Path.Combine(Root, "feed");
        var project = Path.Combine(DotNet.RepositoryRoot, "tools", "Stateless.Scan.Tool", "Stateless.Scan.Tool.csproj");
        var timeout = TimeSpan.FromMinutes(5);
        var (packExit, packOutput) = DotNet.Run(DotNet.RepositoryRoot, timeout, "pack", project, "-c", DotNet.Configuration, "--no-build", "-o", feed);
        Package = Directory.GetFiles(feed, "Stateless.Scan.*.nupkg").SingleOrDefault()
            ?? throw new InvalidOperationException($"dotnet pack exited {packExit} without a Stateless.Scan package:\n{packOutput}");
        var version = Path.GetFileNameWithoutExtension(Package)["Stateless.Scan.".Length..];

        DotNet.WriteNuGetConfig(Root, feed);
        var tools = Path.Combine(Root, "tools");
        var (installExit, installOutput) = DotNet.Run(Root, timeout, "tool", "install", "Stateless.Scan", "--version", version, "--tool-path", tools);
        Command = Path.Combine(tools, OperatingSystem.IsWindows() ? "stateless-scan.exe" : "stateless-scan");
        if (installExit != 0 || !File.Exists(Command))
        {
            throw new InvalidOperationException($"dotnet tool install exited {installExit}:\n{installOutput}");
        }

        Solution = Path.Combine(Root, "solution");
        CopyDirectory(Path.Combine(DotNet.RepositoryRoot, "tests", "Stateless.Packaging.Tests", "Fixtures", "ReadinessSolution"), Solution);
        DotNet.WriteNuGetConfig(Solution);
        Sarif = Path.Combine(Root, "scan.sarif");
        Report = Path.Combine(Root, "readiness.md");
        var clock = Stopwatch.StartNew();
        (ScanExitCode, ScanOutput) = Run(Solution, "--restore", "--sarif", Sarif, "--report", Report);
        ScanTime = clock.Elapsed;
    }

    public string Root { get; }

    public string Package { get; }

    public string Command { get; }

    /// <summary>The copy of Fixtures/ReadinessSolution that was scanned.</summary>
    public string Solution { get; }

    public string Sarif { get; }

    public string Report { get; }

    public int ScanExitCode { get; }

    public string ScanOutput { get; }

    public TimeSpan ScanTime { get; }

    /// <summary>Runs the installed stateless-scan with these arguments (progress off) in <see cref="Root"/>.</summary>
    public (int ExitCode, string Output) Run(params string[] arguments) =>
        DotNet.RunProgram(Command, Root, TimeSpan.FromMinutes(5), arguments.Append("--no-progress").ToArray());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
