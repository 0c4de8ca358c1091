using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using Stateless.CodeFixes.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer, Stateless.CodeFixes.TokenValidation.DangerousAlgorithmCodeFix>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2002_DangerousJwtAlgorithmSetFixTests
{
    private static Task Verify(string source, string fixedSource, string key) =>
        VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2002_DangerousJwtAlgorithmSet,
            new[] { InMethod(source) },
            new[] { InMethod(fixedSource) },
            new[] { At0(Descriptors.STL2002_DangerousJwtAlgorithmSet) },
            key);

    [Fact]
    public async Task RemovesNone()
    {
        await Verify(
            """var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { "none", SecurityAlgorithms.RsaSha256 }|} };""",
            """var p = new TokenValidationParameters { ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 } };""",
            DangerousAlgorithmCodeFix.RemoveNoneEquivalenceKey);
    }

    [Fact]
    public async Task RemovesNone_LastElement()
    {
        await Verify(
            """var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.None }|} };""",
            """var p = new TokenValidationParameters { ValidAlgorithms = new[] { SecurityAlgorithms.EcdsaSha256 } };""",
            DangerousAlgorithmCodeFix.RemoveNoneEquivalenceKey);
    }

    [Fact]
    public async Task KeepsTheFamilyOfTheSigningKey_MultiLine()
    {
        await Verify(
            """
            var p = new TokenValidationParameters
            {
                IssuerSigningKey = new RsaSecurityKey(rsa),
                {|#0:ValidAlgorithms = new List<string>
                {
                    SecurityAlgorithms.HmacSha256,
                    SecurityAlgorithms.RsaSha256,
                    SecurityAlgorithms.RsaSsaPssSha256,
                }|},
            };
            """,
            """
            var p = new TokenValidationParameters
            {
                IssuerSigningKey = new RsaSecurityKey(rsa),
                ValidAlgorithms = new List<string>
                {
                    SecurityAlgorithms.RsaSha256,
                    SecurityAlgorithms.RsaSsaPssSha256,
                },
            };
            """,
            DangerousAlgorithmCodeFix.KeepKeyFamilyEquivalenceKey);
    }

    [Theory]
    [InlineData(DangerousAlgorithmCodeFix.KeepHmacEquivalenceKey, "\"HS256\"")]
    [InlineData(DangerousAlgorithmCodeFix.KeepRsaEquivalenceKey, "\"RS256\"")]
    public async Task UnknownKey_OffersOneFixPerFamily_FixAllAppliesNone(string key, string kept)
    {
        var source = InMethod("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = ["HS256", "RS256"]|} };""");
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2002_DangerousJwtAlgorithmSet,
            new[] { source },
            new[] { InMethod("var p = new TokenValidationParameters { ValidAlgorithms = [" + kept + "] };") },
            new[] { At0(Descriptors.STL2002_DangerousJwtAlgorithmSet) },
            key,
            fixAllSources: new[] { source },
            fixAllExpected: new[] { At0(Descriptors.STL2002_DangerousJwtAlgorithmSet) });
    }

    [Fact]
    public async Task InPlace_ThroughLocal()
    {
        await Verify(
            """
            var algorithms = new[] { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.EcdsaSha256 };
            services.AddAuthentication().AddJwtBearer(options =>
            {
                options.TokenValidationParameters.IssuerSigningKey = new ECDsaSecurityKey(ecdsa);
                {|#0:options.TokenValidationParameters.ValidAlgorithms = algorithms|};
            });
            """,
            """
            var algorithms = new[] { SecurityAlgorithms.EcdsaSha256 };
            services.AddAuthentication().AddJwtBearer(options =>
            {
                options.TokenValidationParameters.IssuerSigningKey = new ECDsaSecurityKey(ecdsa);
                options.TokenValidationParameters.ValidAlgorithms = algorithms;
            });
            """,
            DangerousAlgorithmCodeFix.KeepKeyFamilyEquivalenceKey);
    }

    [Fact]
    public async Task OnlyNone_NoFix()
    {
        var source = """var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { "none" }|} };""";
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2002_DangerousJwtAlgorithmSet,
            new[] { InMethod(source) },
            new[] { InMethod(source) },
            new[] { At0(Descriptors.STL2002_DangerousJwtAlgorithmSet) });
    }

    [Fact]
    public async Task FixAll_TwoDocuments()
    {
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2002_DangerousJwtAlgorithmSet,
            new[]
            {
                InMethod("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { "none", "PS256" }|} };"""),
                Usings + """
                    public static class Other
                    {
                        public static TokenValidationParameters Create() => new() { {|#1:ValidAlgorithms = new[] { "RS256", SecurityAlgorithms.None }|} };
                    }
                    """,
            },
            new[]
            {
                InMethod("""var p = new TokenValidationParameters { ValidAlgorithms = new[] { "PS256" } };"""),
                Usings + """
                    public static class Other
                    {
                        public static TokenValidationParameters Create() => new() { ValidAlgorithms = new[] { "RS256" } };
                    }
                    """,
            },
            new[] { At0(Descriptors.STL2002_DangerousJwtAlgorithmSet), At0(Descriptors.STL2002_DangerousJwtAlgorithmSet, 1) },
            DangerousAlgorithmCodeFix.RemoveNoneEquivalenceKey);
    }

    [Fact]
    public async Task TwoKeyFamiliesWithNone_FixAllRemovesOnlyNone_AndTheChoiceStaysReported()
    {
        var source = InMethod("""
            var p = new TokenValidationParameters
            {
                {|#0:ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, "none", SecurityAlgorithms.RsaSha256 }|}, // all we ever saw
                IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
            };
            """);
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2002_DangerousJwtAlgorithmSet,
            new[] { source },
            new[]
            {
                InMethod("""
                    var p = new TokenValidationParameters
                    {
                        ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 }, // all we ever saw
                        IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
                    };
                    """),
            },
            new[] { At0(Descriptors.STL2002_DangerousJwtAlgorithmSet) },
            DangerousAlgorithmCodeFix.KeepRsaEquivalenceKey,
            fixAllSources: new[]
            {
                InMethod("""
                    var p = new TokenValidationParameters
                    {
                        {|#0:ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256 }|}, // all we ever saw
                        IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
                    };
                    """),
            },
            fixAllExpected: new[] { At0(Descriptors.STL2002_DangerousJwtAlgorithmSet) });
    }
}
