namespace Stateless.Scan.Tool;

/// <summary>What the command line points at: a solution, or project files; <see cref="Folder"/> anchors relative paths.</summary>
internal sealed record ScanTarget(string Folder, string? Solution, IReadOnlyList<string> Projects)
{
    /// <summary>The target, or null with the reason when the path holds nothing to scan.</summary>
    public static ScanTarget? Resolve(string path, out string? error)
    {
        error = null;
        if (File.Exists(path))
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            var folder = Path.GetDirectoryName(path)!;
            switch (extension)
            {
                case ".sln" or ".slnx":
                    return new ScanTarget(folder, path, Array.Empty<string>());
                case ".csproj":
                    return new ScanTarget(folder, null, new[] { path });
                default:
                    error = $"{path} is not a .sln, .slnx or .csproj file";
                    return null;
            }
        }

        if (!Directory.Exists(path))
        {
            error = $"{path} does not exist";
            return null;
        }

        var solutions = Directory.GetFiles(path, "*.sln").Concat(Directory.GetFiles(path, "*.slnx")).ToList();
        if (solutions.Count == 1)
        {
            return new ScanTarget(path, solutions[0], Array.Empty<string>());
        }

        var (_, projects) = FolderWalker.Walk(path);
        var csprojs = projects.Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (csprojs.Count == 0)
        {
            error = solutions.Count > 1
                ? $"{path} holds {solutions.Count} solutions and no project: name the solution to scan"
                : $"{path} holds no .sln, .slnx or .csproj";
            return null;
        }

        return new ScanTarget(path, null, csprojs);
    }

    public string Relative(string path) => ProjectGraph.Relative(Folder, path);
}
