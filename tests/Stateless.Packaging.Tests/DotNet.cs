using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Stateless.Packaging.Tests;

/// <summary>Runs the dotnet CLI as a user would, isolated from the MSBuild environment of the test host.</summary>
internal static class DotNet
{
    public static string Configuration { get; } =
        typeof(DotNet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Configuration").Value ?? "Debug";

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The NuGet folder this repository's projects restored into (a folder feed of every package they use).</summary>
    public static string NuGetPackageRoot { get; } =
        typeof(DotNet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value is { Length: > 0 } root
            ? root
            : Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The version of a package in the repository's central package versions (Directory.Packages.props).</summary>
    public static string PackageVersion(string id) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .First(e => string.Equals((string?)e.Attribute("Include"), id, StringComparison.OrdinalIgnoreCase))
            .Attribute("Version")!.Value;

    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProgram("dotnet", workingDirectory, timeout, arguments);

    /// <summary>Runs a program (the dotnet CLI, an installed tool) with the environment of <see cref="Run"/>; stdout and stderr together.</summary>
    public static (int ExitCode, string Output) RunProgram(string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside MSBuild/VSTest; a child build must not inherit its SDK resolution.
        foreach (var variable in new[] { "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>A nuget.config whose only package sources are these folders (none: restore from what is cached).</summary>
    public static void WriteNuGetConfig(string folder, params string[] feeds)
    {
        var sources = string.Concat(feeds.Select((f, i) => $"\n    <add key=\"feed{i}\" value=\"{f}\" />"));
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />{sources}
              </packageSources>
            </configuration>
            """);
    }

    public static string CreateTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Stateless.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
