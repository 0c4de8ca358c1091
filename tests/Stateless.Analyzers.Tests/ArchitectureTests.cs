using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Stateless.Analyzers.Tests.Infrastructure;

namespace Stateless.Analyzers.Tests;

/// <summary>
/// The directions between the parts of src/Stateless.Analyzers: Infrastructure depends on nothing else of ours, Handlers on
/// Infrastructure, each rule family on Infrastructure, Handlers and the descriptors, never on another family. Namespaces follow
/// folders. Read from the sources with the compiler, so a reference through a using, a qualified name or an extension method counts.
/// </summary>
public class ArchitectureTests
{
    private const string Root = "Stateless.Analyzers";
    private const string Descriptors = "(descriptors)";
    private const string Infrastructure = "Infrastructure";
    private const string Handlers = "Handlers";

    private static readonly string[] Families = { "ProcessState", "ScaleOut", "TokenIssuance", "TokenValidation", "Baseline" };

    /// <summary>
    /// Infrastructure types that stay there while one family uses them: the package's generated-code check is the rule every
    /// analyzer that reports at a declaration follows (the house style names Infrastructure/GeneratedCode.cs).
    /// </summary>
    private static readonly string[] PackageWide = { "Stateless.Analyzers.Infrastructure.GeneratedCode" };

