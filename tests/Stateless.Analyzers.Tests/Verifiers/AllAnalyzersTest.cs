using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Stateless.Analyzers.Tests.Verifiers;

/// <summary>
/// Every analyzer of the package over one compilation, with the same setup as <see cref="CSharpAnalyzerVerifier{TAnalyzer}"/>:
/// for tests whose "silent" must mean no STL diagnostic of any family (analysis scope, test code, client applications).
/// </summary>
public sealed class AllAnalyzersTest : CSharpAnalyzerTest<EmptyDiagnosticAnalyzer, DefaultVerifier>
{
    public AllAnalyzersTest()
    {
        ReferenceAssemblies = TestReferences.None;
        TestSetup.Apply(TestState, SolutionTransforms, editorConfig: null);
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => AnalyzerCatalog.Analyzers;
}
