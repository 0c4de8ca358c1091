using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

/// <summary>Whole files shaped like widely copied tutorials and templates, with every STL2001–STL2007 finding expected.</summary>
public class RealisticSamplesTests
{
    [Fact]
    public async Task StartupWithCustomJwtMiddleware()
    {
        await VerifyCS.VerifyRuleAsync(null, new[] { Usings + """
            using Microsoft.AspNetCore.Http;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
                {
                    var key = Encoding.ASCII.GetBytes(configuration["AppSettings:Secret"]!);
                    services.AddAuthentication(x =>
                    {
                        x.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
                        x.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
                    })
                    .AddJwtBearer(x =>
                    {
                        x.RequireHttpsMetadata = false;
                        x.SaveToken = true;
                        x.TokenValidationParameters = {|#0:new TokenValidationParameters|}
                        {
                            ValidateIssuerSigningKey = true,
                            IssuerSigningKey = new SymmetricSecurityKey(key),
                            {|#1:ValidateIssuer = false|},
                            {|#2:ValidateAudience = false|}
                        };
                    });
                }
            }

            public class JwtMiddleware
            {
                private readonly RequestDelegate _next;
                private readonly IConfiguration _configuration;

                public JwtMiddleware(RequestDelegate next, IConfiguration configuration)
                {
                    _next = next;
                    _configuration = configuration;
                }

                public async Task Invoke(HttpContext context)
                {
                    var token = context.Request.Headers["Authorization"].FirstOrDefault()?.Split(" ").Last();
                    if (token != null)
                    {
                        AttachUserToContext(context, token);
                    }

                    await _next(context);
                }

                private void AttachUserToContext(HttpContext context, string token)
                {
                    try
                    {
                        var tokenHandler = new JwtSecurityTokenHandler();
                        var key = Encoding.ASCII.GetBytes(_configuration["AppSettings:Secret"]!);
                        tokenHandler.ValidateToken(token, {|#3:new TokenValidationParameters|}
                        {
                            ValidateIssuerSigningKey = true,
                            IssuerSigningKey = new SymmetricSecurityKey(key),
                            {|#4:ValidateIssuer = false|},
                            {|#5:ValidateAudience = false|},
                            ClockSkew = TimeSpan.Zero
                        }, out SecurityToken validatedToken);

                        var jwtToken = (JwtSecurityToken)validatedToken;
                        var userId = int.Parse(jwtToken.Claims.First(x => x.Type == "id").Value);
                        context.Items["User"] = userId;
                    }
                    catch
                    {
                    }
                }
            }
            """ }, null,
            At0(Descriptors.STL2001_JwtAlgorithmNotPinned, 0),
            At0(Descriptors.STL2006_JwtIssuerNotValidated, 1),
            At0(Descriptors.STL2005_JwtAudienceNotValidated, 2),
            At0(Descriptors.STL2001_JwtAlgorithmNotPinned, 3),
            At0(Descriptors.STL2006_JwtIssuerNotValidated, 4),
            At0(Descriptors.STL2005_JwtAudienceNotValidated, 5));
    }

    [Fact]
    public async Task RefreshTokenServiceReadingExpiredTokens()
    {
        await VerifyCS.VerifyRuleAsync(null, new[] { Usings + """
            public class TokenService
            {
                private readonly IConfiguration _configuration;
                private readonly TokenValidationParameters _tokenValidationParameters;

                public TokenService(IConfiguration configuration, TokenValidationParameters tokenValidationParameters)
                {
                    _configuration = configuration;
                    _tokenValidationParameters = tokenValidationParameters;
                }

                public ClaimsPrincipal GetPrincipalFromExpiredToken(string token)
                {
                    // The Header.Alg comparison below pins the algorithm after validation: no STL2001 here. A method named
                    // for expired tokens reads them back for a refresh by design: no STL2004 either.
                    var tokenValidationParameters = new TokenValidationParameters
                    {
                        {|#1:ValidateAudience = false|}, //you might want to validate the audience and issuer depending on your use case
                        {|#2:ValidateIssuer = false|},
                        ValidateIssuerSigningKey = true,
                        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration["Jwt:Key"]!)),
                        ValidateLifetime = false //here we are saying that we don't care about the token's expiration date
                    };
                    var tokenHandler = new JwtSecurityTokenHandler();
                    var principal = tokenHandler.ValidateToken(token, tokenValidationParameters, out var securityToken);
                    if (securityToken is not JwtSecurityToken jwtSecurityToken || !jwtSecurityToken.Header.Alg.Equals(SecurityAlgorithms.HmacSha256, StringComparison.InvariantCultureIgnoreCase))
                    {
                        throw new SecurityTokenException("Invalid token");
                    }

                    return principal;
                }

                public ClaimsPrincipal? ReadIgnoringLifetime(string token)
                {
                    var parameters = _tokenValidationParameters.Clone();
                    {|#4:parameters.ValidateLifetime = false|};
                    return new JwtSecurityTokenHandler().ValidateToken(token, parameters, out _);
                }
            }
            """ }, null,
            At0(Descriptors.STL2005_JwtAudienceNotValidated, 1),
            At0(Descriptors.STL2006_JwtIssuerNotValidated, 2),
            At0(Descriptors.STL2004_JwtExpiryNotEnforced, 4));
    }

    [Fact]
    public async Task HardenedConfigurationIsSilent()
    {
        await VerifyCS.VerifyRuleAsync(null, new[] { Usings + """
            public static class Auth
            {
                public static void Add(IServiceCollection services, IConfiguration configuration, RSA rsa)
                {
                    var signingKey = new RsaSecurityKey(rsa) { KeyId = configuration["Jwt:KeyId"] };
                    services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
                    {
                        options.MapInboundClaims = false;
                        options.TokenValidationParameters = new TokenValidationParameters
                        {
                            ValidIssuer = configuration["Jwt:Issuer"],
                            ValidAudience = configuration["Jwt:Audience"],
                            IssuerSigningKey = signingKey,
                            ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
                            ClockSkew = TimeSpan.FromSeconds(30),
                            LifetimeValidator = (notBefore, expires, token, parameters) =>
                                expires is { } exp && exp > DateTime.UtcNow ? true : throw new SecurityTokenExpiredException("expired"),
                        };
                    });
                }
            }
            """ }, null);
    }
}
