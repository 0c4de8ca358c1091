using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2001_JwtAlgorithmNotPinnedTests
{
    private static DiagnosticResult Expected() => At0(Descriptors.STL2001_JwtAlgorithmNotPinned);

    private static Task Verify(string source, params DiagnosticResult[] expected) =>
        VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2001_JwtAlgorithmNotPinned, source, expected);

    [Theory]
    [InlineData("""
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.TokenValidationParameters = {|#0:new TokenValidationParameters|}
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                ValidIssuer = configuration["Jwt:Issuer"],
                ValidAudience = configuration["Jwt:Audience"],
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!))
            };
        });
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options => options.TokenValidationParameters = {|#0:new()|} { ValidIssuer = issuer });
        """)]
    [InlineData("""
        var parameters = {|#0:new TokenValidationParameters()|};
        parameters.ValidIssuer = issuer;
        parameters.IssuerSigningKey = new RsaSecurityKey(rsa);
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer({|#0:options =>|}
        {
            options.Authority = "https://login.example.com";
            options.TokenValidationParameters.ValidIssuer = issuer;
            options.TokenValidationParameters.ValidAudience = "api";
        });
        """)]
    [InlineData("""
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, {|#0:o =>|}
        {
            o.TokenValidationParameters.ValidateIssuer = true;
        });
        """)]
    [InlineData("""
        services.PostConfigure<JwtBearerOptions>("Bearer", {|#0:(JwtBearerOptions o) =>|}
        {
            o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(secret);
        });
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer({|#0:delegate (JwtBearerOptions o)|}
        {
            o.TokenValidationParameters.ValidAudience = "api";
        });
        """)]
    [InlineData("""
        var parameters = {|#0:new TokenValidationParameters|} { ValidAlgorithms = null, IssuerSigningKey = new ECDsaSecurityKey(ecdsa) };
        """)]
    [InlineData("""
        var parameters = {|#0:new TokenValidationParameters|} { ValidAlgorithms = new string[0] };
        """)]
    [InlineData("""
        new JwtSecurityTokenHandler().ValidateToken("token", {|#0:new TokenValidationParameters|} { IssuerSigningKey = new SymmetricSecurityKey(secret) }, out _);
        """)]
    [InlineData("""
        var pinned = new TokenValidationParameters();
        pinned.ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 };
        var other = {|#0:new TokenValidationParameters()|};
        other.ValidIssuer = issuer;
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer({|#0:options =>|}
        {
            var tvp = options.TokenValidationParameters;
            tvp.ValidateAudience = true;
        });
        """)]
    [InlineData("""
        var result = new JsonWebTokenHandler().ValidateTokenAsync("token", {|#0:new TokenValidationParameters|}
        {
            ValidIssuer = issuer,
            IssuerSigningKey = new ECDsaSecurityKey(ecdsa),
        }).GetAwaiter().GetResult();
        """)]
    public async Task Reports(string body)
    {
        await Verify(InMethod(body), Expected());
    }

    [Fact]
    public async Task Reports_ParametersReturnedFromHelper()
    {
        await Verify(Usings + """
            public static class JwtSetup
            {
                public static TokenValidationParameters Create(IConfiguration configuration) => {|#0:new TokenValidationParameters|}
                {
                    ValidIssuer = configuration["Jwt:Issuer"],
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!)),
                };

                public static void Configure(IServiceCollection services, IConfiguration configuration) =>
                    services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = Create(configuration));
            }
            """, Expected());
    }

    [Fact]
    public async Task Reports_TopLevelStatementsTemplate()
    {
        var test = new VerifyCS.Test { TestCode = Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options =>
                {
                    options.TokenValidationParameters = {|#0:new TokenValidationParameters|}
                    {
                        ValidateIssuer = true,
                        ValidIssuer = builder.Configuration["Jwt:Issuer"],
                        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]!)),
                    };
                });
            var app = builder.Build();
            app.Run();
            """ };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.OnlyRule(DiagnosticIds.STL2001_JwtAlgorithmNotPinned);
        test.ExpectedDiagnostics.Add(Expected());
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Reports_MethodGroupConfiguringInPlace()
    {
        await Verify(Usings + """
            public static class JwtSetup
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().AddJwtBearer(Configure);

                private static void {|#0:Configure|}(JwtBearerOptions options)
                {
                    options.TokenValidationParameters.ValidIssuer = "https://issuer.example.com";
                }
            }
            """, Expected());
    }

    [Fact]
    public async Task Reports_StaticFieldInitializer()
    {
        await Verify(Usings + """
            public static class JwtSetup
            {
                public static readonly TokenValidationParameters Parameters = {|#0:new()|} { ValidIssuer = "https://issuer.example.com" };
            }
            """, Expected());
    }

    [Theory]
    [InlineData("""
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            IssuerSigningKey = new SymmetricSecurityKey(secret),
            ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
        };
        """)]
    [InlineData("""
        var parameters = new TokenValidationParameters();
        parameters.IssuerSigningKey = new RsaSecurityKey(rsa);
        parameters.ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 };
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.ValidIssuer = issuer;
            options.TokenValidationParameters.ValidAlgorithms = new[] { "RS256" };
        });
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = issuer };
            options.TokenValidationParameters.ValidAlgorithms = new List<string> { SecurityAlgorithms.EcdsaSha256 };
        });
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            var parameters = new TokenValidationParameters { ValidIssuer = issuer };
            options.TokenValidationParameters = parameters;
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        });
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = "https://login.example.com";
            options.Audience = "api";
        });
        """)]
    [InlineData("""
        var parameters = new TokenValidationParameters { ValidAlgorithms = configuration["Jwt:Algorithms"]!.Split(',') };
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            var name = options.TokenValidationParameters.NameClaimType;
            options.Audience = name;
        });
        """)]
    [InlineData("""
        var parameters = new Contoso.Auth.TokenValidationParameters { ValidIssuer = issuer };
        """)]
    [InlineData("""
        var parameters = new StrictParameters { ValidIssuer = issuer };
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            var tvp = options.TokenValidationParameters;
            tvp.ValidateAudience = true;
            tvp.ValidAlgorithms = new[] { SecurityAlgorithms.RsaSsaPssSha256 };
        });
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = Shared.Parameters.Clone();
            options.TokenValidationParameters.ValidAudience = "api";
        });
        """)]
    public async Task Silent(string body)
    {
        await Verify(InMethod(body) + """

            public sealed class StrictParameters : TokenValidationParameters
            {
                public StrictParameters() => ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 };
            }

            public static class Shared
            {
                public static TokenValidationParameters Parameters { get; } = new() { ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 } };
            }

            namespace Contoso.Auth
            {
                public sealed class TokenValidationParameters
                {
                    public string? ValidIssuer { get; set; }
                }
            }
            """);
    }

    [Fact]
    public async Task Silent_ParametersConfiguredByCallee()
    {
        await Verify(Usings + """
            public static class JwtSetup
            {
                public static void Apply(TokenValidationParameters parameters, string issuer)
                {
                    parameters.ValidIssuer = issuer;
                    parameters.ValidateIssuer = true;
                }
            }
            """);
    }
    [Fact]
    public async Task OpenIdConnect_code_flow_sign_in_is_silent_but_the_id_token_flow_reports()
    {
        // bitwarden/server's SSO: parameters of an OpenID Connect sign-in whose id_token comes from the token endpoint.
        await Verify(InMethod("""
            var codeFlow = new Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions
            {
                Authority = issuer,
                ResponseType = Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectResponseType.Code,
                TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name", RoleClaimType = "role" },
            };
            var configured = new Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions();
            configured.ResponseType = "code";
            configured.TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name" };
            var implicitFlow = new Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions
            {
                TokenValidationParameters = {|#0:new TokenValidationParameters|} { NameClaimType = "name" },
            };
            """) + OpenIdConnect, Expected());
    }

    [Fact]
    public async Task OAuth_provider_id_token_parameters_are_silent_but_other_options_classes_report()
    {
        // aspnet-contrib's Apple, SuperOffice and Xero providers keep parameters for the id_token their provider's token
        // endpoint returns to the OAuth handler's own code redemption: no caller hands it a token, nor picks its alg.
        await Verify(Usings + """
            public sealed class SuperOfficeOptions : Microsoft.AspNetCore.Authentication.OAuth.OAuthOptions
            {
                public TokenValidationParameters TokenValidationParameters { get; set; } = new TokenValidationParameters();
            }

            public sealed class AppleOptions : Microsoft.AspNetCore.Authentication.OAuth.OAuthOptions
            {
                public TokenValidationParameters? TokenValidationParameters { get; set; }
            }

            public static class ApplePostConfigure
            {
                public static void PostConfigure(AppleOptions options) =>
                    options.TokenValidationParameters ??= new TokenValidationParameters { ValidAudience = options.ClientId };
            }

            // Not an OAuth handler's options: a bearer-style settings class of the application.
            public sealed class ReportApiOptions
            {
                public TokenValidationParameters TokenValidationParameters { get; set; } = {|#0:new TokenValidationParameters()|};
            }
            """, Expected());
    }

    [Fact]
    public async Task Algorithm_compared_with_a_constant_after_validation_pins_it()
    {
        // The "principal from an expired token" refresh helper (blazorhero, TanvirArjel, grandnode2, ...): a token signed
        // with another algorithm validates, then the comparison refuses it.
        await Verify(Usings + """
            public class TokenService
            {
                public ClaimsPrincipal FromExpired(string token, byte[] secret)
                {
                    var parameters = new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(secret) };
                    var principal = new JwtSecurityTokenHandler().ValidateToken(token, parameters, out var securityToken);
                    if (securityToken is not JwtSecurityToken jwt || !jwt.Header.Alg.Equals(SecurityAlgorithms.HmacSha256, StringComparison.InvariantCultureIgnoreCase))
                    {
                        throw new SecurityTokenException("Invalid token");
                    }

                    return principal;
                }

                public ClaimsPrincipal Operator(string token, byte[] secret)
                {
                    var principal = new JwtSecurityTokenHandler().ValidateToken(token, new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(secret) }, out var securityToken);
                    return ((JwtSecurityToken)securityToken).Header.Alg != "HS256" ? throw new SecurityTokenException("alg") : principal;
                }

                public ClaimsPrincipal StaticEquals(string token, byte[] secret)
                {
                    var principal = new JwtSecurityTokenHandler().ValidateToken(token, new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(secret) }, out var securityToken);
                    if (!string.Equals(((JwtSecurityToken)securityToken).SignatureAlgorithm, SecurityAlgorithms.HmacSha256, StringComparison.Ordinal))
                    {
                        throw new SecurityTokenException("alg");
                    }

                    return principal;
                }

                public async Task<ClaimsIdentity?> Pattern(string token, byte[] secret)
                {
                    var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(secret) });
                    return result.SecurityToken is JsonWebToken { Alg: not SecurityAlgorithms.HmacSha256 } ? null : result.ClaimsIdentity;
                }

                public async Task<ClaimsIdentity?> IsPattern(string token, byte[] secret)
                {
                    var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(secret) });
                    return result.SecurityToken is JsonWebToken jwt && jwt.Alg is "HS256" ? result.ClaimsIdentity : null;
                }
            }
            """);
    }

    [Fact]
    public async Task Algorithm_read_without_a_constant_comparison_does_not_pin_it()
    {
        await Verify(Usings + """
            public class TokenService
            {
                public string Logged(string token, byte[] secret, string expected)
                {
                    new JwtSecurityTokenHandler().ValidateToken(token, {|#0:new TokenValidationParameters|} { IssuerSigningKey = new SymmetricSecurityKey(secret) }, out var securityToken);
                    var jwt = (JwtSecurityToken)securityToken;
                    return jwt.Header.Alg == expected ? jwt.Header.Alg : "other: " + jwt.Header.Alg;
                }
            }

            public class Header
            {
                public string Alg { get; set; } = "";
            }

            public class LookAlike
            {
                public void Validate(string token, byte[] secret, Header header)
                {
                    new JwtSecurityTokenHandler().ValidateToken(token, {|#1:new TokenValidationParameters|} { IssuerSigningKey = new SymmetricSecurityKey(secret) }, out _);
                    if (header.Alg != "HS256")
                    {
                        throw new SecurityTokenException("alg");
                    }
                }
            }
            """, Expected(), At0(Descriptors.STL2001_JwtAlgorithmNotPinned, 1));
    }
}
