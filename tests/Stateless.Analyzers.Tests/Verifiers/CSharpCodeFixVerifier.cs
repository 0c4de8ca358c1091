using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Stateless.Analyzers.Tests.Verifiers;

/// <summary>
/// Analyzer + code fix verification (Fix All in document, project and solution scope included). Use as
/// <c>using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier&lt;TAnalyzer, TCodeFix&gt;;</c>.
/// </summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Diagnostics only; whether a fix is offered is asserted by the code-fix tests.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(source, expected);

    public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource) =>
        VerifyCodeFixAsync(source, new[] { expected }, fixedSource);

    public static async Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource, string? editorConfig = null)
    {
        var test = new Test(editorConfig) { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Verifies a fix (and Fix All) for the diagnostics of <paramref name="id"/> only, one document per source.
    /// <paramref name="fixAllSources"/> and <paramref name="fixAllExpected"/> state what Fix All leaves when it differs
    /// from the single fix (a choice the code does not settle is applied one diagnostic at a time, never by Fix All);
    /// <paramref name="fixedExpected"/> lists the diagnostics the chosen fix leaves.
    /// </summary>
    public static async Task VerifyRuleFixAsync(string id, string[] sources, string[] fixedSources, DiagnosticResult[] expected, string? equivalenceKey = null, int? codeActionIndex = null, string? editorConfig = null, string[]? fixAllSources = null, DiagnosticResult[]? fixAllExpected = null, DiagnosticResult[]? fixedExpected = null)
    {
        var test = new Test(editorConfig);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }

        test.FixedState.ExpectedDiagnostics.AddRange(fixedExpected ?? Array.Empty<DiagnosticResult>());
        if (fixAllSources is not null)
        {
            foreach (var source in fixAllSources)
            {
                test.BatchFixedState.Sources.Add(source);
            }

            test.BatchFixedState.ExpectedDiagnostics.AddRange(fixAllExpected ?? Array.Empty<DiagnosticResult>());
        }

        test.OnlyRule(id);
        test.ExpectedDiagnostics.AddRange(expected);
        if (equivalenceKey is not null)
        {
            test.CodeActionEquivalenceKey = equivalenceKey;
        }

        if (codeActionIndex is not null)
        {
            test.CodeActionIndex = codeActionIndex;
        }

        await test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
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
