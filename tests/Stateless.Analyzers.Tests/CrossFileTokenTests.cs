using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.TokenIssuance;
using Stateless.Analyzers.TokenValidation;
using VerifyTokenValidation = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;
using VerifyTokenIssuance = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer>;

namespace Stateless.Analyzers.Tests;

/// <summary>
/// Token parameters, descriptors and tokens created in a file that never names their type: through a target-typed
/// <c>new()</c>, a type derived in another file, or a global alias declared in another file.
/// </summary>
public class CrossFileTokenTests
{
    private const string Usings = """
        using System;
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.Tokens;

        """;

    [Fact]
    public async Task Parameters_created_target_typed_in_a_file_that_never_names_them_are_analysed()
    {
        var test = new VerifyTokenValidation.Test();
        test.TestState.Sources.Add(("/0/Auth.cs", Usings + "public static class Auth { public static void Use(TokenValidationParameters parameters) { } }"));
        test.TestState.Sources.Add(("/0/Startup.cs", "public static class Startup { public static void Run() => Auth.Use({|#0:new()|}); }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.STL2001_JwtAlgorithmNotPinned).WithLocation(0).WithArguments("TokenValidationParameters created here", Stateless.Analyzers.Tests.TokenValidation.PinningRisks.Open));
        await test.RunAsync();
    }

    [Fact]
    public async Task Parameters_created_through_a_global_alias_in_another_file_are_analysed()
    {
        var test = new VerifyTokenValidation.Test();
        test.TestState.Sources.Add(("/0/Usings.cs", "global using JwtParams = Microsoft.IdentityModel.Tokens.TokenValidationParameters;"));
        test.TestState.Sources.Add(("/0/Startup.cs", "public static class Startup { public static object Create() => {|#0:new JwtParams()|}; }"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(Descriptors.STL2001_JwtAlgorithmNotPinned).WithLocation(0).WithArguments("TokenValidationParameters created here", Stateless.Analyzers.Tests.TokenValidation.PinningRisks.Open));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_descriptor_type_derived_in_another_file_is_analysed_where_it_is_created()
    {
        var test = new VerifyTokenIssuance.Test();
        test.TestState.Sources.Add(("/0/AppDescriptor.cs", Usings + "public class AppDescriptor : SecurityTokenDescriptor { }"));
        test.TestState.Sources.Add(("/0/Tokens.cs", """
            using Microsoft.IdentityModel.JsonWebTokens;

            public static class Tokens
            {
                public static string Mint() =>
                    new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken({|#0:new AppDescriptor|} { Audience = "api" });
            }
            """));
        test.DisabledDiagnostics.AddRange(new[] { DiagnosticIds.STL3004_TokenIssuedWithoutJti, DiagnosticIds.STL3002_AccessTokenLifetimeTooLong, DiagnosticIds.STL3003_TokenIssuedWithoutAudience, DiagnosticIds.STL3007_SecretInTokenPayload });
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticIds.STL3001_TokenIssuedWithoutExpiry, DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("SecurityTokenDescriptor passed to a handler with SetDefaultTimesOnTokenCreation = false"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_token_created_target_typed_in_a_file_that_never_names_it_is_analysed()
    {
        var test = new VerifyTokenIssuance.Test();
        test.TestState.Sources.Add(("/0/Writer.cs", Usings + "public static class Writer { public static string Write(JwtSecurityToken token) => new JwtSecurityTokenHandler().WriteToken(token); }"));
        test.TestState.Sources.Add(("/0/Tokens.cs", """
            public static class Tokens
            {
                public static string Mint() => Writer.Write({|#0:new("issuer", "api")|});
            }
            """));
        test.DisabledDiagnostics.AddRange(new[] { DiagnosticIds.STL3004_TokenIssuedWithoutJti, DiagnosticIds.STL3002_AccessTokenLifetimeTooLong, DiagnosticIds.STL3003_TokenIssuedWithoutAudience, DiagnosticIds.STL3007_SecretInTokenPayload });
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticIds.STL3001_TokenIssuedWithoutExpiry, DiagnosticSeverity.Warning).WithLocation(0).WithArguments("JwtSecurityToken"));
        await test.RunAsync();
    }
}
