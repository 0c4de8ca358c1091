using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests.Scope;

/// <summary>
/// Runs every analyzer of the package over one compilation, so "silent" means no STL diagnostic of any family, with
/// the compilation's output kind, references, global config and .editorconfig chosen by the test.
/// </summary>
internal static class ScopeTest
{
    /// <summary>The offline references without ASP.NET Core (no <c>Microsoft.AspNetCore.*</c>) and without Stateless.Runtime.</summary>
    public static ImmutableArray<MetadataReference> WithoutAspNetCore { get; } = TestReferences.Metadata
        .Where(r => !IsExcluded(AssemblyName(r)))
        .ToImmutableArray();

    /// <summary>The real xunit.core that this test project references (<c>FactAttribute</c> lives there in xUnit v2).</summary>
    public static MetadataReference XunitCore { get; } = MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location);

    public static MetadataReference StatelessRuntime { get; } = MetadataReference.CreateFromFile(typeof(Stateless.Runtime.StatelessHandlerAttribute).Assembly.Location);

    /// <summary>A tiny in-memory assembly with this name and source, standing in for a package the tests do not download.</summary>
    public static MetadataReference Stub(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            WithoutAspNetCore,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException($"stub {assemblyName} does not compile: " + string.Join(Environment.NewLine, result.Diagnostics));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    public static DiagnosticResult Warning(string id, int location) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(location);

    public static async Task RunAsync(
        string source,
        DiagnosticResult[] expected,
        OutputKind kind = OutputKind.DynamicallyLinkedLibrary,
        IEnumerable<MetadataReference>? references = null,
        string? globalConfig = null,
        string? editorConfig = null)
    {
        var test = new AllAnalyzersTest { TestCode = source };
        test.TestState.OutputKind = kind;
        if (references is not null)
        {
            test.TestState.AdditionalReferences.Clear();
            test.TestState.AdditionalReferences.AddRange(references);
        }

        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    private static string AssemblyName(MetadataReference reference) =>
        reference is PortableExecutableReference { FilePath: { } path } ? Path.GetFileNameWithoutExtension(path) : string.Empty;

    private static bool IsExcluded(string name) =>
        name.StartsWith("Microsoft.AspNetCore.", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Stateless.Runtime", StringComparison.OrdinalIgnoreCase);
}
