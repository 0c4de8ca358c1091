using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Stateless.Scan;

/// <summary>
/// Reads a .csproj as XML, without MSBuild: SDKs, properties (after those of every Directory.Build.props from the
/// scanned folder down to the project's folder, nearest last), package, framework and project references,
/// <c>&lt;Using&gt;</c> items and <c>&lt;Compile Remove="Folder/**" /&gt;</c>. A ProjectReference that does not
/// reference the assembly (<c>ReferenceOutputAssembly="false"</c>, or an Aspire app host's project resource) is left out.
/// A property or item whose condition (or whose group's) is known to be false is skipped (<see cref="MsBuildCondition"/>);
/// one whose condition cannot be evaluated without MSBuild counts. <c>$(Name)</c> expands to properties read so far.
/// </summary>
internal static partial class ProjectLoader
{
    public static ProjectFile? Load(string projectPath, string scanRoot, Action<string> note)
    {
        var state = new State(Path.GetDirectoryName(projectPath)!);
        state.Properties["MSBuildProjectDirectory"] = state.ProjectDirectory;
        state.Properties["MSBuildProjectName"] = Path.GetFileNameWithoutExtension(projectPath);

        foreach (var props in DirectoryBuildProps(state.ProjectDirectory, scanRoot))
        {
            if (TryLoad(props, note) is { } document)
            {
                Read(document, props, state, isProject: false);
            }
        }

        if (TryLoad(projectPath, note) is not { } project)
        {
            return null;
        }

        Read(project, projectPath, state, isProject: true);

        // An Aspire app host launches the projects it references (resources) instead of compiling against them.
        var aspireHost = state.Sdks.Contains("Aspire.AppHost.Sdk", StringComparer.OrdinalIgnoreCase)
            || (state.Properties.TryGetValue("IsAspireHost", out var isAspireHost) && isAspireHost.Equals("true", StringComparison.OrdinalIgnoreCase));
        return new ProjectFile
        {
            Path = projectPath,
            Sdks = state.Sdks,
            Properties = state.Properties,
            PackageReferences = state.Packages,
            FrameworkReferences = state.Frameworks,
            ProjectReferences = state.ProjectReferences.Where(r => !(aspireHost && r.AspireResource)).Select(r => r.Path).ToList(),
            Usings = state.Usings,
            RemovedUsings = state.RemovedUsings,
            RemovedFolders = state.RemovedFolders,
        };
    }

    /// <summary>Directory.Build.props files from <paramref name="scanRoot"/> down to <paramref name="directory"/>, outermost first.</summary>
    private static IEnumerable<string> DirectoryBuildProps(string directory, string scanRoot)
    {
        var chain = new List<string>();
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var props = Path.Combine(current.FullName, "Directory.Build.props");
            if (File.Exists(props))
            {
                chain.Add(props);
            }

            if (PathsEqual(current.FullName, scanRoot))
            {
                break;
            }
        }

        chain.Reverse();
        return chain;
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    private static XDocument? TryLoad(string path, Action<string> note)
    {
        try
        {
            return XDocument.Load(path);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            note($"cannot read {path}: {e.Message}");
            return null;
        }
    }

    private static void Read(XDocument document, string filePath, State state, bool isProject)
    {
        if (document.Root is not { } root)
        {
            return;
        }

        var thisFileDirectory = Path.GetDirectoryName(filePath)! + Path.DirectorySeparatorChar;
        state.Properties["MSBuildThisFileDirectory"] = thisFileDirectory;
        if (isProject)
        {
            AddSdks(state, (string?)root.Attribute("Sdk"));
        }

        foreach (var element in root.Descendants())
        {
            if (ConditionIsFalse(element, state))
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "Sdk" when isProject && element.Parent == root:
                    AddSdks(state, (string?)element.Attribute("Name"));
                    break;
                case "Import" when isProject:
                    AddSdks(state, (string?)element.Attribute("Sdk"));
                    break;
                case var _ when element.Parent?.Name.LocalName == "PropertyGroup" && !element.HasElements:
                    state.Properties[element.Name.LocalName] = Expand(element.Value.Trim(), state);
                    break;
                case "PackageReference":
                    state.Packages.AddRange(Names(element, "Include", state).Concat(Names(element, "Update", state)));
                    break;
                case "FrameworkReference":
                    state.Frameworks.AddRange(Names(element, "Include", state));
                    break;
                case "ProjectReference":
                    var referencesAssembly = !string.Equals(Metadata(element, "ReferenceOutputAssembly", state), "false", StringComparison.OrdinalIgnoreCase);
                    var aspireResource = !string.Equals(Metadata(element, "IsAspireProjectResource", state), "false", StringComparison.OrdinalIgnoreCase);
                    state.ProjectReferences.AddRange(Names(element, "Include", state)
                        .Where(_ => referencesAssembly)
                        .Select(p => (FullPath(state.ProjectDirectory, p), aspireResource)));
                    break;
                case "Using":
                    ReadUsing(element, state);
                    break;
                case "Compile":
                    state.RemovedFolders.AddRange(Names(element, "Remove", state).Select(RemovedFolder).OfType<string>().Select(f => FullPath(state.ProjectDirectory, f)));
                    break;
            }
        }

