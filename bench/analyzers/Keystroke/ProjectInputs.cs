using System.Diagnostics;
using System.Text.Json;

namespace Stateless.Bench.Keystroke;

/// <summary>What the build gives the compiler for a project: sources, references, analyzers, defines, global options.</summary>
internal sealed record ProjectInputs(
    string ProjectFile,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> References,
    IReadOnlyList<string> Analyzers,
    IReadOnlyList<string> Defines,
    string LangVersion,
    string OutputType,
    string? GlobalConfigFile)
{
    /// <summary>Asks MSBuild for the items a build of <paramref name="projectFile"/> passes to csc (the project must be restored and built once).</summary>
    public static ProjectInputs Read(string projectFile)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // Under a tracer the diagnostics port settings are inherited and would suspend MSBuild waiting for it.
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        foreach (var argument in new[]
        {
            "msbuild", projectFile, "-p:Configuration=Release", "-nologo",
            "-t:ResolveAssemblyReferences;FindReferenceAssembliesForReferences;ResolveTargetingPackAssets;GenerateMSBuildEditorConfigFile",
            "-getItem:ReferencePathWithRefAssemblies", "-getItem:Analyzer", "-getItem:Compile", "-getItem:EditorConfigFiles",
            "-getProperty:DefineConstants", "-getProperty:LangVersion", "-getProperty:OutputType", "-getProperty:GeneratedMSBuildEditorConfigFile",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet msbuild failed ({process.ExitCode}):\n{output}\n{error}");
        }

        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("Items");
        var properties = json.RootElement.GetProperty("Properties");
        var directory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        string Full(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
        List<string> Paths(string name) => items.TryGetProperty(name, out var list)
            ? list.EnumerateArray().Select(i => Full(i.GetProperty("FullPath").GetString() ?? i.GetProperty("Identity").GetString()!)).ToList()
            : new List<string>();
        string Property(string name) => properties.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

        var globalConfig = Property("GeneratedMSBuildEditorConfigFile");
        return new ProjectInputs(
            Path.GetFullPath(projectFile),
            Paths("Compile").Where(p => p.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).ToList(),
            Paths("ReferencePathWithRefAssemblies"),
            Paths("Analyzer"),
            Property("DefineConstants").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Property("LangVersion"),
            Property("OutputType"),
            globalConfig.Length > 0 && File.Exists(Full(globalConfig)) ? Full(globalConfig) : null);
    }
}
