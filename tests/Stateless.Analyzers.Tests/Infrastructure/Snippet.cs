using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace Stateless.Analyzers.Tests.Infrastructure;

/// <summary>A small C# source compiled against the running framework, for asking the Infrastructure helpers about its symbols and operations.</summary>
internal sealed class Snippet
{
    private static readonly Lazy<MetadataReference[]> FrameworkReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !Path.GetFileNameWithoutExtension(path).StartsWith("Stateless.", StringComparison.Ordinal))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>The assemblies of the running framework and the test's packages (Roslyn among them), none of ours.</summary>
    public static MetadataReference[] References => FrameworkReferences.Value;

    private Snippet(CSharpCompilation compilation)
    {
        Compilation = compilation;
        Tree = compilation.SyntaxTrees.Single();
        Model = compilation.GetSemanticModel(Tree);
    }

    public CSharpCompilation Compilation { get; }

    public SyntaxTree Tree { get; }

    public SemanticModel Model { get; }

    /// <summary>Compiles <paramref name="source"/> and fails the test if it does not compile.</summary>
    public static Snippet Compile(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Snippet",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return new Snippet(compilation);
    }

    public INamedTypeSymbol Type(string metadataName) =>
        Compilation.GetTypeByMetadataName(metadataName) ?? throw new InvalidOperationException(metadataName + " not found");

    public IPropertySymbol Property(string typeMetadataName, string name) =>
        Type(typeMetadataName).GetMembers(name).OfType<IPropertySymbol>().Single();

    /// <summary>Every operation of the method bodies and initializers in the snippet.</summary>
    public IEnumerable<IOperation> Operations()
    {
        foreach (var node in Tree.GetRoot().DescendantNodes())
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.EqualsValueClauseSyntax
                && Model.GetOperation(node) is { Parent: null } root)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    yield return operation;
                }
            }
        }
    }

    /// <summary>The operation of the first expression whose text is <paramref name="text"/>.</summary>
    public IOperation Expression(string text)
    {
        var node = Tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax>().First(e => e.ToString() == text);
        return Model.GetOperation(node) ?? throw new InvalidOperationException("no operation for " + text);
    }
}
