using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using Stateless.CodeFixes.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer, Stateless.CodeFixes.TokenValidation.RemoveDisablingSettingCodeFix>;

namespace Stateless.Analyzers.Tests.TokenValidation;

/// <summary>STL2003–STL2006 fixes: the disabling assignment or always-true delegate is removed.</summary>
public class STL2003_RemoveDisablingSettingFixTests
{
    private static Task Verify(string id, string source, string fixedSource, int diagnostics = 1)
    {
        var descriptor = id switch
        {
            DiagnosticIds.STL2003_JwtSignatureNotVerified => Descriptors.STL2003_JwtSignatureNotVerified,
            DiagnosticIds.STL2004_JwtExpiryNotEnforced => Descriptors.STL2004_JwtExpiryNotEnforced,
            DiagnosticIds.STL2005_JwtAudienceNotValidated => Descriptors.STL2005_JwtAudienceNotValidated,
            _ => Descriptors.STL2006_JwtIssuerNotValidated,
        };
        var expected = new Microsoft.CodeAnalysis.Testing.DiagnosticResult[diagnostics];
        for (var i = 0; i < diagnostics; i++)
        {
            expected[i] = At0(descriptor, i);
        }

        return VerifyCS.VerifyRuleFixAsync(id, new[] { InMethod(source) }, new[] { InMethod(fixedSource) }, expected, id + RemoveDisablingSettingCodeFix.Action);
    }

    [Fact]
    public async Task STL2003_RemovesRequireSignedTokensFalse_MiddleOfMultiLineInitializer()
    {
        await Verify(
            DiagnosticIds.STL2003_JwtSignatureNotVerified,
            """
            var p = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                {|#0:RequireSignedTokens = false|},
                IssuerSigningKey = new SymmetricSecurityKey(secret)
            };
            """,
            """
            var p = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                IssuerSigningKey = new SymmetricSecurityKey(secret)
            };
            """);
    }

    [Fact]
    public async Task STL2003_RemovesParseOnlySignatureValidator_Statement()
    {
        await Verify(
            DiagnosticIds.STL2003_JwtSignatureNotVerified,
            """
            services.AddAuthentication().AddJwtBearer(options =>
            {
                options.TokenValidationParameters.ValidIssuer = issuer;
                {|#0:options.TokenValidationParameters.SignatureValidator = (token, _) => new JsonWebToken(token)|};
                options.TokenValidationParameters.ValidAudience = "api";
            });
            """,
            """
            services.AddAuthentication().AddJwtBearer(options =>
            {
                options.TokenValidationParameters.ValidIssuer = issuer;
                options.TokenValidationParameters.ValidAudience = "api";
            });
            """);
    }

    [Fact]
    public async Task STL2004_RemovesLastMember_SingleLine()
    {
        await Verify(
            DiagnosticIds.STL2004_JwtExpiryNotEnforced,
            """var p = new TokenValidationParameters { ValidIssuer = issuer, {|#0:ValidateLifetime = false|} };""",
            """var p = new TokenValidationParameters { ValidIssuer = issuer };""");
    }

    [Fact]
    public async Task STL2004_RemovesAlwaysTrueLifetimeValidator_LastMemberMultiLine()
    {
        await Verify(
            DiagnosticIds.STL2004_JwtExpiryNotEnforced,
            """
            var p = new TokenValidationParameters
            {
                ValidIssuer = issuer, // the issuer
                {|#0:LifetimeValidator = (notBefore, expires, token, parameters) => true|} // accept everything
            };
            """,
            """
            var p = new TokenValidationParameters
            {
                ValidIssuer = issuer // the issuer
            };
            """);
    }

    [Fact]
    public async Task STL2005_RemovesFirstMember()
    {
        await Verify(
            DiagnosticIds.STL2005_JwtAudienceNotValidated,
            """var p = new TokenValidationParameters { {|#0:ValidateAudience = false|}, ValidIssuer = issuer };""",
            """var p = new TokenValidationParameters { ValidIssuer = issuer };""");
    }

