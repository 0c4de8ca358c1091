using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Tests.Infrastructure;

/// <summary>
/// WellKnownTypes gives the answers of <see cref="Compilation.GetTypeByMetadataName"/> while sharing lookups in referenced
/// assemblies between compilations with the same references (the next snapshot after an edit, the driver's copy).
/// </summary>
public class WellKnownTypesTests
{
    private static CSharpCompilation Compile(string source, params MetadataReference[] extra) => CSharpCompilation.Create(
        "Snippet",
        new[] { CSharpSyntaxTree.ParseText(source) },
        Snippet.References.Concat(extra),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    [Fact]
    public void Answers_as_the_compilation_does_for_found_missing_and_nested_names()
    {
        var compilation = Compile("namespace App { public class Outer { public class Inner { } } }");
        var types = WellKnownTypes.GetOrCreate(compilation);
        foreach (var name in new[] { "System.Net.Http.HttpClient", "System.Collections.Generic.List`1", "App.Outer", "App.Outer+Inner", "No.Such.Type" })
        {
            Assert.Equal(compilation.GetTypeByMetadataName(name), types.Get(name), SymbolEqualityComparer.Default);
        }

        Assert.NotNull(types.Get("App.Outer+Inner"));
        Assert.Null(types.Get("No.Such.Type"));
    }

    [Fact]
    public void A_compilation_with_the_same_references_gets_the_same_referenced_symbols()
    {
        var first = Compile("class A { }");
        var next = first.ReplaceSyntaxTree(first.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText("class A { int _edited; }"));

        var before = WellKnownTypes.GetOrCreate(first).Get("System.Net.Http.HttpClient");
        var after = WellKnownTypes.GetOrCreate(next).Get("System.Net.Http.HttpClient");

        Assert.NotNull(before);
        Assert.Same(before, after);
        Assert.Same(next.GetTypeByMetadataName("System.Net.Http.HttpClient"), after);
    }

    [Fact]
    public void A_type_the_source_declares_wins_and_does_not_leak_into_a_compilation_that_does_not_declare_it()
    {
        // The shadowing compilation asks first, so a shared cache filled by it would hand its source type to the other.
        var shadowing = Compile("namespace System.Net.Http { public class HttpClient { } }");
        var plain = shadowing.ReplaceSyntaxTree(shadowing.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText("class A { }"));

        var own = WellKnownTypes.GetOrCreate(shadowing).Get("System.Net.Http.HttpClient");
        var referenced = WellKnownTypes.GetOrCreate(plain).Get("System.Net.Http.HttpClient");

        Assert.NotNull(own);
        Assert.Equal(shadowing.Assembly, own!.ContainingAssembly, SymbolEqualityComparer.Default);
        Assert.Equal(shadowing.GetTypeByMetadataName("System.Net.Http.HttpClient"), own, SymbolEqualityComparer.Default);
        Assert.NotNull(referenced);
        Assert.NotEqual(plain.Assembly, referenced!.ContainingAssembly, SymbolEqualityComparer.Default);
        Assert.Equal(plain.GetTypeByMetadataName("System.Net.Http.HttpClient"), referenced, SymbolEqualityComparer.Default);
    }

    [Fact]
    public void Compilations_with_other_references_do_not_share_answers()
    {
        var library = Compile("namespace Lib { public class Widget { } }");
        var libraryReference = library.ToMetadataReference();
        var without = Compile("class A { }");
        var with = Compile("class A { }", libraryReference);

        Assert.Null(WellKnownTypes.GetOrCreate(without).Get("Lib.Widget"));
        Assert.NotNull(WellKnownTypes.GetOrCreate(with).Get("Lib.Widget"));
    }
    [Fact]
    public void Every_metadata_name_of_the_package_gets_the_compilations_answer()
    {
        var names = typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => t.Name.StartsWith("MetadataNames", System.StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            .SelectMany(f => f.GetValue(null) switch { string one => new[] { one }, string[] many => many, _ => System.Array.Empty<string>() })
            .Where(n => n.Contains('.'))
            .Distinct()
            .ToList();
        Assert.True(names.Count > 200, names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var compilation = Compile("class A { }");
        var types = WellKnownTypes.GetOrCreate(compilation);
        var differ = names.Where(n => !SymbolEqualityComparer.Default.Equals(compilation.GetTypeByMetadataName(n), types.Get(n))).ToList();
        Assert.Empty(differ);
        Assert.Contains(names, n => types.Get(n) is not null);
    }

    [Fact]
    public void A_name_two_references_declare_is_no_answer_and_a_reference_with_only_an_alias_is_not_searched()
    {
        static MetadataReference Library(string name, string source, params string[] aliases) =>
            CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, Snippet.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
                .ToMetadataReference(aliases.Length == 0 ? default : System.Collections.Immutable.ImmutableArray.Create(aliases));

        var compilation = Compile(
            "class A { }",
            Library("One", "namespace Dup { public class Twice { } }"),
            Library("Two", "namespace Dup { public class Twice { } }"),
            Library("Three", "namespace Hidden { public class Aliased<T> { public class Inner { } } }", "other"));
        var types = WellKnownTypes.GetOrCreate(compilation);

        foreach (var name in new[] { "Dup.Twice", "Hidden.Aliased`1", "Hidden.Aliased`1+Inner", "Hidden.Aliased" })
        {
            Assert.Equal(compilation.GetTypeByMetadataName(name), types.Get(name), SymbolEqualityComparer.Default);
        }

        Assert.Null(types.Get("Dup.Twice"));
        Assert.Null(types.Get("Hidden.Aliased"));
        Assert.Null(types.Get("Hidden.Aliased`1+Inner"));
    }
}
