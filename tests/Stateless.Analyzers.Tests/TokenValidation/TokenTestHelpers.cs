using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests.TokenValidation;

/// <summary>Sources and verification helpers shared by the STL20xx tests.</summary>
internal static class TokenTestHelpers
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using System.Security.Cryptography;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        """;

    /// <summary>An expected diagnostic of the descriptor's ID and severity, at markup location 0, message not compared.</summary>
    public static DiagnosticResult At0(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int location = 0) =>
        new DiagnosticResult(descriptor.Id, descriptor.DefaultSeverity).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>Look-alikes: types with the same simple names as IdentityModel's, in another namespace.</summary>
    public const string LookAlikes = """

        namespace Contoso.Auth
        {
            public sealed class TokenValidationParameters
            {
                public bool ValidateIssuer { get; set; }
                public bool ValidateAudience { get; set; }
                public bool ValidateLifetime { get; set; }
                public bool RequireSignedTokens { get; set; }
                public bool RequireExpirationTime { get; set; }
                public System.TimeSpan ClockSkew { get; set; }
                public System.Collections.Generic.IEnumerable<string>? ValidAlgorithms { get; set; }
                public System.Func<System.DateTime?, System.DateTime?, object, object, bool>? LifetimeValidator { get; set; }
                public System.Func<System.Collections.Generic.IEnumerable<string>, object, object, bool>? AudienceValidator { get; set; }
                public System.Func<string, object, object, string>? IssuerValidator { get; set; }
                public System.Func<string, object, object>? SignatureValidator { get; set; }
            }

            public sealed class JwtSecurityTokenHandler
            {
                public JwtSecurityToken ReadJwtToken(string token) => new JwtSecurityToken(token);
            }

            public sealed class JwtSecurityToken
            {
                public JwtSecurityToken(string token) => Claims = new System.Collections.Generic.List<System.Security.Claims.Claim>();
                public System.Collections.Generic.IEnumerable<System.Security.Claims.Claim> Claims { get; }
                public string Subject => string.Empty;
            }
        }
        """;

    /// <summary>A method body inside a class, with a few handy parameters in scope, plus the look-alikes.</summary>
    public static string InMethodWithLookAlikes(string body) => InMethod(body) + LookAlikes;

    /// <summary>A method body inside a class, with a few handy parameters in scope.</summary>
    public static string InMethod(string body) => Usings + $$"""
        public class Startup
        {
            public void ConfigureServices(IServiceCollection services, IConfiguration configuration, byte[] secret, RSA rsa, ECDsa ecdsa, string issuer)
            {
        {{body}}
            }
        }
        """;

    /// <summary>Runs <typeparamref name="TAnalyzer"/> on the sources and compares only the diagnostics of <paramref name="id"/>.</summary>
    public static async Task VerifyAsync<TAnalyzer>(string id, string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        await VerifyAsync<TAnalyzer>(id, new[] { source }, null, expected);
    }

    /// <summary>Like <see cref="VerifyAsync{TAnalyzer}(string, string, DiagnosticResult[])"/> for a top-level-statements program.</summary>
    public static async Task VerifyProgramAsync<TAnalyzer>(string id, string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        await VerifyAsync<TAnalyzer>(id, new[] { source }, null, Microsoft.CodeAnalysis.OutputKind.ConsoleApplication, expected);
    }

    public static Task VerifyAsync<TAnalyzer>(string? id, string[] sources, string? editorConfig, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        VerifyAsync<TAnalyzer>(id, sources, editorConfig, null, expected);

    private static async Task VerifyAsync<TAnalyzer>(string? id, string[] sources, string? editorConfig, Microsoft.CodeAnalysis.OutputKind? outputKind, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test(editorConfig);
        if (outputKind is not null)
        {
            test.TestState.OutputKind = outputKind;
        }

        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        Disable(test.DisabledDiagnostics, new TAnalyzer(), id);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Verifies a fix (and Fix All) for the diagnostics of <paramref name="id"/> only. <paramref name="fixAllSources"/>
    /// and <paramref name="fixAllExpected"/> state what Fix All leaves when it differs from the single fix (a choice
    /// the code does not settle is applied one diagnostic at a time, never by Fix All); <paramref name="fixedExpected"/>
    /// lists the diagnostics the chosen fix leaves.
    /// </summary>
    public static async Task VerifyFixAsync<TAnalyzer, TFix>(string id, string[] sources, string[] fixedSources, DiagnosticResult[] expected, string? equivalenceKey = null, int? codeActionIndex = null, string? editorConfig = null, string[]? fixAllSources = null, DiagnosticResult[]? fixAllExpected = null, DiagnosticResult[]? fixedExpected = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixVerifier<TAnalyzer, TFix>.Test(editorConfig);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }

        test.FixedState.ExpectedDiagnostics.AddRange(fixedExpected ?? System.Array.Empty<DiagnosticResult>());
        if (fixAllSources is not null)
        {
            foreach (var source in fixAllSources)
            {
                test.BatchFixedState.Sources.Add(source);
            }

            test.BatchFixedState.ExpectedDiagnostics.AddRange(fixAllExpected ?? System.Array.Empty<DiagnosticResult>());
        }

        Disable(test.DisabledDiagnostics, new TAnalyzer(), id);
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

    private static void Disable(System.Collections.Generic.List<string> disabled, DiagnosticAnalyzer analyzer, string? id)
    {
        if (id is null)
        {
            return;
        }

        disabled.AddRange(analyzer.SupportedDiagnostics.Select(d => d.Id).Where(other => other != id).Distinct());
    }
}
