using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.UnvalidatedTokenAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2009_ClaimsReadFromUnvalidatedTokenTests
{
    private static string InHandler(string body) => Usings + $$"""
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Http;

        public class ProfileService
        {
            public async Task<string?> GetUserAsync(HttpContext context, string token, string other, TokenValidationParameters parameters)
            {
                await Task.Yield();
                var handler = new JwtSecurityTokenHandler();
                var jsonHandler = new JsonWebTokenHandler();
        {{body}}
            }
        }

        public static class TokenChecks
        {
            public static bool IsValid(string token) => token.Length > 0;

            public static Task VerifyOrThrowAsync(string token) => Task.CompletedTask;
        }
        """ + LookAlikes;

    [Fact]
    public async Task Tokens_an_OAuth_handler_got_from_its_token_endpoint_are_silent_but_a_look_alike_handler_reports()
    {
        // aspnet-contrib's Apple and EVE Online handlers read the id_token or access token their own code redemption got
        // back from the provider over TLS (OpenID Connect Core 3.1.3.7). A class that only looks like a handler does not.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Text.Encodings.Web;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authentication.OAuth;
            using Microsoft.Extensions.Logging;
            using Microsoft.Extensions.Options;

            public sealed class AppleHandler : OAuthHandler<OAuthOptions>
            {
                public AppleHandler(IOptionsMonitor<OAuthOptions> options, ILoggerFactory logger, UrlEncoder encoder)
                    : base(options, logger, encoder)
                {
                }

                private string Subject(string idToken) => new JsonWebTokenHandler().ReadJsonWebToken(idToken).Subject;
            }

            public sealed class HandlerLookAlike
            {
                public string Subject(string idToken) => {|#0:new JsonWebTokenHandler().ReadJsonWebToken(idToken)|}.Subject;
            }
            """, At0(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken));
    }

    [Theory]
    [InlineData("""
        var raw = context.Request.Headers["Authorization"].ToString().Replace("Bearer ", "");
        var jwt = {|#0:handler.ReadJwtToken(raw)|};
        return jwt.Claims.First(c => c.Type == "sub").Value;
        """)]
    [InlineData("""
        var jwt = {|#0:jsonHandler.ReadJsonWebToken(token)|};
        return jwt.GetClaim("email").Value;
        """)]
    [InlineData("""
        return {|#0:new JwtSecurityToken(token)|}.Subject;
        """)]
    [InlineData("""
        var jwt = {|#0:new JsonWebToken(token)|};
        return jwt.Claims.FirstOrDefault(c => c.Type == "role")?.Value;
        """)]
    [InlineData("""
        var jwt = {|#0:handler.ReadToken(token)|} as JwtSecurityToken;
        return jwt?.Payload["tenant"]?.ToString();
        """)]
    [InlineData("""
        await jsonHandler.ValidateTokenAsync(token, parameters);
        var jwt = {|#0:jsonHandler.ReadJsonWebToken(token)|};
        return jwt.Subject;
        """)]
    [InlineData("""
        handler.ValidateToken(other, parameters, out _);
        var jwt = {|#0:handler.ReadJwtToken(token)|};
        return jwt.Subject;
        """)]
    [InlineData("""
        var jwt = {|#0:handler.ReadJwtToken(token)|};
        var subject = jwt.Subject;
        handler.ValidateToken(token, parameters, out _);
        return subject;
        """)]
    [InlineData("""
        TokenChecks.IsValid(token);
        return {|#0:handler.ReadJwtToken(token)|}.Subject;
        """)]
    [InlineData("""
        if (!TokenChecks.IsValid(other))
        {
            return null;
        }

        return {|#0:handler.ReadJwtToken(token)|}.Subject;
        """)]
    [InlineData("""
        try
        {
            handler.ValidateToken(token, parameters, out _);
        }
        catch (SecurityTokenException)
        {
        }

        var jwt = {|#0:handler.ReadJwtToken(token)|};
        return jwt.Subject;
        """)]
    [InlineData("""
        return string.Join(",", {|#0:handler.ReadJwtToken(token)|}.Claims.Select(c => c.Value));
        """)]
    [InlineData("""
        var jwt = {|#0:handler.ReadJwtToken(token)|};
        var principal = new ClaimsPrincipal(new ClaimsIdentity(jwt.Claims, "jwt"));
        return principal.Identity?.Name;
        """)]
    [InlineData("""
        var jwt = {|#0:jsonHandler.ReadJsonWebToken(token)|};
        return jwt.TryGetPayloadValue<string>("tenant", out var tenant) ? tenant : null;
        """)]
    [InlineData("""
        var result = await jsonHandler.ValidateTokenAsync(token, parameters);
        var jwt = {|#0:new JsonWebToken(token)|};
        return jwt.Id;
        """)]
    [InlineData("""
        var jsonToken = {|#0:handler.ReadToken(token)|};
        var tokenS = jsonToken as JwtSecurityToken;
        return tokenS?.Claims.First(claim => claim.Type == "jti").Value;
        """)]
    [InlineData("""
        if ({|#0:handler.ReadToken(token)|} is JwtSecurityToken jwt)
        {
            return jwt.Subject;
        }

        return null;
        """)]
    public async Task Reports(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken, InHandler(body), At0(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken));
    }

    [Fact]
    public async Task Reports_BeforeTheBearerHandlerValidates()
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken, Usings + """
            public static class Tenancy
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().AddJwtBearer(options =>
                {
                    options.Events = new JwtBearerEvents
                    {
                        OnMessageReceived = context =>
                        {
                            var raw = context.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
                            var tenant = {|#0:new JwtSecurityTokenHandler().ReadJwtToken(raw)|}.Claims.First(c => c.Type == "tid").Value;
                            context.HttpContext.Items["tenant"] = tenant;
                            return Task.CompletedTask;
                        },
                    };
                });
            }
            """, At0(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken));
    }

    [Fact]
    public async Task Silent_AfterTheBearerHandlerValidated()
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken, Usings + """
            public static class Tenancy
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().AddJwtBearer(options =>
                {
                    options.Events = new JwtBearerEvents
                    {
                        OnTokenValidated = context =>
                        {
                            var raw = context.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
                            context.HttpContext.Items["tenant"] = new JwtSecurityTokenHandler().ReadJwtToken(raw).Claims.First(c => c.Type == "tid").Value;
                            return Task.CompletedTask;
                        },
                    };
                });
            }

            public sealed class TenantEvents : JwtBearerEvents
            {
                public override Task TokenValidated(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
                {
                    var raw = context.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
                    context.HttpContext.Items["tenant"] = new JwtSecurityTokenHandler().ReadJwtToken(raw).Subject;
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Theory]
    [InlineData("""
        var result = await jsonHandler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return null;
        }

        var jwt = jsonHandler.ReadJsonWebToken(token);
        return jwt.Subject;
        """)]
    [InlineData("""
        handler.ValidateToken(token, parameters, out _);
        var jwt = handler.ReadJwtToken(token);
        return jwt.Claims.First(c => c.Type == "sub").Value;
        """)]
    [InlineData("""
        var jwt = handler.ReadJwtToken(token);
        handler.ValidateToken(token, parameters, out _);
        return jwt.Subject;
        """)]
    [InlineData("""
        var jwt = handler.ReadJwtToken(token);
        return jwt.Header.Kid + jwt.ValidTo.ToString("O") + jwt.Issuer;
        """)]
    [InlineData("""
        var accessToken = await context.GetTokenAsync("access_token");
        var jwt = handler.ReadJwtToken(accessToken);
        return jwt.Claims.First(c => c.Type == "sub").Value;
        """)]
    [InlineData("""
        var jwt = new Contoso.Auth.JwtSecurityTokenHandler().ReadJwtToken(token);
        return jwt.Subject + new Contoso.Auth.JwtSecurityToken(token).Claims.Count();
        """)]
    [InlineData("""
        var jwt = handler.ReadJwtToken(token);
        return jwt.RawData;
        """)]
    [InlineData("""
        try
        {
            handler.ValidateToken(token, parameters, out _);
        }
        catch (SecurityTokenException)
        {
            return null;
        }

        return handler.ReadJwtToken(token).Subject;
        """)]
    [InlineData("""
        var jwt = jsonHandler.ReadJsonWebToken(token);
        var result = await jsonHandler.ValidateTokenAsync(jwt, parameters);
        if (!result.IsValid)
        {
            return null;
        }

        return jwt.Subject;
        """)]
    [InlineData("""
        if (await jsonHandler.ValidateTokenAsync(token, parameters) is not { IsValid: true })
        {
            return null;
        }

        return new JsonWebToken(token).Subject;
        """)]
    [InlineData("""
        return handler.CanReadToken(token) ? "jwt" : "opaque";
        """)]
    [InlineData("""
        var built = new JsonWebToken("{\"alg\":\"none\"}", "{\"sub\":\"x\"}");
        return built.Subject;
        """)]
    [InlineData("""
        if (!TokenChecks.IsValid(token))
        {
            return null;
        }

        return handler.ReadJwtToken(token).Subject;
        """)]
    [InlineData("""
        await TokenChecks.VerifyOrThrowAsync(token);
        return new JsonWebToken(token).Subject;
        """)]
    public async Task Silent(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken, InHandler(body));
    }

    // ---------------------------------------------------------------- claims that can only refuse

    [Theory]
    [InlineData("""
        var jwt = handler.ReadJwtToken(token);
        var claimed = jwt.Claims.FirstOrDefault(c => c.Type == ClaimTypes.NameIdentifier)?.Value ?? jwt.Subject;
        if (!string.IsNullOrEmpty(claimed) && !string.Equals(claimed, other, StringComparison.Ordinal))
        {
            context.Items["audit"] = "subject mismatch";
            throw new SecurityTokenException("The access token names another subject.");
        }

        return other;
        """)]
    [InlineData("""
        JwtSecurityToken? expired = null;
        try
        {
            expired = handler.ReadJwtToken(token);
        }
        catch (ArgumentException)
        {
        }

        if (expired is not null && expired.Subject != other)
        {
            return null;
        }

        return other;
        """)]
    public async Task Silent_when_the_claims_only_decide_to_refuse(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken, InHandler(body));
    }

    [Theory]
    [InlineData("""
        var jwt = {|#0:handler.ReadJwtToken(token)|};
        var name = jwt.Claims.FirstOrDefault(c => c.Type == System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames.Name)?.Value;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (!TokenChecks.IsValid(other) && jwt.ValidTo <= DateTime.UtcNow.AddHours(1))
        {
            return null;
        }

        return name;
        """)]
    [InlineData("""
        var jwt = {|#0:handler.ReadJwtToken(token)|};
        if (jwt.Subject == "admin")
        {
            return "granted";
        }

        return null;
        """)]
    [InlineData("""
        var jwt = {|#0:handler.ReadJwtToken(token)|};
        if (jwt.Subject != other)
        {
            return null;
        }
        else
        {
            context.Items["role"] = jwt.Claims.First(c => c.Type == "role").Value;
        }

        return other;
        """)]
    public async Task Reports_when_a_claim_can_grant(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken, InHandler(body), At0(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken));
    }

    // ---------------------------------------------------------------- failure callbacks of the bearer handler

    [Fact]
    public async Task Silent_when_a_failure_callback_reads_the_rejected_token_to_explain_the_failure()
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken, Usings + """
            public static class Explained
            {
                public static void Add(IServiceCollection services, string audience) => services.AddAuthentication().AddJwtBearer(options =>
                {
                    options.Events = new JwtBearerEvents
                    {
                        OnAuthenticationFailed = context =>
                        {
                            var raw = context.Request.Headers.Authorization.ToString().Replace("Bearer ", "");
                            var rejected = new JwtSecurityTokenHandler().ReadJwtToken(raw);
                            if (!rejected.Audiences.Contains(audience))
                            {
                                context.Response.Headers["X-Token-Error"] = "audience";
                            }

                            return Task.CompletedTask;
                        },
                        OnChallenge = context =>
                        {
                            context.Response.Headers["X-Token-Subject"] = new JwtSecurityTokenHandler().ReadJwtToken(context.Request.Headers.Authorization.ToString()).Subject;
                            return Task.CompletedTask;
                        },
                    };
                });
            }

            public sealed class ExplainingEvents : JwtBearerEvents
            {
                public override Task AuthenticationFailed(Microsoft.AspNetCore.Authentication.JwtBearer.AuthenticationFailedContext context)
                {
                    var rejected = new JwtSecurityTokenHandler().ReadJwtToken(context.Request.Headers.Authorization.ToString());
                    context.Response.Headers["X-Token-Issuer"] = rejected.Claims.First(c => c.Type == "iss").Value;
                    return Task.CompletedTask;
                }
            }
            """);
    }

    [Fact]
    public async Task Reports_a_failure_callback_that_turns_the_rejected_token_into_a_success()
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken, Usings + """
            public static class Lenient
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().AddJwtBearer(options =>
                {
                    options.Events = new JwtBearerEvents
                    {
                        OnAuthenticationFailed = context =>
                        {
                            var rejected = {|#0:new JwtSecurityTokenHandler().ReadJwtToken(context.Request.Headers.Authorization.ToString())|};
                            context.Principal = new ClaimsPrincipal(new ClaimsIdentity(rejected.Claims, "expired"));
                            context.Success();
                            return Task.CompletedTask;
                        },
                    };
                });
            }

            public sealed class LenientEvents : JwtBearerEvents
            {
                public override Task AuthenticationFailed(Microsoft.AspNetCore.Authentication.JwtBearer.AuthenticationFailedContext context)
                {
                    var rejected = {|#1:new JwtSecurityTokenHandler().ReadJwtToken(context.Request.Headers.Authorization.ToString())|};
                    context.Principal = new ClaimsPrincipal(new ClaimsIdentity(rejected.Claims, "expired"));
                    return Task.CompletedTask;
                }
            }

            public sealed class LookAlikeEvents
            {
                public Func<object, Task>? OnAuthenticationFailed { get; set; }

                public static LookAlikeEvents Create(string raw) => new LookAlikeEvents
                {
                    OnAuthenticationFailed = context =>
                    {
                        Console.WriteLine({|#2:new JwtSecurityTokenHandler().ReadJwtToken(raw)|}.Subject);
                        return Task.CompletedTask;
                    },
                };
            }
            """,
            At0(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken, 0),
            At0(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken, 1),
            At0(Descriptors.STL2009_ClaimsReadFromUnvalidatedToken, 2));
    }
}
