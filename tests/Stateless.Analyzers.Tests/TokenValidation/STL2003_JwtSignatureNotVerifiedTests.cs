using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2003_JwtSignatureNotVerifiedTests
{
    private const string Helpers = """

        public static class SignatureHelpers
        {
            public static SecurityToken ParseOnly(string token, TokenValidationParameters parameters) => new JsonWebTokenHandler().ReadJsonWebToken(token);

            public static SecurityToken Verify(string token, TokenValidationParameters parameters)
            {
                var result = new JsonWebTokenHandler().ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
                return result.IsValid ? result.SecurityToken : throw new SecurityTokenInvalidSignatureException("bad signature");
            }

            public static bool CheckSignature(JsonWebToken token) => token.Alg == "RS256";

            public static SignatureValidator? Configured { get; set; }
        }
        """;

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { {|#0:RequireSignedTokens = false|} };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.RequireSignedTokens = false|};
        });
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:RequireSignedTokens = !true|} };""")]
    [InlineData("""
        const bool Signed = false;
        var p = new TokenValidationParameters { {|#0:RequireSignedTokens = Signed|} };
        """)]
    [InlineData("""
        var signed = false;
        var p = new TokenValidationParameters();
        {|#0:p.RequireSignedTokens = signed|};
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:SignatureValidator = (token, _) => new JwtSecurityToken(token)|} };""")]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            {|#0:SignatureValidator = delegate (string token, TokenValidationParameters parameters)
            {
                var jwt = new JwtSecurityToken(token);
                return jwt;
            }|},
        };
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:SignatureValidator = SignatureHelpers.ParseOnly|} };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.SignatureValidator = (t, p) => new JsonWebToken(t)|};
        });
        """)]
    [InlineData("""
        SecurityToken Parse(string token, TokenValidationParameters parameters) => new JwtSecurityTokenHandler().ReadJwtToken(token);
        var p = new TokenValidationParameters { {|#0:SignatureValidator = Parse|} };
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:SignatureValidator = new SignatureValidator((t, _) => new JwtSecurityTokenHandler().ReadToken(t))|} };""")]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            {|#0:SignatureValidator = (token, parameters) =>
            {
                if (string.IsNullOrWhiteSpace(token))
                {
                    return null;
                }

                return new JsonWebToken(token.Trim());
            }|},
        };
        """)]
    public async Task Reports(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2003_JwtSignatureNotVerified, InMethod(body) + Helpers, At0(Descriptors.STL2003_JwtSignatureNotVerified));
    }

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { RequireSignedTokens = true };""")]
    [InlineData("""var p = new TokenValidationParameters { RequireSignedTokens = bool.Parse(configuration["Jwt:RequireSigned"]!) };""")]
    [InlineData("""var p = new TokenValidationParameters { SignatureValidator = SignatureHelpers.Verify };""")]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            SignatureValidator = (token, parameters) =>
            {
                var jwt = new JsonWebToken(token);
                if (!SignatureHelpers.CheckSignature(jwt))
                {
                    throw new SecurityTokenInvalidSignatureException("bad signature");
                }

                return jwt;
            },
        };
        """)]
    [InlineData("""var p = new TokenValidationParameters { SignatureValidator = SignatureHelpers.Configured };""")]
    [InlineData("""var p = new Contoso.Auth.TokenValidationParameters { RequireSignedTokens = false, SignatureValidator = (t, _) => new JwtSecurityToken(t) };""")]
    [InlineData("""var p = new TokenValidationParameters { SignatureValidator = (t, _) => null! };""")]
    [InlineData("""
        var p = new TokenValidationParameters { RequireSignedTokens = false };
        p.RequireSignedTokens = true;
        """)]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            SignatureValidator = (token, parameters) =>
            {
                new JwtSecurityTokenHandler().ValidateToken(token, parameters, out var validated);
                return validated;
            },
        };
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.RequireSignedTokens = secret.Length == 0;
        });
        """)]
    [InlineData("""var p = new TokenValidationParameters { SignatureValidator = (t, _) => { var jwt = new JsonWebToken(t); return jwt.Alg == "none" ? throw new SecurityTokenInvalidSignatureException() : jwt; } };""")]
    public async Task Silent(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2003_JwtSignatureNotVerified, InMethodWithLookAlikes(body) + Helpers);
    }
}