    [Fact]
    public void Every_analyzer_opens_through_FamilyAnalyzer()
    {
        // One Initialize for all: concurrent execution, no callbacks on generated code, the scope check (suppressors excepted).
        var others = AnalyzerCatalog.AnalyzerTypes
            .Where(t => !typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticSuppressor).IsAssignableFrom(t)
                && !typeof(Stateless.Analyzers.Infrastructure.FamilyAnalyzer).IsAssignableFrom(t))
            .Select(t => t.Name);
        Assert.Empty(others);
    }

    [Fact]
    public void Analyzer_sources_depend_only_in_the_allowed_directions()
    {
        var directory = RepositoryPaths.Combine("src", "Stateless.Analyzers");
        var sources = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(directory, path)))
            .Select(path => (Path.GetRelativePath(directory, path).Replace('\\', '/'), File.ReadAllText(path)));

        var violations = Violations(sources);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void A_family_using_another_family_is_refused()
    {
        var violations = Violations(new[]
        {
            ("TokenIssuance/Folding.cs", "namespace Stateless.Analyzers.TokenIssuance; internal static class Folding { public static int Fold() => 1; }"),
            ("TokenValidation/Check.cs", "using Stateless.Analyzers.TokenIssuance; namespace Stateless.Analyzers.TokenValidation; internal static class Check { public static int Run() => Folding.Fold(); }"),
        });

        Assert.Equal(new[] { "TokenValidation/Check.cs uses Stateless.Analyzers.TokenIssuance.Folding (TokenIssuance)" }, violations);
    }

    [Fact]
    public void Infrastructure_using_a_handler_type_or_an_extension_of_a_family_is_refused()
    {
        var violations = Violations(new[]
        {
            ("Handlers/Recognizer.cs", "namespace Stateless.Analyzers.Handlers; internal static class Recognizer { public static bool Has(object o) => true; }"),
            ("ProcessState/Extensions.cs", "namespace Stateless.Analyzers.ProcessState; internal static class Extensions { public static int Twice(this int x) => 2 * x; }"),
            ("Infrastructure/Exemptions.cs", """
                using Stateless.Analyzers.ProcessState;
                namespace Stateless.Analyzers.Infrastructure;
                internal static class Exemptions
                {
                    public static bool IsExempt(object o) => Stateless.Analyzers.Handlers.Recognizer.Has(o) && 1.Twice() == 2;
                }
                """),
        });

        Assert.Equal(
            new[]
            {
                "Infrastructure/Exemptions.cs uses Stateless.Analyzers.Handlers.Recognizer (Handlers)",
                "Infrastructure/Exemptions.cs uses Stateless.Analyzers.ProcessState.Extensions (ProcessState)",
            },
            violations);
    }

    [Fact]
    public void An_Infrastructure_type_only_one_family_uses_is_refused()
    {
        var violations = Violations(new[]
        {
            ("Infrastructure/Shared.cs", "namespace Stateless.Analyzers.Infrastructure; internal static class Shared { public static int One() => Inner.One(); }"),
            ("Infrastructure/Inner.cs", "namespace Stateless.Analyzers.Infrastructure; internal static class Inner { public static int One() => 1; }"),
            ("Infrastructure/Exemptions.cs", "namespace Stateless.Analyzers.Infrastructure; internal static class Exemptions { public static int Two() => 2; }"),
            ("ProcessState/A.cs", "using Stateless.Analyzers.Infrastructure; namespace Stateless.Analyzers.ProcessState; internal static class A { public static int Use() => Shared.One() + Exemptions.Two(); }"),
            ("ScaleOut/B.cs", "using Stateless.Analyzers.Infrastructure; namespace Stateless.Analyzers.ScaleOut; internal static class B { public static int Use() => Shared.One(); }"),
        });

        // Inner is used by ProcessState and ScaleOut through Shared: shared. Exemptions only by ProcessState: its folder.
        Assert.Equal(new[] { "Infrastructure/Exemptions.cs: Stateless.Analyzers.Infrastructure.Exemptions is used only by ProcessState; move it there" }, violations);
    }

    [Fact]
    public void A_namespace_that_does_not_follow_its_folder_is_refused()
    {
        var violations = Violations(new[] { ("ProcessState/Moved.cs", "namespace Stateless.Analyzers.Infrastructure; internal static class Moved { }") });

        Assert.Equal(new[] { "ProcessState/Moved.cs declares namespace Stateless.Analyzers.Infrastructure, its folder says Stateless.Analyzers.ProcessState" }, violations);
    }

    private const int MaxFileLines = 420;
    private const int MaxBodyLines = 60;

    /// <summary>
    /// Files allowed over the size limits, each with its reason (none today). An entry that no longer goes over the
    /// limits fails the test, so the list cannot go stale.
    /// </summary>
    private static readonly Dictionary<string, string> OversizedAllowed = new(StringComparer.Ordinal);

    [Fact]
    public void Analyzer_sources_keep_files_and_method_bodies_small()
    {
        var directory = RepositoryPaths.Combine("src", "Stateless.Analyzers");
        var sources = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(directory, path)))
            .Select(path => (Path: Path.GetRelativePath(directory, path).Replace('\\', '/'), Text: File.ReadAllText(path)))
            .ToList();

        var offenders = Oversized(sources.Where(source => !OversizedAllowed.ContainsKey(source.Path)));
        var fitting = OversizedAllowed.Keys.Where(allowed => !sources.Any(source => source.Path == allowed && Oversized(new[] { source }).Count > 0));

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
        Assert.True(!fitting.Any(), "allowed over the limits but no longer over them (remove from the list): " + string.Join(", ", fitting));
    }

    [Fact]
    public void A_long_file_and_a_long_body_are_refused()
    {
        var longBody = string.Concat(Enumerable.Repeat("        x++;\n", MaxBodyLines - 1));
        var method = "class A\n{\n    void M(int x)\n    {\n" + longBody + "    }\n}\n";
        var accessor = "class B\n{\n    int P\n    {\n        get\n        {\n            var x = 0;\n" + longBody + "            return x;\n        }\n    }\n}\n";
        var local = "class C\n{\n    void M()\n    {\n        void L(int x)\n        {\n" + longBody + "        }\n    }\n}\n";
        var justFits = "class D\n{\n    void M(int x)\n    {\n" + string.Concat(Enumerable.Repeat("        x++;\n", MaxBodyLines - 2)) + "    }\n}\n";
        var longFile = "class E\n{\n" + string.Concat(Enumerable.Repeat("    int f;\n", MaxFileLines)) + "}\n";

        var offenders = Oversized(new[] { ("A.cs", method), ("B.cs", accessor), ("C.cs", local), ("D.cs", justFits), ("E.cs", longFile) });

        Assert.Equal(
            new[]
            {
                "A.cs: A.M is 61 lines (over 60)",
                "B.cs: B.P.get is 63 lines (over 60)",
                "C.cs: C.M is 64 lines (over 60)",
                "C.cs: C.M.L is 61 lines (over 60)",
                "E.cs is 423 lines (over 420)",
            },
            offenders);
    }

    /// <summary>Files over <see cref="MaxFileLines"/> lines and method, accessor or local function bodies over <see cref="MaxBodyLines"/>, sorted.</summary>
    private static List<string> Oversized(IEnumerable<(string Path, string Text)> sources)
    {
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, text) in sources)
        {
            var tree = CSharpSyntaxTree.ParseText(text, path: path);
            var lines = text.Split('\n').Length - (text.EndsWith("\n", StringComparison.Ordinal) ? 1 : 0); // as wc -l counts
            if (lines > MaxFileLines)
            {
                offenders.Add($"{path} is {lines} lines (over {MaxFileLines})");
            }

            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (Body(node) is not { } body)
                {
                    continue;
                }

                var span = tree.GetLineSpan(body.Span);
                var bodyLines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                if (bodyLines > MaxBodyLines)
                {
                    offenders.Add($"{path}: {BodyName(node)} is {bodyLines} lines (over {MaxBodyLines})");
                }
            }
        }

        return offenders.ToList();
    }

    private static SyntaxNode? Body(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
        AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
        LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
        PropertyDeclarationSyntax property => property.ExpressionBody,
        IndexerDeclarationSyntax indexer => indexer.ExpressionBody,
        _ => null,
    };

    /// <summary>The body's owner qualified by its enclosing types and members: <c>Type.Method</c>, <c>Type.Property.get</c>, <c>Type.Method.Local</c>.</summary>
    private static string BodyName(SyntaxNode node)
    {
        var parts = new List<string>();
        for (var current = node; current is not null; current = current.Parent)
        {
            var name = current switch
            {
                BaseTypeDeclarationSyntax type => type.Identifier.Text,
                MethodDeclarationSyntax method => method.Identifier.Text,
                ConstructorDeclarationSyntax => "ctor",
                LocalFunctionStatementSyntax local => local.Identifier.Text,
                PropertyDeclarationSyntax property => property.Identifier.Text,
                IndexerDeclarationSyntax => "this[]",
                AccessorDeclarationSyntax accessor => accessor.Keyword.Text,
                OperatorDeclarationSyntax op => "operator " + op.OperatorToken.Text,
                _ => null,
            };
            if (name is not null)
            {
                parts.Add(name);
            }
        }

        parts.Reverse();
        return string.Join(".", parts);
    }

    /// <summary>Every forbidden use in these sources (paths relative to src/Stateless.Analyzers), one line each, sorted.</summary>
    private static List<string> Violations(IEnumerable<(string Path, string Text)> sources)
    {
        var files = sources.Select(source => (source.Path, Tree: CSharpSyntaxTree.ParseText(source.Text, path: source.Path))).ToList();
        var compilation = CSharpCompilation.Create(
            "ArchitectureCheck",
            files.Select(file => file.Tree),
            Snippet.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var infrastructure = new InfrastructureUse();
        foreach (var (path, tree) in files)
        {
            var layer = LayerOfPath(path);
            var expected = layer == Descriptors ? Root : Root + "." + layer;
            foreach (var declared in tree.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>())
            {
                if (declared.Name.ToString() != expected)
                {
                    violations.Add($"{path} declares namespace {declared.Name}, its folder says {expected}");
                }
            }

            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (OwnType(model, name, compilation.Assembly) is not { } used)
                {
                    continue;
                }

                var usedLayer = LayerOfNamespace(used.ContainingNamespace.ToDisplayString());
                if (usedLayer == Infrastructure)
                {
                    infrastructure.Add(path, used, layer == Infrastructure ? Enclosing(model, name) : null, layer);
                }

                if (!Allowed(layer, usedLayer))
                {
                    violations.Add($"{path} uses {used.ToDisplayString()} ({usedLayer})");
                }
            }
        }

        violations.UnionWith(infrastructure.SingleFamilyTypes(Families));
        return violations.ToList();
    }

    private static INamedTypeSymbol? Enclosing(SemanticModel model, SyntaxNode node)
    {
        var type = model.GetEnclosingSymbol(node.SpanStart) is { } symbol ? symbol as INamedTypeSymbol ?? symbol.ContainingType : null;
        while (type?.ContainingType is { } outer)
        {
            type = outer;
        }

        return type?.OriginalDefinition;
    }

    /// <summary>Which parts use each Infrastructure type, directly or through other Infrastructure types.</summary>
    private sealed class InfrastructureUse
    {
        private readonly Dictionary<INamedTypeSymbol, HashSet<string>> _layers = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<INamedTypeSymbol, HashSet<INamedTypeSymbol>> _users = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<INamedTypeSymbol, string> _files = new(SymbolEqualityComparer.Default);

        public void Add(string path, INamedTypeSymbol used, INamedTypeSymbol? infrastructureUser, string layer)
        {
            _files.TryAdd(used, used.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? path);
            if (layer == Infrastructure)
            {
                if (infrastructureUser is not null && !SymbolEqualityComparer.Default.Equals(infrastructureUser, used))
                {
                    Get(_users, used, () => new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default)).Add(infrastructureUser);
                }
            }
            else
            {
                Get(_layers, used, () => new HashSet<string>()).Add(layer);
            }
        }

        public IEnumerable<string> SingleFamilyTypes(string[] families)
        {
            foreach (var type in _files.Keys)
            {
                var layers = LayersOf(type, new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default));
                if (layers.Count == 1 && families.Contains(layers.Single()) && !PackageWide.Contains(type.ToDisplayString()))
                {
                    yield return $"{_files[type]}: {type.ToDisplayString()} is used only by {layers.Single()}; move it there";
                }
            }
        }

        private HashSet<string> LayersOf(INamedTypeSymbol type, HashSet<INamedTypeSymbol> seen)
        {
            var layers = new HashSet<string>(StringComparer.Ordinal);
            if (!seen.Add(type))
            {
                return layers;
            }

            if (_layers.TryGetValue(type, out var direct))
            {
                layers.UnionWith(direct);
            }

            if (_users.TryGetValue(type, out var users))
            {
                foreach (var user in users)
                {
                    layers.UnionWith(LayersOf(user, seen));
                }
            }

            return layers;
        }

        private static TValue Get<TValue>(Dictionary<INamedTypeSymbol, TValue> map, INamedTypeSymbol key, Func<TValue> create)
        {
            if (!map.TryGetValue(key, out var value))
            {
                value = create();
                map.Add(key, value);
            }

            return value;
        }
    }

    private static bool Allowed(string from, string to) =>
        from == to
        || to == Infrastructure && from != Descriptors
        || to == Handlers && from != Infrastructure && from != Descriptors
        || to == Descriptors && Families.Contains(from);

    private static string LayerOfPath(string path)
    {
        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            return Descriptors;
        }

        var folder = path.Substring(0, slash);
        Assert.True(folder is Infrastructure or Handlers || Families.Contains(folder), $"{path}: the folder {folder} has no place in the directions; add it to {nameof(ArchitectureTests)}");
        return folder;
    }

    private static string LayerOfNamespace(string name) =>
        name == Root ? Descriptors : name.StartsWith(Root + ".", StringComparison.Ordinal) ? name.Substring(Root.Length + 1).Split('.')[0] : name;

    /// <summary>The outermost type of ours that the name binds to (a type, or the type that declares the member or extension).</summary>
    private static INamedTypeSymbol? OwnType(SemanticModel model, SimpleNameSyntax name, IAssemblySymbol own)
    {
        var info = model.GetSymbolInfo(name);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        var type = symbol switch
        {
            INamedTypeSymbol named => named,
            IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
            null => null,
            _ => symbol.ContainingType,
        };

        while (type?.ContainingType is { } outer)
        {
            type = outer;
        }

        return type is not null && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, own) ? type.OriginalDefinition : null;
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relativePath.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
