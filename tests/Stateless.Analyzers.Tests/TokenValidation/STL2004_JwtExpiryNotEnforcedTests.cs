using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2004_JwtExpiryNotEnforcedTests
{
    private const string Helpers = """

        public static class LifetimeHelpers
        {
            public static bool AcceptAll(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters) => true;

            public static bool CheckExpiry(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters) =>
                expires is { } exp && exp > DateTime.UtcNow;

            public static bool Policy(SecurityToken token) => token.ValidTo > DateTime.UtcNow;

            public static LifetimeValidator? Configured { get; set; }
        }
        """;

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidateLifetime = false|} };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.ValidateLifetime = false|};
        });
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:RequireExpirationTime = false|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidateLifetime = !true|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:LifetimeValidator = (notBefore, expires, token, parameters) => true|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:LifetimeValidator = delegate { return true; }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:LifetimeValidator = (notBefore, expires, token, parameters) => notBefore <= DateTime.UtcNow|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:LifetimeValidator = LifetimeHelpers.AcceptAll|} };""")]
    [InlineData("""
        bool Lifetime(DateTime? nbf, DateTime? exp, SecurityToken token, TokenValidationParameters parameters) => true;
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.LifetimeValidator = Lifetime|};
        });
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:LifetimeValidator = new LifetimeValidator((_, _, _, _) => true)|} };""")]
    [InlineData("""
        const bool Enforce = false;
        var p = new TokenValidationParameters();
        {|#0:p.RequireExpirationTime = Enforce|};
        """)]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            ValidateIssuer = true,
            {|#0:ValidateLifetime = false|}, // refresh endpoint: read the principal of an expired token
            IssuerSigningKey = new SymmetricSecurityKey(secret),
        };
        var principal = new JwtSecurityTokenHandler().ValidateToken("token", p, out _);
        """)]
    public async Task Reports(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2004_JwtExpiryNotEnforced, InMethod(body) + Helpers, At0(Descriptors.STL2004_JwtExpiryNotEnforced));
    }

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { ValidateLifetime = true, RequireExpirationTime = true };""")]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            LifetimeValidator = (notBefore, expires, token, parameters) =>
            {
                if (expires is null || expires < DateTime.UtcNow)
                {
                    throw new SecurityTokenExpiredException("expired");
                }

                return true;
            },
        };
        """)]
    [InlineData("""var p = new TokenValidationParameters { LifetimeValidator = (notBefore, expires, token, parameters) => expires > DateTime.UtcNow };""")]
    [InlineData("""var p = new TokenValidationParameters { LifetimeValidator = (notBefore, expires, token, parameters) => token.ValidTo > DateTime.UtcNow };""")]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            LifetimeValidator = (notBefore, expires, token, parameters) =>
            {
                Validators.ValidateLifetime(notBefore, expires, token, parameters);
                return true;
            },
        };
        """)]
    [InlineData("""var p = new TokenValidationParameters { ValidateLifetime = bool.Parse(configuration["Jwt:ValidateLifetime"]!) };""")]
    [InlineData("""var p = new Contoso.Auth.TokenValidationParameters { ValidateLifetime = false, LifetimeValidator = (a, b, c, d) => true };""")]
    [InlineData("""
        var p = new TokenValidationParameters { ValidateLifetime = false };
        p.ValidateLifetime = true;
        """)]
    [InlineData("""var p = new TokenValidationParameters { LifetimeValidator = LifetimeHelpers.Configured };""")]
    [InlineData("""var p = new TokenValidationParameters { LifetimeValidator = LifetimeHelpers.CheckExpiry };""")]
    [InlineData("""var p = new TokenValidationParameters { LifetimeValidator = (nbf, exp, token, parameters) => LifetimeHelpers.Policy(token) };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.ValidateLifetime = secret.Length > 0;
        });
        """)]
    public async Task Silent(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2004_JwtExpiryNotEnforced, InMethodWithLookAlikes(body) + Helpers);
    }

    [Fact]
    public async Task A_DPoP_proof_validator_checks_what_a_proof_carries_but_the_same_parameters_elsewhere_report()
    {
        // Duende's DPoP samples (RFC 9449): a proof is signed with the jwk of its own header (alg already checked) and has
        // no iss, aud or exp; iat freshness and a jti replay check bound it. An unsigned proof is still STL2003's.
        await VerifyCS.VerifyRuleAsync(null, Usings + """
            public class DPoPProofValidator
            {
                public Task<TokenValidationResult> ValidateSignatureAsync(string proof, JsonWebKey key) =>
                    new JsonWebTokenHandler().ValidateTokenAsync(proof, new TokenValidationParameters
                    {
                        ValidateAudience = false,
                        ValidateIssuer = false,
                        ValidateLifetime = false,
                        IssuerSigningKey = key,
                    });

                public TokenValidationParameters Unsigned(JsonWebKey key) => new TokenValidationParameters
                {
                    IssuerSigningKey = key,
                    {|#0:RequireSignedTokens = false|},
                };
            }

            public class ProofValidator
            {
                public Task<TokenValidationResult> ValidateAsync(string token, JsonWebKey key) =>
                    new JsonWebTokenHandler().ValidateTokenAsync(token, {|#1:new TokenValidationParameters|}
                    {
                        {|#2:ValidateAudience = false|},
                        {|#3:ValidateIssuer = false|},
                        {|#4:ValidateLifetime = false|},
                        IssuerSigningKey = key,
                    });
            }
            """,
            At0(Descriptors.STL2003_JwtSignatureNotVerified, 0),
            At0(Descriptors.STL2001_JwtAlgorithmNotPinned, 1),
            At0(Descriptors.STL2005_JwtAudienceNotValidated, 2),
            At0(Descriptors.STL2006_JwtIssuerNotValidated, 3),
            At0(Descriptors.STL2004_JwtExpiryNotEnforced, 4));
    }

    [Fact]
    public async Task A_method_named_for_expired_tokens_reads_them_by_design_but_other_switches_stay_reported()
    {
        // blazorhero, TanvirArjel, fullstackhero/blazor-starter-kit: GetPrincipalFromExpiredToken / ParseExpiredToken
        // identify the user of an expired access token for a refresh; the refresh token is the credential.
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2004_JwtExpiryNotEnforced, Usings + """
            public class TokenService
            {
                public ClaimsPrincipal GetPrincipalFromExpiredToken(string token, byte[] secret) =>
                    new JwtSecurityTokenHandler().ValidateToken(token, new TokenValidationParameters { ValidateLifetime = false, IssuerSigningKey = new SymmetricSecurityKey(secret) }, out _);

                public ClaimsPrincipal ParseExpiredToken(string token, TokenValidationParameters shared)
                {
                    var parameters = shared.Clone();
                    parameters.ValidateLifetime = false;
                    return new JwtSecurityTokenHandler().ValidateToken(token, parameters, out _);
                }

                public ClaimsPrincipal GetPrincipalFromExpiredTokenWithoutExp(string token, byte[] secret) =>
                    new JwtSecurityTokenHandler().ValidateToken(token, new TokenValidationParameters { {|#0:RequireExpirationTime = false|}, IssuerSigningKey = new SymmetricSecurityKey(secret) }, out _);

                public ClaimsPrincipal GetPrincipal(string token, byte[] secret) =>
                    new JwtSecurityTokenHandler().ValidateToken(token, new TokenValidationParameters { {|#1:ValidateLifetime = false|}, IssuerSigningKey = new SymmetricSecurityKey(secret) }, out _);
            }
            """, At0(Descriptors.STL2004_JwtExpiryNotEnforced, 0), At0(Descriptors.STL2004_JwtExpiryNotEnforced, 1));
    }
}
