using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stateless.Packaging.Tests;

/// <summary>
/// The structure rules of the repository, each a function from a repository root to its violations (paths relative
/// to the root, with '/'): one public type per file in the shipped runtime and test kit, no test sources in tools or
/// benchmarks, test namespaces named after their test project, one redis-server launcher.
/// </summary>
internal static class RepositoryLayout
{
    /// <summary>The one file under tests/ or bench/ that may start a redis-server.</summary>
    public const string RedisLauncher = "tests/Shared/Redis/RedisServerProcess.cs";

    /// <summary>What files under tests/Shared/ declare: nothing a shipped assembly could be mistaken for.</summary>
    public const string SharedTestNamespace = "Stateless.Tests.Shared";

    /// <summary>The only folder under tests/ a benchmark project may compile from (the redis-server launcher); tools none.</summary>
    public const string BenchmarkSharedFolder = "tests/Shared/Redis/";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    /// <summary>
    /// Files under src/Stateless.Runtime*/ and src/Stateless.Testing/ that declare more than one top-level public
    /// type, or whose one public type is not the file's name (<c>Name.cs</c>, <c>Name{T}.cs</c> for a generic type,
    /// <c>Name.Part.cs</c> for a part of a partial type).
    /// </summary>
    public static IReadOnlyList<string> PublicTypesPerFile(string root)
    {
        var violations = new List<string>();
        var shipped = Directory.GetDirectories(Path.Combine(root, "src"))
            .Where(d => Path.GetFileName(d) is var name && (name.StartsWith("Stateless.Runtime", StringComparison.Ordinal) || name == "Stateless.Testing"))
            .OrderBy(d => d, StringComparer.Ordinal);
        foreach (var file in shipped.SelectMany(SourceFiles))
        {
            var publicTypes = TopLevelTypes(Parse(file))
                .Where(t => t.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword)))
                .ToList();
            var fileName = Path.GetFileName(file);
            if (publicTypes.Count > 1)
            {
                violations.Add($"{Relative(root, file)} declares {publicTypes.Count} public types: {string.Join(", ", publicTypes.Select(FileStem))}");
            }
            else if (publicTypes.Count == 1 && !NamesType(fileName, publicTypes[0]))
            {
                violations.Add($"{Relative(root, file)} declares public {FileStem(publicTypes[0])}: name the file {FileStem(publicTypes[0])}.cs");
            }
        }

        return violations;
    }

    /// <summary>Files under tests/ that a project under tools/ or bench/ compiles or references (bench: the launcher folder only).</summary>
    public static IReadOnlyList<string> TestSourcesOutsideTests(string root)
    {
        var violations = new List<string>();
        foreach (var folder in new[] { "tools", "bench" })
        {
            var allowed = folder == "bench" ? BenchmarkSharedFolder : null;
            foreach (var project in ProjectFiles(Path.Combine(root, folder)))
            {
                var items = Items(project, "Compile", "Include").Concat(Items(project, "ProjectReference", "Include"));
                foreach (var item in items)
                {
                    var target = Relative(root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, item)));
                    if (target.StartsWith("tests/", StringComparison.Ordinal) && (allowed is null || !target.StartsWith(allowed, StringComparison.Ordinal)))
                    {
                        violations.Add($"{Relative(root, project)} compiles {target}");
                    }
                }
            }
        }

        return violations;
    }

    /// <summary>
    /// Namespaces in test sources that do not start with their project's assembly name (test projects: tests/*/*.csproj
    /// and the projects under tests/ they reference), types in the global namespace, and namespaces under tests/Shared/
    /// outside <see cref="SharedTestNamespace"/>.
    /// </summary>
    public static IReadOnlyList<string> TestNamespaces(string root)
    {
        var violations = new List<string>();
        foreach (var project in TestProjects(root))
        {
            var assemblyName = AssemblyName(project);
            foreach (var file in ProjectSources(project))
            {
                violations.AddRange(ForeignNamespaces(root, file, assemblyName));
            }
        }

        var shared = Path.Combine(root, "tests", "Shared");
        foreach (var file in Directory.Exists(shared) ? SourceFiles(shared) : [])
        {
            violations.AddRange(ForeignNamespaces(root, file, SharedTestNamespace));
        }

        return violations;
    }

    /// <summary>Files under tests/ and bench/ that start a redis-server process (a "redis-server" string and a process start).</summary>
    public static IReadOnlyList<string> RedisServerLaunchers(string root) =>
        new[] { "tests", "bench" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(SourceFiles)
            .Where(file => StartsRedisServer(Parse(file)))
            .Select(file => Relative(root, file))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();

    private static bool StartsRedisServer(SyntaxNode tree)
    {
        bool namesRedisServer = tree.DescendantTokens().Any(t =>
            t.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
            && t.ValueText.Contains("redis-server", StringComparison.Ordinal));
        bool startsProcess = tree.DescendantNodes().Any(n =>
            n is IdentifierNameSyntax { Identifier.ValueText: "ProcessStartInfo" }
            || n is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Start", Expression: var target }
                && target is IdentifierNameSyntax { Identifier.ValueText: "Process" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Process" });
        return namesRedisServer && startsProcess;
    }

    private static IEnumerable<string> ForeignNamespaces(string root, string file, string prefix)
    {
        var tree = Parse(file);
        foreach (var declaration in tree.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
        {
            var name = string.Join(".", declaration.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString()));
            if (name != prefix && !name.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                yield return $"{Relative(root, file)} declares namespace {name}, which does not start with {prefix}";
            }
        }

        foreach (var type in TopLevelTypes(tree).Where(t => t.Parent is CompilationUnitSyntax))
        {
            yield return $"{Relative(root, file)} declares {FileStem(type)} in the global namespace, outside {prefix}";
        }
    }

    private static IEnumerable<string> TestProjects(string root)
    {
        var tests = Path.Combine(root, "tests");
        var pending = new Queue<string>(Directory.GetDirectories(tests).SelectMany(d => Directory.GetFiles(d, "*.csproj")));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var project = Path.GetFullPath(pending.Dequeue());
            if (!seen.Add(project))
            {
                continue;
            }

            yield return project;
            foreach (var reference in Items(project, "ProjectReference", "Include"))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference));
                if (target.StartsWith(tests + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    pending.Enqueue(target);
                }
            }
        }
    }

    /// <summary>The .cs files a project compiles from its own folder: not bin/obj, not a nested project, not a folder it removes.</summary>
    private static IEnumerable<string> ProjectSources(string project)
    {
        var directory = Path.GetDirectoryName(project)!;
        var removed = Items(project, "Compile", "Remove")
            .Select(pattern => pattern.Split('*')[0].TrimEnd('/'))
            .Where(prefix => prefix.Length > 0)
            .ToList();
        return SourceFiles(directory).Where(file =>
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            return !removed.Any(prefix => relative.StartsWith(prefix + "/", StringComparison.Ordinal) || relative == prefix)
                && !InNestedProject(directory, file);
        });
    }

    private static bool InNestedProject(string projectDirectory, string file)
    {
        for (var folder = Path.GetDirectoryName(file)!; folder.Length > projectDirectory.Length; folder = Path.GetDirectoryName(folder)!)
        {
            if (Directory.EnumerateFiles(folder, "*.csproj").Any())
            {
                return true;
            }
        }

        return false;
    }

    private static string AssemblyName(string project) =>
        XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
        ?? Path.GetFileNameWithoutExtension(project);

    /// <summary>The values of one attribute of one item type in a project file, with '/' separators.</summary>
    private static IEnumerable<string> Items(string project, string itemType, string attribute) =>
        XDocument.Load(project).Descendants(itemType)
            .Select(e => (string?)e.Attribute(attribute))
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v!.Replace('\\', '/'));

    private static IEnumerable<string> ProjectFiles(string folder) =>
        Directory.Exists(folder) ? FilesOutsideBuildOutput(folder, "*.csproj") : [];

    private static IEnumerable<string> SourceFiles(string folder) => FilesOutsideBuildOutput(folder, "*.cs");

    private static IEnumerable<string> FilesOutsideBuildOutput(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Replace('\\', '/').Split('/').Any(segment => segment is "bin" or "obj"))
            .OrderBy(f => f, StringComparer.Ordinal);

    private static SyntaxNode Parse(string file) =>
        CSharpSyntaxTree.ParseText(File.ReadAllText(file), ParseOptions, file).GetRoot();

    /// <summary>Types and delegates declared in a compilation unit or a namespace (not nested in a type).</summary>
    private static IEnumerable<MemberDeclarationSyntax> TopLevelTypes(SyntaxNode root) =>
        root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<MemberDeclarationSyntax>()
            .Where(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax);

    /// <summary>The file name a type belongs in, without ".cs": <c>Name</c>, or <c>Name{T,U}</c> for a generic type.</summary>
    private static string FileStem(MemberDeclarationSyntax type)
    {
        var name = type is BaseTypeDeclarationSyntax declared ? declared.Identifier.ValueText : ((DelegateDeclarationSyntax)type).Identifier.ValueText;
        var parameters = type is TypeDeclarationSyntax generic ? generic.TypeParameterList : (type as DelegateDeclarationSyntax)?.TypeParameterList;
        return parameters is null ? name : $"{name}{{{string.Join(",", parameters.Parameters.Select(p => p.Identifier.ValueText))}}}";
    }

    private static bool NamesType(string fileName, MemberDeclarationSyntax type)
    {
        var stem = FileStem(type);
        bool partial = type.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword));
        return fileName == stem + ".cs" || (partial && fileName.StartsWith(stem + ".", StringComparison.Ordinal));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