    [Fact]
    public async Task STL2006_RemovesOnlyMember()
    {
        await Verify(
            DiagnosticIds.STL2006_JwtIssuerNotValidated,
            """var p = new TokenValidationParameters { {|#0:ValidateIssuer = false|} };""",
            """var p = new TokenValidationParameters { };""");
    }

    [Fact]
    public async Task STL2006_FixAll_TemplateWithTwoDisabledChecks()
    {
        await Verify(
            DiagnosticIds.STL2006_JwtIssuerNotValidated,
            """
            var p = new TokenValidationParameters
            {
                {|#0:ValidateIssuer = false|},
                {|#3:IssuerValidator = (iss, token, parameters) => iss|},
            };
            var q = new TokenValidationParameters();
            {|#1:q.ValidateIssuer = false|};
            {|#2:q.IssuerValidator = (iss, token, parameters) => iss|};
            """,
            """
            var p = new TokenValidationParameters
            {
            };
            var q = new TokenValidationParameters();
            """,
            diagnostics: 4);
    }

    [Theory]
    [InlineData(DiagnosticIds.STL2003_JwtSignatureNotVerified, "RequireSignedTokens = false", "SignatureValidator = (token, parameters) => new JsonWebToken(token)")]
    [InlineData(DiagnosticIds.STL2004_JwtExpiryNotEnforced, "ValidateLifetime = false", "LifetimeValidator = (notBefore, expires, token, parameters) => true")]
    [InlineData(DiagnosticIds.STL2005_JwtAudienceNotValidated, "ValidateAudience = false", "AudienceValidator = (audiences, token, parameters) => true")]
    [InlineData(DiagnosticIds.STL2006_JwtIssuerNotValidated, "ValidateIssuer = false", "IssuerValidator = (issuer, token, parameters) => issuer")]
    public async Task FixAll_TwoDocuments(string id, string setting, string validator)
    {
        var descriptor = id switch
        {
            DiagnosticIds.STL2003_JwtSignatureNotVerified => Descriptors.STL2003_JwtSignatureNotVerified,
            DiagnosticIds.STL2004_JwtExpiryNotEnforced => Descriptors.STL2004_JwtExpiryNotEnforced,
            DiagnosticIds.STL2005_JwtAudienceNotValidated => Descriptors.STL2005_JwtAudienceNotValidated,
            _ => Descriptors.STL2006_JwtIssuerNotValidated,
        };
        await VerifyCS.VerifyRuleFixAsync(
            id,
            new[]
            {
                InMethod("var p = new TokenValidationParameters { ValidIssuer = issuer, {|#0:" + setting + "|} };"),
                Usings + $$"""
                    public static class Other
                    {
                        public static void Configure(JwtBearerOptions options)
                        {
                            options.Audience = "api";
                            {|#1:options.TokenValidationParameters.{{validator}}|};
                        }
                    }
                    """,
            },
            new[]
            {
                InMethod("var p = new TokenValidationParameters { ValidIssuer = issuer };"),
                Usings + """
                    public static class Other
                    {
                        public static void Configure(JwtBearerOptions options)
                        {
                            options.Audience = "api";
                        }
                    }
                    """,
            },
            new[] { At0(descriptor), At0(descriptor, 1) },
            id + RemoveDisablingSettingCodeFix.Action);
    }

    [Fact]
    public async Task FixAll_SeveralInOneInitializerAndOnePerOther_KeepsTheCommentsOfKeptLines()
    {
        await Verify(
            DiagnosticIds.STL2006_JwtIssuerNotValidated,
            """
            var a = new TokenValidationParameters
            {
                {|#0:ValidateIssuer = false|}, // off for now
                // The audience the API serves
                ValidAudience = "api",

                // Issuers
                {|#1:IssuerValidator = (i, t, p) => i|},
                ValidIssuer = issuer, // from configuration
            };
            var b = new TokenValidationParameters { ValidIssuer = issuer, {|#2:ValidateIssuer = false|} };
            """,
            """
            var a = new TokenValidationParameters
            {
                // The audience the API serves
                ValidAudience = "api",
                ValidIssuer = issuer, // from configuration
            };
            var b = new TokenValidationParameters { ValidIssuer = issuer };
            """,
            diagnostics: 3);
    }
}
