using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests.TokenIssuance;

/// <summary>
/// Runs one rule of a multi-rule analyzer: the analyzer's other rules are disabled, so each test states exactly
/// the diagnostics of the rule it is about. Test sources get the usings every token sample starts with.
/// </summary>
internal static class TokenRuleVerifier
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        """;

    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);

    public static async Task VerifyAsync<TAnalyzer>(string id, string source, string? editorConfig, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test(editorConfig) { TestCode = Usings + source };
        test.DisabledDiagnostics.AddRange(OtherIds<TAnalyzer>(id));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyAsync<TAnalyzer>(string id, string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        VerifyAsync<TAnalyzer>(id, source, editorConfig: null, expected);

    public static async Task VerifyFixAsync<TAnalyzer, TFix>(string id, string[] sources, string[] fixedSources, DiagnosticResult[] expected, string? editorConfig = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixVerifier<TAnalyzer, TFix>.Test(editorConfig);
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/Test{i}.cs", Usings + sources[i]));
        }

        for (var i = 0; i < fixedSources.Length; i++)
        {
            test.FixedState.Sources.Add(($"/0/Test{i}.cs", Usings + fixedSources[i]));
        }

        test.DisabledDiagnostics.AddRange(OtherIds<TAnalyzer>(id));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    private static IEnumerable<string> OtherIds<TAnalyzer>(string id)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        new TAnalyzer().SupportedDiagnostics.Select(d => d.Id).Where(other => other != id).Distinct();
}