        state.Properties.Remove("MSBuildThisFileDirectory");
    }

    /// <summary>
    /// True when the element's condition, or one of its groups', is known to be false with the properties read so far
    /// (<c>$(MSBuildProjectName.EndsWith('.Test'))</c> on a Directory.Build.props property); a condition that cannot be
    /// evaluated without MSBuild counts as true.
    /// </summary>
    private static bool ConditionIsFalse(XElement element, State state)
    {
        for (var current = element; current is not null && current.Parent is not null; current = current.Parent)
        {
            if ((string?)current.Attribute("Condition") is { } condition
                && MsBuildCondition.Evaluate(condition, name => ConditionProperty(name, state)) == false)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A property as a condition sees it in the build the scan stands for: a plain <c>dotnet build</c> (Debug, AnyCPU) and,
    /// for a project with several target frameworks, the inner build of the newest one (its conditions on
    /// <c>$(TargetFramework)</c> then hold for that framework).
    /// </summary>
    private static string ConditionProperty(string name, State state)
    {
        if (state.Properties.TryGetValue(name, out var value) && value.Length > 0)
        {
            return value;
        }

        return name switch
        {
            "Configuration" => "Debug",
            "Platform" => "AnyCPU",
            "TargetFramework" when state.Properties.TryGetValue("TargetFrameworks", out var frameworks) => NewestFramework(frameworks),
            _ => string.Empty,
        };
    }

    /// <summary><c>net8.0;net10.0;netstandard2.0</c> → <c>net10.0</c> (the highest <c>netX.Y</c>, else the first listed).</summary>
    private static string NewestFramework(string frameworks)
    {
        var listed = frameworks.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var modern = listed
            .Select(f => (Name: f, Version: f.StartsWith("net", StringComparison.OrdinalIgnoreCase) && Version.TryParse(f.Substring(3).Split('-')[0], out var v) && v.Major >= 5 ? v : null))
            .Where(f => f.Version is not null)
            .OrderByDescending(f => f.Version)
            .Select(f => f.Name)
            .FirstOrDefault();
        return modern ?? listed.FirstOrDefault() ?? string.Empty;
    }

    private static void ReadUsing(XElement element, State state)
    {
        foreach (var name in Names(element, "Remove", state))
        {
            state.RemovedUsings.Add(name);
            state.Usings.RemoveAll(u => u.Namespace == name);
        }

        var alias = Metadata(element, "Alias", state);
        var isStatic = string.Equals(Metadata(element, "Static", state), "true", StringComparison.OrdinalIgnoreCase);
        foreach (var name in Names(element, "Include", state))
        {
            var item = new UsingItem(name, alias, isStatic);
            if (!state.Usings.Contains(item))
            {
                state.Usings.Add(item);
            }
        }
    }

    /// <summary>An item metadata value, as an attribute or a child element.</summary>
    private static string? Metadata(XElement element, string name, State state) =>
        ((string?)element.Attribute(name) ?? element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value) is { } value
            ? Expand(value.Trim(), state)
            : null;

    private static IEnumerable<string> Names(XElement element, string attribute, State state) =>
        ((string?)element.Attribute(attribute) is { } value ? Expand(value, state) : string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => !n.Contains("@(", StringComparison.Ordinal));

    /// <summary><c>Folder/**</c>, <c>Folder\**\*.cs</c>, <c>Folder/**/*</c> → <c>Folder</c>; anything else → null.</summary>
    private static string? RemovedFolder(string pattern)
    {
        var match = WholeFolder().Match(pattern.Replace('\\', '/'));
        return match.Success ? match.Groups["folder"].Value : null;
    }

    private static string FullPath(string directory, string path) =>
        Path.GetFullPath(Path.Combine(directory, path.Replace('\\', Path.DirectorySeparatorChar)));

    private static string Expand(string value, State state) =>
        value.Contains("$(", StringComparison.Ordinal)
            ? PropertyReference().Replace(value, m => state.Properties.TryGetValue(m.Groups["name"].Value, out var v) ? v : string.Empty)
            : value;

    private static void AddSdks(State state, string? value)
    {
        foreach (var sdk in (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = sdk.Split('/')[0].Trim();
            if (name.Length > 0 && !state.Sdks.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                state.Sdks.Add(name);
            }
        }
    }

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_.\-]*)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"^(?<folder>[^*?]+?)/\*\*(/\*(\.cs)?)?$")]
    private static partial Regex WholeFolder();

    private sealed class State(string projectDirectory)
    {
        public string ProjectDirectory { get; } = projectDirectory;

        public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Sdks { get; } = new();

        public List<string> Packages { get; } = new();

        public List<string> Frameworks { get; } = new();

        /// <summary>Referenced projects whose assembly is referenced (<c>ReferenceOutputAssembly</c> not false), and whether an Aspire host would launch them instead.</summary>
        public List<(string Path, bool AspireResource)> ProjectReferences { get; } = new();

        public List<UsingItem> Usings { get; } = new();

        public HashSet<string> RemovedUsings { get; } = new(StringComparer.Ordinal);

        public List<string> RemovedFolders { get; } = new();
    }
}
