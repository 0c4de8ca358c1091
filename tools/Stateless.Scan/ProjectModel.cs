namespace Stateless.Scan;

/// <summary>What a project is for; decides the project line and which per-kind totals a finding counts in.</summary>
internal enum ProjectKind
{
    Web,
    Library,
    Console,
    Worker,
    Test,
    Client,
    Loose,
}

/// <summary>
/// What the scanner reads from one .csproj (and the Directory.Build.props files above it): enough to compile it the
/// way a build would, without running MSBuild. Names of packages and frameworks keep their spelling; comparisons are
/// case-insensitive.
/// </summary>
internal sealed class ProjectFile
{
    public required string Path { get; init; }

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>SDK names without versions (<c>Microsoft.NET.Sdk.Web</c>, <c>MSTest.Sdk</c>...).</summary>
    public required IReadOnlyList<string> Sdks { get; init; }

    /// <summary>Property values after the Directory.Build.props chain and the project itself (last one wins).</summary>
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    public required IReadOnlyList<string> PackageReferences { get; init; }

    public required IReadOnlyList<string> FrameworkReferences { get; init; }

    /// <summary>Full paths of the .csproj files whose assemblies this project references (they may not exist).</summary>
    public required IReadOnlyList<string> ProjectReferences { get; init; }

    /// <summary><c>&lt;Using Include&gt;</c> items in order (removed ones are gone).</summary>
    public required IReadOnlyList<UsingItem> Usings { get; init; }

    /// <summary>Namespaces of <c>&lt;Using Remove&gt;</c> items; they also remove the SDK's implicit usings.</summary>
    public required IReadOnlySet<string> RemovedUsings { get; init; }

    /// <summary>Folders (full paths) removed from compilation by <c>&lt;Compile Remove="Folder/**" /&gt;</c>.</summary>
    public required IReadOnlyList<string> RemovedFolders { get; init; }

    public bool HasSdk(string name) => Sdks.Contains(name, StringComparer.OrdinalIgnoreCase);

    public bool IsTrue(string property) =>
        Properties.TryGetValue(property, out var value) && value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);

    public bool References(string package) => PackageReferences.Contains(package, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A project as the scan compiles it: its file, what it was classified as, and its sources.</summary>
internal sealed class ScanProject
{
    public required string Name { get; init; }

    /// <summary>The .csproj path relative to the scanned folder, forward slashes; <c>(loose files)</c> for the loose compilation.</summary>
    public required string DisplayPath { get; init; }

    /// <summary>Null for the loose compilation.</summary>
    public ProjectFile? File { get; init; }

    public required ProjectKind Kind { get; init; }

    /// <summary><c>Exe</c>, <c>WinExe</c> or <c>Library</c>.</summary>
    public required string OutputType { get; init; }

    /// <summary>Uses ASP.NET Core itself or through a referenced project.</summary>
    public required bool UsesAspNetCore { get; init; }

    /// <summary>Uses Microsoft.Extensions.* (Worker SDK or a Microsoft.Extensions.* package) itself or through a referenced project.</summary>
    public required bool UsesExtensions { get; init; }

    public required IReadOnlyList<string> SourceFiles { get; init; }

    /// <summary>The projects this one references, in the scan (missing ones and cycle edges dropped).</summary>
    public required IReadOnlyList<ScanProject> References { get; init; }

    /// <summary>The <c>build_property.*</c> keys a build would hand the analyzers for this project.</summary>
    public required IReadOnlyDictionary<string, string> BuildProperties { get; init; }

    /// <summary>The generated global usings file (SDK implicit usings and <c>&lt;Using&gt;</c> items); empty when none.</summary>
    public required string GlobalUsings { get; init; }
}

/// <summary>One <c>&lt;Using&gt;</c> item: <c>global using [static] [Alias =] global::Namespace;</c>.</summary>
internal sealed record UsingItem(string Namespace, string? Alias = null, bool Static = false)
{
    public string ToGlobalUsing() =>
        Alias is { Length: > 0 } ? $"global using {Alias} = global::{Namespace};"
        : Static ? $"global using static global::{Namespace};"
        : $"global using global::{Namespace};";
}
