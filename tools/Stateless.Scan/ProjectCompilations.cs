using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Stateless.Tools.Shared;

namespace Stateless.Scan;

/// <summary>
/// Compiles each project as a build would: its own sources and generated global usings, the output kind of its
/// OutputType, the .NET + Microsoft.IdentityModel + Stateless.Runtime references for all, ASP.NET Core (and JwtBearer)
/// only when it uses ASP.NET Core itself or through a reference, Microsoft.Extensions.* when it uses those, and the
/// compilations of the projects it references (directly or transitively). Call in dependency order.
/// </summary>
internal sealed class ProjectCompilations
{
    public const string GlobalUsingsPath = "<implicit global usings>";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly Dictionary<ScanProject, CSharpCompilation> _compilations = new();

    public int ParsedFiles { get; private set; }

    public CSharpCompilation Create(ScanProject project, Action<int, int> parsed)
    {
        var trees = new SyntaxTree[project.SourceFiles.Count];
        var count = 0;
        Parallel.For(0, trees.Length, i =>
        {
            var file = project.SourceFiles[i];
            trees[i] = CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(file)), ParseOptions, path: file);
            var done = Interlocked.Increment(ref count);
            if (done % 200 == 0)
            {
                parsed(done, trees.Length);
            }
        });
        parsed(trees.Length, trees.Length);
        ParsedFiles += trees.Length;

        var allTrees = project.GlobalUsings.Length > 0
            ? trees.Append(CSharpSyntaxTree.ParseText(project.GlobalUsings, ParseOptions, path: GlobalUsingsPath))
            : trees;

        var compilation = CSharpCompilation.Create(project.Name, allTrees, References(project), Options(project));
        _compilations[project] = compilation;
        return compilation;
    }

    private IEnumerable<MetadataReference> References(ScanProject project)
    {
        if (project.Kind == ProjectKind.Loose)
        {
            return OfflineReferences.Metadata;
        }

        var references = new List<MetadataReference>(OfflineReferences.Core);
        if (project.UsesAspNetCore || ProjectGraph.Closure(new[] { project }).Any(p => p.File?.PackageReferences.Any(r => r.StartsWith("Stateless.Runtime", StringComparison.OrdinalIgnoreCase)) == true))
        {
            references.AddRange(OfflineReferences.StatelessRuntime);
        }

        if (project.UsesAspNetCore)
        {
            references.AddRange(OfflineReferences.AspNetCore);
        }
        else if (project.UsesExtensions)
        {
            references.AddRange(OfflineReferences.Extensions);
        }

        // The packages of the project and of the projects it references, as assembly names (see PackageStandIns).
        var provided = references.Select(r => Path.GetFileNameWithoutExtension(r.Display ?? string.Empty)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        references.AddRange(PackageStandIns.For(
            ProjectGraph.Closure(new[] { project }).SelectMany(p => p.File is null ? Enumerable.Empty<string>() : ProjectClassifier.Packages(p.File)),
            provided));

        references.AddRange(ProjectGraph.Closure(project.References)
            .Where(_compilations.ContainsKey)
            .Select(r => _compilations[r].ToMetadataReference()));
        return references;
    }

    private static CSharpCompilationOptions Options(ScanProject project)
    {
        var outputKind = project.OutputType switch
        {
            "Exe" => OutputKind.ConsoleApplication,
            "WinExe" => OutputKind.WindowsApplication,
            _ => OutputKind.DynamicallyLinkedLibrary,
        };

        // The loose compilation keeps the scanner's historical nullable context; projects use their own (a build's default: disabled).
        var nullable = project.File is null ? NullableContextOptions.Enable : Nullable(project.File);
        var allowUnsafe = project.File?.IsTrue("AllowUnsafeBlocks") ?? false;
        return new CSharpCompilationOptions(outputKind, nullableContextOptions: nullable, allowUnsafe: allowUnsafe, concurrentBuild: true);
    }

    private static NullableContextOptions Nullable(ProjectFile project) =>
        (project.Properties.TryGetValue("Nullable", out var value) ? value.Trim().ToLowerInvariant() : string.Empty) switch
        {
            "enable" => NullableContextOptions.Enable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };
}
