using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using Stateless.CodeFixes.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer, Stateless.CodeFixes.TokenValidation.ClampClockSkewCodeFix>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2007_ExcessiveClockSkewFixTests
{
    [Fact]
    public async Task ClampsToDefaultMaximum()
    {
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2007_ExcessiveClockSkew,
            new[] { InMethod("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromHours(1)|}, ValidIssuer = issuer };""") },
            new[] { InMethod("""var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromMinutes(5), ValidIssuer = issuer };""") },
            new[] { At0(Descriptors.STL2007_ExcessiveClockSkew) },
            ClampClockSkewCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task ClampsTheAssignment_WhenTheSkewIsAFieldOfTheSameFile()
    {
        const string Before = """
            public class JwtSetup
            {
                private static readonly TimeSpan Skew = TimeSpan.FromMinutes(30);

                public TokenValidationParameters Create() => new TokenValidationParameters { {|#0:ClockSkew = Skew|} };
            }
            """;
        const string After = """
            public class JwtSetup
            {
                private static readonly TimeSpan Skew = TimeSpan.FromMinutes(30);

                public TokenValidationParameters Create() => new TokenValidationParameters { ClockSkew = TimeSpan.FromMinutes(5) };
            }
            """;
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2007_ExcessiveClockSkew,
            new[] { Usings + Before },
            new[] { Usings + After },
            new[] { At0(Descriptors.STL2007_ExcessiveClockSkew) },
            ClampClockSkewCodeFix.EquivalenceKey);
    }

    [Fact]
    public async Task ClampsToConfiguredMaximum_InPlace()
    {
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2007_ExcessiveClockSkew,
            new[]
            {
                InMethod("""
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        {|#0:options.TokenValidationParameters.ClockSkew = new TimeSpan(0, 10, 0)|}; // generous
                    });
                    """),
            },
            new[]
            {
                InMethod("""
                    services.AddAuthentication().AddJwtBearer(options =>
                    {
                        options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30); // generous
                    });
                    """),
            },
            new[] { At0(Descriptors.STL2007_ExcessiveClockSkew) },
            ClampClockSkewCodeFix.EquivalenceKey,
            editorConfig: "stateless_max_clock_skew = 30s");
    }

    [Fact]
    public async Task FixAll_TwoDocuments()
    {
        await VerifyCS.VerifyRuleFixAsync(
            DiagnosticIds.STL2007_ExcessiveClockSkew,
            new[]
            {
                InMethod("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromDays(1)|} };"""),
                Usings + """
                    public static class Other
                    {
                        public static TokenValidationParameters Create() => new() { {|#1:ClockSkew = TimeSpan.MaxValue|} };
                    }
                    """,
            },
            new[]
            {
                InMethod("""var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromMinutes(5) };"""),
                Usings + """
                    public static class Other
                    {
                        public static TokenValidationParameters Create() => new() { ClockSkew = TimeSpan.FromMinutes(5) };
                    }
                    """,
            },
            new[] { At0(Descriptors.STL2007_ExcessiveClockSkew), At0(Descriptors.STL2007_ExcessiveClockSkew, 1) },
            ClampClockSkewCodeFix.EquivalenceKey);
    }
}
