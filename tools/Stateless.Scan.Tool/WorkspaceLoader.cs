using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace Stateless.Scan.Tool;

/// <summary>
/// Opens the target the way a build does: MSBuild from the newest installed .NET SDK (Microsoft.Build.Locator), the
/// projects' design-time builds through <see cref="MSBuildWorkspace"/> (restored package references, generated
/// files, .editorconfig). Load failures are kept per project file so the scan can fall back for that project only.
/// </summary>
internal static class WorkspaceLoader
{
    /// <summary>Registers MSBuild; null on success, else why it could not.</summary>
    public static string? RegisterMSBuild()
    {
        if (MSBuildLocator.IsRegistered)
        {
            return null;
        }

        var instance = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(i => i.Version).FirstOrDefault();
        if (instance is null)
        {
            return "no .NET SDK found (MSBuild is needed to load projects); install the .NET SDK";
        }

        MSBuildLocator.RegisterInstance(instance);
        return null;
    }

    public static async Task<LoadedWorkspace> OpenAsync(ScanTarget target, Action<string> progress)
    {
        var workspace = MSBuildWorkspace.Create();
        var failures = new List<string>();
        workspace.RegisterWorkspaceFailedHandler(e =>
        {
            lock (failures)
            {
                failures.Add(e.Diagnostic.Message);
            }
        });
        var reporter = new Progress<ProjectLoadProgress>(p => progress($"{p.Operation} {Path.GetFileName(p.FilePath)}"));
        List<string> projectFiles;
        if (target.Solution is { } solution)
        {
            await workspace.OpenSolutionAsync(solution, reporter);
            projectFiles = workspace.CurrentSolution.Projects.Select(p => p.FilePath).OfType<string>().ToList();
        }
        else
        {
            foreach (var path in target.Projects)
            {
                if (!workspace.CurrentSolution.Projects.Any(p => SamePath(p.FilePath, path)))
                {
                    try
                    {
                        await workspace.OpenProjectAsync(path, reporter);
                    }
                    catch (Exception e) when (e is InvalidOperationException or IOException)
                    {
                        failures.Add($"{path}: {e.Message}");
                    }
                }
            }

            projectFiles = target.Projects.ToList();
        }

        var projects = projectFiles
            .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        return new LoadedWorkspace(workspace, projects, failures);
    }

    public static bool SamePath(string? a, string b) =>
        a is not null && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}

/// <summary>The loaded solution, the project files to scan, and every load failure MSBuild reported.</summary>
internal sealed record LoadedWorkspace(MSBuildWorkspace Workspace, IReadOnlyList<string> ProjectFiles, IReadOnlyList<string> Failures) : IDisposable
{
    /// <summary>The first C# project loaded from this file (one per target framework; the first is enough), or null.</summary>
    public Project? Project(string path) =>
        Workspace.CurrentSolution.Projects.FirstOrDefault(p => p.Language == LanguageNames.CSharp && WorkspaceLoader.SamePath(p.FilePath, path));

    /// <summary>The load failures that name this project file.</summary>
    public IEnumerable<string> FailuresOf(string path) =>
        Failures.Where(f => f.Contains(path, StringComparison.Ordinal) || f.Contains(Path.GetFileName(path), StringComparison.Ordinal)).Distinct();

    public void Dispose() => Workspace.Dispose();
}
