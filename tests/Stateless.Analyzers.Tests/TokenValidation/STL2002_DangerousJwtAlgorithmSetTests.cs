using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2002_DangerousJwtAlgorithmSetTests
{
    [Theory]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { SecurityAlgorithms.None }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { "none", "RS256" }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256 }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256Signature, SecurityAlgorithms.RsaSha256Signature }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new List<string> { "HS256", "ES256" }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = ["HS512", "PS256"]|} };""")]
    [InlineData("""
        var algorithms = new[] { "HS256", "RS256" };
        var p = new TokenValidationParameters();
        {|#0:p.ValidAlgorithms = algorithms|};
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.ValidAlgorithms = new[] { "none" }|};
        });
        """)]
    [InlineData("""
        const string Unsigned = "none";
        var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { Unsigned, SecurityAlgorithms.RsaSha256 }|} };
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { "None" }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new string[] { SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.HmacSha384 }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.HmacSha256 }|} };""")]
    public async Task Reports(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2002_DangerousJwtAlgorithmSet, InMethod(body), At0(Descriptors.STL2002_DangerousJwtAlgorithmSet));
    }

    [Fact]
    public async Task Message_NamesTheMixedAlgorithms()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2002_DangerousJwtAlgorithmSet,
            InMethod("""var p = new TokenValidationParameters { {|#0:ValidAlgorithms = new[] { "HS256", "RS256" }|} };"""),
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.STL2002_DangerousJwtAlgorithmSet).WithLocation(0)
                .WithArguments("mixes the symmetric 'HS256' with the asymmetric 'RS256', which lets a token be signed with the public key as HMAC secret"));
    }

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 } };""")]
    [InlineData("""var p = new TokenValidationParameters { ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256 } };""")]
    [InlineData("""var p = new TokenValidationParameters { ValidAlgorithms = new[] { "RS256", "ES256" } };""")]
    [InlineData("""var p = new TokenValidationParameters { ValidAlgorithms = configuration["Jwt:Algorithms"]!.Split(',') };""")]
    [InlineData("""var p = new Contoso.Auth.TokenValidationParameters { ValidAlgorithms = new[] { "none", "HS256", "RS256" } };""")]
    [InlineData("""var p = new TokenValidationParameters { ValidAlgorithms = new[] { "HS256", "HS384", "HS512" } };""")]
    [InlineData("""var p = new TokenValidationParameters { ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256Signature, SecurityAlgorithms.RsaSha256 } };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.ValidAlgorithms = new[] { SecurityAlgorithms.EcdsaSha256 };
        });
        """)]
    [InlineData("""
        var p = new TokenValidationParameters { ValidAlgorithms = new[] { "none" } };
        p.ValidAlgorithms = new[] { "RS256" };
        """)]
    [InlineData("""var p = new TokenValidationParameters { ValidAlgorithms = new[] { issuer, "RS256" } };""")]
    [InlineData("""var p = new TokenValidationParameters { ValidAlgorithms = new[] { "nonesuch", "RS256" } };""")]
    public async Task Silent(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2002_DangerousJwtAlgorithmSet, InMethodWithLookAlikes(body));
    }
}
