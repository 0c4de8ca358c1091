using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Stateless.Analyzers.Tests.Verifiers;

/// <summary>
/// Analyzer-only verification, the one way analyzer tests run a rule. Use as
/// <c>using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier&lt;TAnalyzer&gt;;</c> and call
/// <c>VerifyCS.VerifyAnalyzerAsync</c> (every rule of the analyzer), <c>VerifyCS.VerifyRuleAsync</c> (one rule of a
/// multi-rule analyzer, the others disabled) or build a <c>new VerifyCS.Test</c> for several documents, options or an
/// output kind.
/// </summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync(source, editorConfig: null, expected);

    public static async Task VerifyAnalyzerAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test(editorConfig) { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>Runs the analyzer with only the rule <paramref name="id"/> enabled: each test states exactly that rule's diagnostics.</summary>
    public static Task VerifyRuleAsync(string id, string source, params DiagnosticResult[] expected) =>
        VerifyRuleAsync(id, new[] { source }, editorConfig: null, expected);

    public static Task VerifyRuleAsync(string id, string source, string? editorConfig, params DiagnosticResult[] expected) =>
        VerifyRuleAsync(id, new[] { source }, editorConfig, expected);

    /// <summary>One document per source; a null <paramref name="id"/> keeps every rule of the analyzer enabled.</summary>
    public static async Task VerifyRuleAsync(string? id, string[] sources, string? editorConfig, params DiagnosticResult[] expected)
    {
        var test = new Test(editorConfig);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.OnlyRule(id);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
            : this(editorConfig: null)
        {
        }

        public Test(string? editorConfig)
        {
            ReferenceAssemblies = TestReferences.None;
            TestSetup.Apply(TestState, SolutionTransforms, editorConfig);
        }

        /// <summary>Disables the analyzer's rules other than <paramref name="id"/> (none when it is null).</summary>
        public void OnlyRule(string? id) => TestSetup.DisableOtherRules(DisabledDiagnostics, new TAnalyzer(), id);
    }
}
