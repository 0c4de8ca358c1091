namespace Stateless.Scan;

/// <summary>Lists the .cs and .csproj files under a folder, never entering bin/, obj/, .git/, node_modules/ or linked folders.</summary>
internal static class FolderWalker
{
    private static readonly EnumerationOptions TopLevelOnly = new() { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };

    public static (List<string> Sources, List<string> Projects) Walk(string root)
    {
        var sources = new List<string>();
        var projects = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(directory, "*", TopLevelOnly))
            {
                if (file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                {
                    sources.Add(file);
                }
                else if (file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                {
                    projects.Add(file);
                }
            }

            foreach (var child in Directory.EnumerateDirectories(directory, "*", TopLevelOnly))
            {
                if (!IsIgnored(Path.GetFileName(child)) && new DirectoryInfo(child).LinkTarget is null)
                {
                    pending.Push(child);
                }
            }
        }

        sources.Sort(StringComparer.Ordinal);
        projects.Sort(StringComparer.Ordinal);
        return (sources, projects);
    }

    public static bool IsIgnored(string directoryName) => directoryName is "bin" or "obj" or ".git" or "node_modules";
}
