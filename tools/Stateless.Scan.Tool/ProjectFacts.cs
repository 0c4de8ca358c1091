namespace Stateless.Scan.Tool;

/// <summary>
/// The folder scanner's view of a project file (tools/Stateless.Scan): its kind (web, library, test, ...), the
/// <c>build_property.*</c> options a build with the package would hand the analyzers, and a compilation of its folder
/// built without MSBuild, used when MSBuild cannot load the project. One graph per project folder, built on demand.
/// </summary>
internal sealed class ProjectFacts
{
    private readonly Dictionary<string, ScanProject?> _projects = new(StringComparer.Ordinal);
    private readonly Action<string> _note;

    public ProjectFacts(Action<string> note) => _note = note;

    public ScanProject? For(string projectPath)
    {
        projectPath = Path.GetFullPath(projectPath);
        if (!_projects.TryGetValue(projectPath, out var project))
        {
            var folder = Path.GetDirectoryName(projectPath)!;
            var (sources, projects) = FolderWalker.Walk(folder);
            var graph = ProjectGraph.Build(folder, sources, projects.Append(projectPath).Distinct().ToList(), skipTests: false, implicitUsings: true, _note);
            project = graph.FirstOrDefault(p => p.File is { } file && string.Equals(Path.GetFullPath(file.Path), projectPath, StringComparison.Ordinal));
            _projects[projectPath] = project;
        }

        return project;
    }

    public static string KindName(ScanProject? project) => project is null ? "unknown" : Output.Name(project.Kind);
}
