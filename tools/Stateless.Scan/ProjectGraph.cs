namespace Stateless.Scan;

/// <summary>
/// Turns the .csproj and .cs files of a folder into the projects a build would compile: each source belongs to the
/// deepest project whose folder holds it (unless that project removes its folder), sources under no project form one
/// loose compilation, and projects come out in dependency order (ProjectReferences first; cycles and projects outside
/// the scan are dropped with a note).
/// </summary>
internal static class ProjectGraph
{
    public const string LoosePath = "(loose)";

    public static List<ScanProject> Build(string root, IReadOnlyList<string> sources, IReadOnlyList<string> projectPaths, bool skipTests, bool implicitUsings, Action<string> note)
    {
        var files = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        foreach (var path in projectPaths)
        {
            if (ProjectLoader.Load(path, root, note) is { } project)
            {
                files[path] = project;
            }
        }

        // The deepest project folder holding each source; two projects in one folder: the first by name owns it.
        var byDirectory = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        foreach (var project in files.Values.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            if (!byDirectory.TryAdd(project.Directory, project))
            {
                note($"{Relative(root, project.Path)} shares its folder with {Relative(root, byDirectory[project.Directory].Path)}, which gets the folder's files");
            }
        }

        var owned = files.Values.ToDictionary(p => p, _ => new List<string>());
        var loose = new List<string>();
        foreach (var source in sources)
        {
            var owner = Owner(source, root, byDirectory);
            if (owner is null)
            {
                loose.Add(source);
            }
            else if (!owner.RemovedFolders.Any(f => source.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                owned[owner].Add(source);
            }
        }

        var included = files.Values.Where(p => !(skipTests && ProjectClassifier.IsTest(p))).ToHashSet();
        var built = new Dictionary<ProjectFile, ScanProject>();
        var visiting = new HashSet<ProjectFile>();
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<ScanProject>();

        ScanProject Visit(ProjectFile project)
        {
            if (built.TryGetValue(project, out var done))
            {
                return done;
            }

            visiting.Add(project);
            var references = new List<ScanProject>();
            foreach (var referencePath in project.ProjectReferences.Distinct(StringComparer.Ordinal))
            {
                if (!files.TryGetValue(referencePath, out var reference))
                {
                    note($"{Relative(root, project.Path)}: referenced project {Relative(root, referencePath)} is not in the scan; reference ignored");
                }
                else if (!included.Contains(reference))
                {
                    note($"{Relative(root, project.Path)}: referenced project {Relative(root, referencePath)} is a test project left out by --skip-tests; reference ignored");
                }
                else if (visiting.Contains(reference))
                {
                    note($"{Relative(root, project.Path)}: reference to {Relative(root, referencePath)} closes a cycle; reference ignored");
                }
                else
                {
                    references.Add(Visit(reference));
                }
            }

            visiting.Remove(project);
            var closure = Closure(references);
            var usesAspNetCore = ProjectClassifier.UsesAspNetCore(project) || closure.Any(r => r.UsesAspNetCore);
            var usesExtensions = usesAspNetCore || ProjectClassifier.UsesExtensions(project) || closure.Any(r => r.UsesExtensions);
            var outputType = ProjectClassifier.OutputType(project);
            var kind = ProjectClassifier.Kind(project, usesAspNetCore, outputType);
            var name = project.Properties.TryGetValue("AssemblyName", out var assemblyName) && assemblyName.Length > 0
                ? assemblyName
                : Path.GetFileNameWithoutExtension(project.Path);
            for (var suffix = 2; !usedNames.Add(name); suffix++)
            {
                name = $"{Path.GetFileNameWithoutExtension(project.Path)}_{suffix}";
            }

            var result = new ScanProject
            {
                Name = name,
                DisplayPath = Relative(root, project.Path),
                File = project,
                Kind = kind,
                OutputType = outputType,
                UsesAspNetCore = usesAspNetCore,
                UsesExtensions = usesExtensions,
                SourceFiles = owned[project],
                References = references,
                BuildProperties = ProjectClassifier.BuildProperties(project, kind),
                GlobalUsings = ImplicitUsings.For(project, implicitUsings),
            };
            built[project] = result;
            ordered.Add(result);
            return result;
        }

        foreach (var project in included.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            Visit(project);
        }

        if (loose.Count > 0)
        {
            ordered.Add(new ScanProject
            {
                Name = "Scan",
                DisplayPath = LoosePath,
                Kind = ProjectKind.Loose,
                OutputType = "Library",
                UsesAspNetCore = true,
                UsesExtensions = true,
                SourceFiles = loose,
                References = Array.Empty<ScanProject>(),
                BuildProperties = new Dictionary<string, string>(),
                GlobalUsings = implicitUsings ? ImplicitUsings.Render(ImplicitUsings.Web.Select(n => new UsingItem(n))) : string.Empty,
            });
        }

        return ordered;
    }

    /// <summary>The projects referenced directly or through other references (a build passes them all to the compiler).</summary>
    public static IReadOnlyList<ScanProject> Closure(IEnumerable<ScanProject> references)
    {
        var seen = new List<ScanProject>();
        var pending = new Stack<ScanProject>(references.Reverse());
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Contains(next))
            {
                seen.Add(next);
                foreach (var reference in next.References.Reverse())
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static ProjectFile? Owner(string source, string root, Dictionary<string, ProjectFile> byDirectory)
    {
        for (var directory = Path.GetDirectoryName(source); directory is not null && directory.Length >= root.Length; directory = Path.GetDirectoryName(directory))
        {
            if (byDirectory.TryGetValue(directory, out var project))
            {
                return project;
            }
        }

        return null;
    }
}
