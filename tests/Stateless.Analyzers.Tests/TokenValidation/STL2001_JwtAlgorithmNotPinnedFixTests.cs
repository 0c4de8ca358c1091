using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using Stateless.CodeFixes.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer, Stateless.CodeFixes.TokenValidation.PinAlgorithmsCodeFix>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2001_JwtAlgorithmNotPinnedFixTests
{
    private static Task Verify(string[] sources, string[] fixedSources, int diagnostics, string? key = null) =>
        VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2001_JwtAlgorithmNotPinned,
            sources,
            fixedSources,
            Expected(diagnostics),
            key);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult[] Expected(int count)
    {
        var results = new Microsoft.CodeAnalysis.Testing.DiagnosticResult[count];
        for (var i = 0; i < count; i++)
        {
            results[i] = At0(Descriptors.STL2001_JwtAlgorithmNotPinned, i);
        }

        return results;
    }

    [Fact]
    public async Task SymmetricKey_PinsHmacSha256()
    {
        await Verify(
            new[]
            {
                InMethod("""
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters = {|#0:new TokenValidationParameters|}
                        {
                            ValidateIssuer = true,
                            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!)) // from user secrets
                        };
                    });
                    """),
            },
            new[]
            {
                InMethod("""
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidateIssuer = true,
                            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!)), // from user secrets
                            ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 }
                        };
                    });
                    """),
            },
            1,
            PinAlgorithmsCodeFix.KeyFamilyEquivalenceKey);
    }

    [Fact]
    public async Task RsaKeyWithTrailingComma_PinsRsaSha256()
    {
        await Verify(
            new[]
            {
                InMethod("""
                    var parameters = {|#0:new TokenValidationParameters|}
                    {
                        ValidIssuer = issuer, // the issuer
                        IssuerSigningKey = new RsaSecurityKey(rsa),
                    };
                    """),
            },
            new[]
            {
                InMethod("""
                    var parameters = new TokenValidationParameters
                    {
                        ValidIssuer = issuer, // the issuer
                        IssuerSigningKey = new RsaSecurityKey(rsa),
                        ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                    };
                    """),
            },
            1,
            PinAlgorithmsCodeFix.KeyFamilyEquivalenceKey);
    }

    [Fact]
    public async Task KeySetAfterConstruction_AddsInitializer()
    {
        await Verify(
            new[]
            {
                InMethod("""
                    var parameters = {|#0:new TokenValidationParameters()|};
                    parameters.IssuerSigningKey = new ECDsaSecurityKey(ecdsa);
                    """),
            },
            new[]
            {
                InMethod("""
                    var parameters = new TokenValidationParameters() { ValidAlgorithms = new[] { SecurityAlgorithms.EcdsaSha256 } };
                    parameters.IssuerSigningKey = new ECDsaSecurityKey(ecdsa);
                    """),
            },
            1,
            PinAlgorithmsCodeFix.KeyFamilyEquivalenceKey);
    }

    [Theory]
    [InlineData(PinAlgorithmsCodeFix.HmacEquivalenceKey, "HmacSha256")]
    [InlineData(PinAlgorithmsCodeFix.RsaEquivalenceKey, "RsaSha256")]
    [InlineData(PinAlgorithmsCodeFix.EcdsaEquivalenceKey, "EcdsaSha256")]
    public async Task UnknownKey_OffersOneFixPerFamily_FixAllAppliesNone(string key, string member)
    {
        var source = InMethod("""var parameters = {|#0:new TokenValidationParameters|} { IssuerSigningKeyResolver = (token, securityToken, kid, p) => new SecurityKey[0] };""");
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2001_JwtAlgorithmNotPinned,
            new[] { source },
            new[] { InMethod($$"""var parameters = new TokenValidationParameters { IssuerSigningKeyResolver = (token, securityToken, kid, p) => new SecurityKey[0], ValidAlgorithms = new[] { SecurityAlgorithms.{{member}} } };""") },
            Expected(1),
            key,
            fixAllSources: new[] { source },
            fixAllExpected: Expected(1));
    }

    [Fact]
    public async Task InPlace_AddsStatementBeforeTheFirstSetting()
    {
        await Verify(
            new[]
            {
                InMethod("""
                    services.AddAuthentication().AddJwtBearer({|#0:options =>|}
                    {
                        options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(secret);
                        options.TokenValidationParameters.ValidIssuer = issuer;
                    });
                    """),
            },
            new[]
            {
                InMethod("""
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters.ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 };
                        options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(secret);
                        options.TokenValidationParameters.ValidIssuer = issuer;
                    });
                    """),
            },
            1,
            PinAlgorithmsCodeFix.KeyFamilyEquivalenceKey);
    }

    [Fact]
    public async Task FixAll_TwoDocuments_EachPinnedToItsOwnKey()
    {
        await Verify(
            new[]
            {
                InMethod("""var a = {|#0:new TokenValidationParameters|} { IssuerSigningKey = new SymmetricSecurityKey(secret) };"""),
                Usings + """
                    public static class Other
                    {
                        public static TokenValidationParameters Create(RSA rsa) => {|#1:new()|} { IssuerSigningKey = new RsaSecurityKey(rsa) };
                    }
                    """,
            },
            new[]
            {
                InMethod("""var a = new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(secret), ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 } };"""),
                Usings + """
                    public static class Other
                    {
                        public static TokenValidationParameters Create(RSA rsa) => new() { IssuerSigningKey = new RsaSecurityKey(rsa), ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 } };
                    }
                    """,
            },
            2,
            PinAlgorithmsCodeFix.KeyFamilyEquivalenceKey);
    }

    [Fact]
    public async Task EndOfLineCommentOfTheLastMember_StaysOnItsLine()
    {
        await Verify(
            new[]
            {
                InMethod("""
                    var parameters = {|#0:new TokenValidationParameters|}
                    {
                        IssuerSigningKey = new SymmetricSecurityKey(secret), // from user secrets

                        // Clock
                        ClockSkew = TimeSpan.FromMinutes(1), // expect: STL2007
                    };
                    var other = {|#1:new TokenValidationParameters|}
                    {
                        IssuerSigningKey = new RsaSecurityKey(rsa) // the public key
                    };
                    """),
            },
            new[]
            {
                InMethod("""
                    var parameters = new TokenValidationParameters
                    {
                        IssuerSigningKey = new SymmetricSecurityKey(secret), // from user secrets

                        // Clock
                        ClockSkew = TimeSpan.FromMinutes(1), // expect: STL2007
                        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
                    };
                    var other = new TokenValidationParameters
                    {
                        IssuerSigningKey = new RsaSecurityKey(rsa), // the public key
                        ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 }
                    };
                    """),
            },
            2,
            PinAlgorithmsCodeFix.KeyFamilyEquivalenceKey);
    }

    [Theory]
    [InlineData(PinAlgorithmsCodeFix.HmacEquivalenceKey, "HmacSha256")]
    [InlineData(PinAlgorithmsCodeFix.RsaEquivalenceKey, "RsaSha256")]
    public async Task KeysOfTwoFamilies_OfferEachChoice_FixAllAppliesNone(string key, string member)
    {
        var source = InMethod("""
            var parameters = {|#0:new TokenValidationParameters|}
            {
                IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
            };
            """);
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2001_JwtAlgorithmNotPinned,
            new[] { source },
            new[]
            {
                InMethod($$"""
                    var parameters = new TokenValidationParameters
                    {
                        IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
                        ValidAlgorithms = new[] { SecurityAlgorithms.{{member}} },
                    };
                    """),
            },
            Expected(1),
            key,
            fixAllSources: new[] { source },
            fixAllExpected: Expected(1));
    }

    [Fact]
    public async Task FixAll_PinsTheKnownFamiliesAndLeavesTheUnknownKey()
    {
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2001_JwtAlgorithmNotPinned,
            new[]
            {
                InMethod("""
                    var unknown = {|#0:new TokenValidationParameters|} { IssuerSigningKey = configuration.Get<SecurityKey>() };
                    var known = {|#1:new TokenValidationParameters|} { IssuerSigningKey = new ECDsaSecurityKey(ecdsa) };
                    """),
            },
            new[]
            {
                InMethod("""
                    var unknown = new TokenValidationParameters { IssuerSigningKey = configuration.Get<SecurityKey>(), ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 } };
                    var known = {|#1:new TokenValidationParameters|} { IssuerSigningKey = new ECDsaSecurityKey(ecdsa) };
                    """),
            },
            Expected(2),
            PinAlgorithmsCodeFix.HmacEquivalenceKey,
            fixedExpected: new[] { At0(Descriptors.STL2001_JwtAlgorithmNotPinned, 1) },
            fixAllSources: new[]
            {
                InMethod("""
                    var unknown = {|#0:new TokenValidationParameters|} { IssuerSigningKey = configuration.Get<SecurityKey>() };
                    var known = new TokenValidationParameters { IssuerSigningKey = new ECDsaSecurityKey(ecdsa), ValidAlgorithms = new[] { SecurityAlgorithms.EcdsaSha256 } };
                    """),
            },
            fixAllExpected: Expected(1));
    }

    [Fact]
    public async Task MembersSharingALine_TheNewOneTakesTheIndentationOfTheInitializer()
    {
        await Verify(
            new[]
            {
                InMethod("""
                    var parameters = {|#0:new TokenValidationParameters|}
                    {
                        ValidIssuer = issuer, IssuerSigningKey = new SymmetricSecurityKey(secret)
                    };
                    """),
            },
            new[]
            {
                InMethod("""
                    var parameters = new TokenValidationParameters
                    {
                        ValidIssuer = issuer, IssuerSigningKey = new SymmetricSecurityKey(secret),
                        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 }
                    };
                    """),
            },
            1,
            PinAlgorithmsCodeFix.KeyFamilyEquivalenceKey);
    }
}
