using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.Infrastructure;
using Stateless.Analyzers.TokenIssuance;
using Stateless.Analyzers.TokenValidation;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests;

/// <summary>
/// The per-file pre-check of the JWT and scale-out families: files that cannot contain the APIs are skipped, and
/// code that creates or configures them without naming them in its own file (a target-typed <c>new()</c>, a derived
/// type, a global alias) is still analysed.
/// </summary>
public class SourceFilterTests
{
    private const string Usings = """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;

        """;

    // ---------------------------------------------------------------- the filter itself

    [Theory]
    [InlineData("class C { void M(TokenValidationParameters p) { } }", true)]
    [InlineData("class C { void M(object p) { var x = p.ToString(); } }", false)]
    [InlineData("class C { // TokenValidationParameters in a comment only makes the file relevant\n }", true)]
    [InlineData("class C { void M() { var TokenValidationParametersFactory = 1; } }", false)]
    [InlineData("class C { void M(dynamic o) { o.ValidIssuer = \"x\"; } }", true)]
    [InlineData("class C { System.Collections.Generic.List<int> _list = new(); }", false)]
    [InlineData("class C { void M() { System.Collections.Generic.List<int> list = new(); } }", false)]
    [InlineData("class C { void M() { Use(new()); } void Use(object o) { } }", true)]
    [InlineData("class C { object M() { return new (); } }", true)]
    [InlineData("class C { object _o; void M() { _o = new(); } }", true)]
    public void A_file_is_relevant_when_it_names_the_family_or_may_create_it_untyped(string source, bool relevant)
    {
        var compilation = Compile(Usings + source);
        var parameters = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.TokenValidationParameters");
        var filter = SourceFilter.Create(compilation, new[] { "ValidIssuer" }, new[] { parameters }, targetTypedCreations: true);

        Assert.Equal(relevant, filter.MayBeRelevant(compilation.SyntaxTrees.First(), CancellationToken.None));
    }

    [Fact]
    public void Untyped_creations_do_not_count_for_families_that_cannot_be_target_typed()
    {
        var compilation = Compile("class C { void M() { Use(new()); } void Use(object o) { } }");
        var filter = SourceFilter.Create(compilation, new[] { "AddDataProtection" }, System.Array.Empty<INamedTypeSymbol?>(), targetTypedCreations: false);

        Assert.False(filter.MayBeRelevant(compilation.SyntaxTrees.First(), CancellationToken.None));
    }

    [Fact]
    public void Source_types_derived_from_a_root_and_global_aliases_make_files_relevant()
    {
        var compilation = Compile(
            "public class AppParameters : Microsoft.IdentityModel.Tokens.TokenValidationParameters { }",
            "global using JwtParams = Microsoft.IdentityModel.Tokens.TokenValidationParameters;",
            "class UsesDerived { object M() => new AppParameters(); }",
            "class UsesAlias { object M() => new JwtParams(); }",
            "class Unrelated { object M() => new object(); }");
        var parameters = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.TokenValidationParameters");
        var filter = SourceFilter.Create(compilation, System.Array.Empty<string>(), new[] { parameters }, targetTypedCreations: false);
        var trees = compilation.SyntaxTrees.ToArray();

        Assert.True(filter.MayBeRelevant(trees[2], CancellationToken.None));
        Assert.True(filter.MayBeRelevant(trees[3], CancellationToken.None));
        Assert.False(filter.MayBeRelevant(trees[4], CancellationToken.None));
    }

    // ---------------------------------------------------------------- through the analyzers

    [Fact]
    public async Task Parameters_created_target_typed_in_a_file_that_never_names_them_are_analysed()
    {
        var test = new CSharpAnalyzerVerifier<TokenValidationAnalyzer>.Test();
        test.TestState.Sources.Add(("/0/Auth.cs", Usings + "public static class Auth { public static void Use(TokenValidationParameters parameters) { } }"));
        test.TestState.Sources.Add(("/0/Startup.cs", "public static class Startup { public static void Run() => Auth.Use({|#0:new()|}); }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.JwtAlgorithmNotPinned).WithLocation(0).WithArguments("TokenValidationParameters created here"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Parameters_created_through_a_global_alias_in_another_file_are_analysed()
    {
        var test = new CSharpAnalyzerVerifier<TokenValidationAnalyzer>.Test();
        test.TestState.Sources.Add(("/0/Usings.cs", "global using JwtParams = Microsoft.IdentityModel.Tokens.TokenValidationParameters;"));
        test.TestState.Sources.Add(("/0/Startup.cs", "public static class Startup { public static object Create() => {|#0:new JwtParams()|}; }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.JwtAlgorithmNotPinned).WithLocation(0).WithArguments("TokenValidationParameters created here"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_descriptor_type_derived_in_another_file_is_analysed_where_it_is_created()
    {
        var test = new CSharpAnalyzerVerifier<TokenIssuanceAnalyzer>.Test();
        test.TestState.Sources.Add(("/0/AppDescriptor.cs", Usings + "public class AppDescriptor : SecurityTokenDescriptor { }"));
        test.TestState.Sources.Add(("/0/Tokens.cs", """
            using Microsoft.IdentityModel.JsonWebTokens;

            public static class Tokens
            {
                public static string Mint() =>
                    new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken({|#0:new AppDescriptor|} { Audience = "api" });
            }
            """));
        test.DisabledDiagnostics.AddRange(new[] { DiagnosticIds.TokenIssuedWithoutJti, DiagnosticIds.AccessTokenLifetimeTooLong, DiagnosticIds.TokenIssuedWithoutAudience, DiagnosticIds.SecretInTokenPayload });
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticIds.TokenIssuedWithoutExpiry, DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("SecurityTokenDescriptor passed to a handler with SetDefaultTimesOnTokenCreation = false"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_token_created_target_typed_in_a_file_that_never_names_it_is_analysed()
    {
        var test = new CSharpAnalyzerVerifier<TokenIssuanceAnalyzer>.Test();
        test.TestState.Sources.Add(("/0/Writer.cs", Usings + "public static class Writer { public static string Write(JwtSecurityToken token) => new JwtSecurityTokenHandler().WriteToken(token); }"));
        test.TestState.Sources.Add(("/0/Tokens.cs", """
            public static class Tokens
            {
                public static string Mint() => Writer.Write({|#0:new("issuer", "api")|});
            }
            """));
        test.DisabledDiagnostics.AddRange(new[] { DiagnosticIds.TokenIssuedWithoutJti, DiagnosticIds.AccessTokenLifetimeTooLong, DiagnosticIds.TokenIssuedWithoutAudience, DiagnosticIds.SecretInTokenPayload });
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticIds.TokenIssuedWithoutExpiry, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("JwtSecurityToken"));
        await test.RunAsync();
    }

    private static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "FilterTest",
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/File" + index + ".cs")),
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
