using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2007_ExcessiveClockSkewTests
{
    [Theory]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromHours(1)|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ClockSkew = new TimeSpan(0, 10, 0)|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromMinutes(6)|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromDays(1)|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.MaxValue|} };""")]
    [InlineData("""
        var skew = TimeSpan.FromMinutes(30);
        var p = new TokenValidationParameters();
        {|#0:p.ClockSkew = skew|};
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(15)|};
        });
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromSeconds(301)|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromMinutes(5) + TimeSpan.FromMinutes(5)|} };""")]
    [InlineData("""
        const int Minutes = 20;
        var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromMinutes(Minutes)|} };
        """)]
    public async Task Reports(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2007_ExcessiveClockSkew, InMethod(body), At0(Descriptors.STL2007_ExcessiveClockSkew));
    }

    [Fact]
    public async Task Message_NamesValueAndMaximum()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2007_ExcessiveClockSkew,
            InMethod("""var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromHours(1)|} };"""),
            new DiagnosticResult(Descriptors.STL2007_ExcessiveClockSkew).WithLocation(0).WithArguments("1 hour", "5 minutes"));
    }

    [Theory]
    [InlineData("stateless_max_clock_skew = 1m", """var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromMinutes(2)|} };""", true)]
    [InlineData("stateless_max_clock_skew = 00:00:30", """var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromSeconds(45)|} };""", true)]
    [InlineData("stateless_max_clock_skew = 2h", """var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromHours(1) };""", false)]
    [InlineData("stateless_max_clock_skew = nonsense", """var p = new TokenValidationParameters { {|#0:ClockSkew = TimeSpan.FromMinutes(6)|} };""", true)]
    [InlineData("stateless_max_clock_skew = nonsense", """var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromMinutes(5) };""", false)]
    public async Task Option_SetsTheMaximum(string option, string body, bool reports)
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2007_ExcessiveClockSkew,
            new[] { InMethod(body) },
            option,
            reports ? new[] { At0(Descriptors.STL2007_ExcessiveClockSkew) } : System.Array.Empty<DiagnosticResult>());
    }

    [Theory]
    [InlineData("private static readonly TimeSpan Skew = TimeSpan.FromMinutes(30);", "Skew", "30 minutes")]
    [InlineData("private static TimeSpan Skew { get; } = TimeSpan.FromHours(1);", "Skew", "1 hour")]
    [InlineData("private static TimeSpan Skew => TimeSpan.FromMinutes(10);", "Skew", "10 minutes")]
    [InlineData("private const int SkewMinutes = 15;", "TimeSpan.FromMinutes(SkewMinutes)", "15 minutes")]
    public async Task Reports_a_skew_declared_as_a_member_of_the_same_file(string member, string value, string shown)
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2007_ExcessiveClockSkew,
            Usings + $$"""
            public class JwtSetup
            {
                {{member}}

                public TokenValidationParameters Create() => new TokenValidationParameters { {|#0:ClockSkew = {{value}}|} };
            }
            """,
            new DiagnosticResult(Descriptors.STL2007_ExcessiveClockSkew).WithLocation(0).WithArguments(shown, "5 minutes"));
    }

    [Theory]
    [InlineData("private readonly TimeSpan _skew = TimeSpan.FromHours(1); public JwtSetup(TimeSpan skew) => _skew = skew;", "_skew")]
    [InlineData("private static readonly TimeSpan Skew = TimeSpan.FromMinutes(2);", "Skew")]
    [InlineData("private static TimeSpan Skew { get; set; } = TimeSpan.FromHours(1);", "Skew")]
    [InlineData("", "Settings.Skew")]
    public async Task Silent_when_the_member_is_short_reassigned_or_elsewhere(string member, string value)
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2007_ExcessiveClockSkew,
            new[]
            {
                Usings + $$"""
                public class JwtSetup
                {
                    {{member}}

                    public TokenValidationParameters Create() => new TokenValidationParameters { ClockSkew = {{value}} };
                }
                """,
                "public static class Settings { public static readonly System.TimeSpan Skew = System.TimeSpan.FromHours(1); }",
            },
            editorConfig: null);
    }

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { ClockSkew = TimeSpan.Zero };""")]
    [InlineData("""var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromMinutes(5) };""")]
    [InlineData("""var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromSeconds(30) };""")]
    [InlineData("""var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromMinutes(double.Parse(configuration["Jwt:SkewMinutes"]!)) };""")]
    [InlineData("""var p = new Contoso.Auth.TokenValidationParameters { ClockSkew = TimeSpan.FromHours(1) };""")]
    [InlineData("""
        var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromHours(1) };
        p.ClockSkew = TimeSpan.FromSeconds(10);
        """)]
    [InlineData("""var p = new TokenValidationParameters { ClockSkew = configuration.GetValue<TimeSpan>("Jwt:ClockSkew") };""")]
    [InlineData("""var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromMinutes(1) };""")]
    [InlineData("""var p = new TokenValidationParameters { ClockSkew = TimeSpan.FromSeconds(299) };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(secret.Length);
        });
        """)]
    [InlineData("""
        var skew = TimeSpan.FromHours(1);
        skew = TimeSpan.Zero;
        var p = new TokenValidationParameters { ClockSkew = skew };
        """)]
    public async Task Silent(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2007_ExcessiveClockSkew, InMethodWithLookAlikes(body));
    }
}
