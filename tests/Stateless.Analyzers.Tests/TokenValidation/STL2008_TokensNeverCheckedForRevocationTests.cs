using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.RevocationCheckAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2008_TokensNeverCheckedForRevocationTests
{
    /// <summary>The runtime's denylist contract, declared here under its real metadata name.</summary>
    private const string Runtime = """

        namespace Stateless.Runtime
        {
            public interface IJtiDenylist
            {
                System.Threading.Tasks.ValueTask RevokeAsync(string tokenId, System.DateTimeOffset expiresAt, System.Threading.CancellationToken cancellationToken = default);
                System.Threading.Tasks.ValueTask<bool> IsRevokedAsync(string tokenId, System.Threading.CancellationToken cancellationToken = default);
            }

            public sealed class RedisLikeDenylist : IJtiDenylist
            {
                public System.Threading.Tasks.ValueTask RevokeAsync(string tokenId, System.DateTimeOffset expiresAt, System.Threading.CancellationToken cancellationToken = default) => default;
                public System.Threading.Tasks.ValueTask<bool> IsRevokedAsync(string tokenId, System.Threading.CancellationToken cancellationToken = default) => new(false);
            }

            public static class StatelessJwtBearerExtensions
            {
                public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddStatelessJwtBearer(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder) => builder;
            }
        }

        namespace Contoso
        {
            public interface IJtiDenylist
            {
            }

            public sealed class Denylist : IJtiDenylist
            {
            }

            public sealed class Hooks
            {
                public System.Func<object, System.Threading.Tasks.Task>? OnTokenValidated { get; set; }
            }
        }
        """;

    private static DiagnosticResult Expected(int location = 0) => At0(Descriptors.STL2008_TokensNeverCheckedForRevocation, location);

    [Theory]
    [InlineData("""
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).{|#0:AddJwtBearer|}(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters { ValidIssuer = issuer };
        });
        """)]
    [InlineData("""
        var principal = new JwtSecurityTokenHandler().ValidateToken("token", {|#0:new TokenValidationParameters { ValidIssuer = issuer }|}, out _);
        """)]
    [InlineData("""
        services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Events = new JwtBearerEvents { OnTokenValidated = null });
        """)]
    [InlineData("""
        services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Events = new JwtBearerEvents { OnMessageReceived = context => Task.CompletedTask });
        """)]
    [InlineData("""
        services.AddSingleton<Contoso.IJtiDenylist, Contoso.Denylist>();
        services.AddAuthentication().{|#0:AddJwtBearer|}(o => o.TokenValidationParameters.ValidIssuer = issuer);
        """)]
    [InlineData("""
        var p = {|#0:new TokenValidationParameters { TokenReplayValidator = null }|};
        """)]
    [InlineData("""
        var hooks = new Contoso.Hooks { OnTokenValidated = context => Task.CompletedTask };
        services.AddAuthentication().{|#0:AddJwtBearer|}("Bearer", options => options.Audience = "api");
        """)]
    [InlineData("""
        services.AddAuthentication().{|#0:AddJwtBearer|}(options =>
        {
            options.TokenValidationParameters.ValidateTokenReplay = true;
        });
        """)]
    [InlineData("""
        services.AddAuthentication().{|#0:AddJwtBearer|}(options =>
        {
            options.TokenValidationParameters.ValidIssuer = issuer;
        });
        services.AddAuthentication().AddJwtBearer("Second", options => options.Audience = "api");
        """)]
    [InlineData("""
        services.AddAuthentication().{|#0:AddJwtBearer|}(JwtBearerDefaults.AuthenticationScheme, "Bearer", options => { });
        """)]
    public async Task Reports(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2008_TokensNeverCheckedForRevocation, InMethod(body) + Runtime, Expected());
    }

    [Fact]
    public async Task Reports_OncePerProject()
    {
        var first = InMethod("""services.AddAuthentication().{|#0:AddJwtBearer|}(o => o.TokenValidationParameters.ValidIssuer = issuer);""");
        var second = Usings + """
            public static class More
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().AddJwtBearer("Other", o => o.Audience = "api");
            }
            """ + Runtime;
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2008_TokensNeverCheckedForRevocation, new[] { first, second }, null, Expected());
    }

    private const string Events = """

        public sealed class RevocationEvents : JwtBearerEvents
        {
            public override Task TokenValidated(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context) => base.TokenValidated(context);
        }
        """;

    /// <summary>grandnode2's shape: the check a module wires into OnTokenValidated lives in this project as a method.</summary>
    private const string ValidatedHandler = """

        public sealed class CustomerTokenCheck
        {
            public Task Valid(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
            {
                if (context.Principal?.FindFirst("RefreshId") is null) context.Fail("revoked");
                return Task.CompletedTask;
            }
        }
        """;

    private const string Checker = """

        public sealed class RevocationChecker
        {
            private readonly Stateless.Runtime.IJtiDenylist _denylist;
            public RevocationChecker(Stateless.Runtime.IJtiDenylist denylist) => _denylist = denylist;
        }
        """;

    [Theory]
    [InlineData("""
        services.AddSingleton<Stateless.Runtime.IJtiDenylist, Stateless.Runtime.RedisLikeDenylist>();
        services.AddAuthentication().AddJwtBearer();
        """, "")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options => options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context => Task.CompletedTask,
        });
        """, "")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Events = new JwtBearerEvents();
            options.Events.OnTokenValidated = context => Task.CompletedTask;
        });
        """, "")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.TokenReplayCache = ReplayCache.Instance;
        });
        """, "")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.TokenReplayValidator = (expires, token, parameters) => true;
        });
        """, "")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options => options.EventsType = typeof(RevocationEvents));
        """, Events)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer();
        services.AddSingleton<RevocationChecker>();
        """, Checker)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer();
        """, ValidatedHandler)]
    [InlineData("""
        services.AddRouting();
        """, "")]
    [InlineData("""
        services.AddAuthentication().AddStatelessJwtBearer();
        var p = new TokenValidationParameters();
        """, "")]
    [InlineData("""
        services.AddSingleton(typeof(Stateless.Runtime.IJtiDenylist), typeof(Stateless.Runtime.RedisLikeDenylist));
        services.AddAuthentication().AddJwtBearer();
        """, "")]
    [InlineData("""
        services.AddSingleton(new Stateless.Runtime.RedisLikeDenylist());
        services.AddAuthentication().AddJwtBearer();
        """, "")]
    public async Task Silent(string body, string extra)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2008_TokensNeverCheckedForRevocation, InMethod(body).Replace("using System;", "using System;\nusing Stateless.Runtime;") + Runtime + extra + """

            public sealed class ReplayCache : ITokenReplayCache
            {
                public static ReplayCache Instance { get; } = new();
                public bool TryAdd(string securityToken, DateTime expiresOn) => true;
                public bool TryFind(string securityToken) => false;
            }
            """);
    }

    // ---------------------------------------------------------------- stateless_revocation_window

    private const string ShortLivedIssuer = """

        public static class Issuer
        {
            public static string Issue(System.Security.Claims.Claim[] claims, SigningCredentials credentials)
            {
                var expiresIn = DateTime.UtcNow.AddMinutes(1);
                var token = new JwtSecurityToken(expires: expiresIn, claims: claims, signingCredentials: credentials);
                var descriptor = new SecurityTokenDescriptor { Expires = DateTime.UtcNow.AddMinutes(5), SigningCredentials = credentials };
                return new JwtSecurityTokenHandler().WriteToken(token) + new JwtSecurityTokenHandler().CreateEncodedJwt(descriptor);
            }
        }
        """;

    [Fact]
    public async Task Silent_when_every_issued_token_lives_at_most_the_revocation_window()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            InMethod("services.AddAuthentication().AddJwtBearer(options => options.Audience = \"api\");") + Runtime + ShortLivedIssuer);
    }

    [Fact]
    public async Task Reports_when_one_issued_token_outlives_the_window_or_cannot_be_folded()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            InMethod("services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Audience = \"api\");") + Runtime + ShortLivedIssuer + """

            public static class LongIssuer
            {
                public static JwtSecurityToken Issue(DateTime expires) => new JwtSecurityToken(expires: expires);
            }
            """,
            Expected());
    }

    [Fact]
    public async Task A_shorter_window_option_reports_the_same_project()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod("services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Audience = \"api\");") + Runtime + ShortLivedIssuer },
            "[*.cs]\nstateless_revocation_window = 30s\n",
            Expected());
    }

    // ---------------------------------------------------------------- lifetimes declared by an options class in another file

    /// <summary>An issuer options class: the expiry is issue time + a <c>ValidFor</c> whose default the class declares.</summary>
    private static string IssuerOptions(string validFor) => Usings + $$"""
        public class TokenIssuerOptions
        {
            public string? Audience { get; set; }
            public DateTime IssuedAt => DateTime.UtcNow;
            public TimeSpan ValidFor { get; set; } = {{validFor}};
            public DateTime Expiration => IssuedAt.Add(ValidFor);
        }
        """;

    private const string OptionsIssuer = Usings + """
        public sealed class TokenWriter
        {
            private readonly TokenIssuerOptions _options;
            public TokenWriter(Microsoft.Extensions.Options.IOptions<TokenIssuerOptions> options) => _options = options.Value;
            public string Write(Claim[] claims, SigningCredentials credentials) =>
                new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken("issuer", _options.Audience, claims, DateTime.UtcNow, _options.Expiration, credentials));
        }
        """;

    [Fact]
    public async Task Silent_when_the_options_default_lifetime_declared_in_another_file_is_within_the_window()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[]
            {
                InMethod("""
                    services.Configure<TokenIssuerOptions>(options => options.Audience = "api");
                    services.AddAuthentication().AddJwtBearer(options => options.Audience = "api");
                    """) + Runtime,
                IssuerOptions("TimeSpan.FromMinutes(5)"),
                OptionsIssuer,
            },
            null);
    }

    [Theory]
    [InlineData("""services.Configure<TokenIssuerOptions>(options => options.Audience = "api");""", "TimeSpan.FromMinutes(15)")]
    [InlineData("""services.Configure<TokenIssuerOptions>(options => options.ValidFor = TimeSpan.FromDays(1));""", "TimeSpan.FromMinutes(5)")]
    [InlineData("""services.Configure<TokenIssuerOptions>(configuration.GetSection("Jwt"));""", "TimeSpan.FromMinutes(5)")]
    [InlineData("""services.AddOptions<TokenIssuerOptions>().BindConfiguration("Jwt");""", "TimeSpan.FromMinutes(5)")]
    [InlineData("""var bound = configuration.GetSection("Jwt").Get<TokenIssuerOptions>();""", "TimeSpan.FromMinutes(5)")]
    public async Task Reports_when_the_options_lifetime_is_longer_assigned_or_bound_from_configuration(string configure, string validFor)
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[]
            {
                InMethod(configure + "\nservices.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Audience = \"api\");") + Runtime,
                IssuerOptions(validFor),
                OptionsIssuer,
            },
            null,
            Expected());
    }

    [Fact]
    public async Task Reports_when_the_expiry_getter_can_be_overridden()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[]
            {
                InMethod("services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Audience = \"api\");") + Runtime,
                Usings + """
                    public class TokenIssuerOptions
                    {
                        public string? Audience { get; set; }
                        public virtual DateTime Expiration => DateTime.UtcNow.AddMinutes(5);
                    }

                    public sealed class LongLivedOptions : TokenIssuerOptions
                    {
                        public override DateTime Expiration => DateTime.UtcNow.AddDays(30);
                    }
                    """,
                OptionsIssuer,
            },
            null,
            Expected());
    }

    // ---------------------------------------------------------------- a revocation check on the request's user, outside OnTokenValidated

    [Theory]
    [InlineData("""
        public sealed class TokenAgeRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement { }

        public sealed class TokenAgeHandler : Microsoft.AspNetCore.Authorization.AuthorizationHandler<TokenAgeRequirement>
        {
            private readonly Func<string, DateTimeOffset> _validSince;
            public TokenAgeHandler(Func<string, DateTimeOffset> validSince) => _validSince = validSince;

            protected override Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, TokenAgeRequirement requirement)
            {
                var issuedAt = context.User.FindFirst(System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames.Iat)?.Value;
                if (issuedAt is not null && DateTimeOffset.FromUnixTimeSeconds(long.Parse(issuedAt)) >= _validSince(context.User.Identity!.Name!))
                {
                    context.Succeed(requirement);
                }

                return Task.CompletedTask;
            }
        }
        """)]
    [InlineData("""
        public sealed class RevokedTokenMiddleware
        {
            private readonly Microsoft.AspNetCore.Http.RequestDelegate _next;
            private readonly ISet<string> _revoked;
            public RevokedTokenMiddleware(Microsoft.AspNetCore.Http.RequestDelegate next, ISet<string> revoked) { _next = next; _revoked = revoked; }

            public Task InvokeAsync(Microsoft.AspNetCore.Http.HttpContext httpContext)
            {
                var user = httpContext.User;
                var tokenId = user.Claims.FirstOrDefault(claim => claim.Type == "jti")?.Value;
                if (tokenId is not null && _revoked.Contains(tokenId))
                {
                    httpContext.Response.StatusCode = 401;
                    return Task.CompletedTask;
                }

                return _next(httpContext);
            }
        }
        """)]
    public async Task Silent_when_the_request_user_iat_or_jti_is_checked_outside_OnTokenValidated(string check)
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod("services.AddAuthentication().AddJwtBearer(options => options.Audience = \"api\");") + Runtime, Usings + check },
            null);
    }

    [Theory]
    [InlineData("""
        public static class Minting
        {
            public static JwtSecurityToken Mint(string user) => new JwtSecurityToken(
                claims: new[] { new Claim(System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames.Iat, "0"), new Claim(System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()), new Claim("sub", user) },
                expires: DateTime.UtcNow.AddDays(7));
        }
        """)]
    [InlineData("""
        public static class Refresh
        {
            public static string? IssuedAt(string token, TokenValidationParameters parameters)
            {
                var principal = new JwtSecurityTokenHandler().ValidateToken(token, parameters, out _);
                return principal.FindFirst(System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames.Iat)?.Value;
            }
        }
        """)]
    [InlineData("""
        public sealed class Profile : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            public string? Role() => User.FindFirst(ClaimTypes.Role)?.Value;
            public bool Named() => User.Claims.Any(claim => claim.Type == "name");
        }
        """)]
    public async Task Reports_when_iat_or_jti_is_only_issued_read_off_the_request_or_another_claim_is_checked(string code)
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod("services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Audience = \"api\");") + Runtime, Usings + code },
            null,
            Expected());
    }

    // ---------------------------------------------------------------- tokens of an OpenID Connect provider

    [Theory]
    [InlineData("""options.Authority = configuration["Identity:Url"];""")]
    [InlineData("""options.MetadataAddress = "https://login.example.com/.well-known/openid-configuration";""")]
    public async Task Silent_when_the_keys_come_from_an_OpenID_Connect_authority_and_the_project_issues_no_token(string authority)
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            InMethod("services.AddAuthentication().AddJwtBearer(options =>\n{\n" + authority + "\noptions.Audience = \"api\";\n});") + Runtime);
    }

    [Fact]
    public async Task Reports_an_authority_project_that_also_issues_its_own_long_lived_tokens()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            InMethod("""
                services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Authority = "https://login.example.com");
                var token = new JwtSecurityToken(expires: DateTime.UtcNow.AddDays(1));
                """) + Runtime,
            Expected());
    }

    [Fact]
    public async Task Reports_when_an_Authority_is_set_on_a_type_that_is_not_JwtBearerOptions()
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            InMethod("""
                services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Audience = "api");
                var client = new Contoso.IdentityClient { Authority = "https://login.example.com" };
                """) + Runtime + """

                namespace Contoso
                {
                    public sealed class IdentityClient { public string? Authority { get; set; } }
                }
                """,
            Expected());
    }
    [Fact]
    public async Task An_OpenIdConnect_sign_in_alone_is_silent_but_a_bearer_handler_beside_it_reports()
    {
        const string SignIn = """
            services.AddSingleton(new Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions
            {
                ResponseType = "code",
                TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name" },
            });
            """;
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2008_TokensNeverCheckedForRevocation, new[] { InMethod(SignIn) + OpenIdConnect + Runtime }, null);
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod(SignIn + "\nservices.AddAuthentication().{|#0:AddJwtBearer|}(o => o.Audience = \"api\");") + OpenIdConnect + Runtime },
            null,
            Expected());
    }

    [Fact]
    public async Task A_sign_in_client_validating_its_providers_logout_token_is_silent_until_it_configures_a_bearer_handler()
    {
        // Duende's and IdentityServer4's back-channel logout clients: an OpenID Connect sign-in, and a controller that
        // validates the logout_token the provider posts. That token authenticates no request; a bearer API beside it does.
        const string Client = """
            services.AddSingleton(new Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions { Authority = issuer });
            var user = new JwtSecurityTokenHandler().ValidateToken("logout_token", {|#0:new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = "mvc.backchannel",
                IssuerSigningKey = new RsaSecurityKey(rsa),
            }|}, out _);
            """;
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2008_TokensNeverCheckedForRevocation, new[] { InMethod(Client.Replace("{|#0:", "").Replace("}|}", "}")) + OpenIdConnect + Runtime }, null);
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod(Client + "\nservices.Configure<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>(o => o.Audience = \"api\");") + OpenIdConnect + Runtime },
            null,
            Expected());
    }

    [Fact]
    public async Task An_OAuth_providers_id_token_parameters_alone_are_silent()
    {
        // aspnet-contrib's Sign in with Apple: the parameters check the id_token of one sign-in, then the cookie rules.
        const string Provider = """

            public sealed class AppleOptions : Microsoft.AspNetCore.Authentication.OAuth.OAuthOptions
            {
                public TokenValidationParameters TokenValidationParameters { get; set; } = new TokenValidationParameters();
            }

            public static class ApplePostConfigure
            {
                public static void PostConfigure(AppleOptions options) =>
                    options.TokenValidationParameters = new TokenValidationParameters { ValidAudience = options.ClientId };
            }
            """;
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2008_TokensNeverCheckedForRevocation, new[] { InMethod("var x = 1;") + Provider + Runtime }, null);
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod("services.AddAuthentication().{|#0:AddJwtBearer|}(o => o.Audience = \"api\");") + Provider + Runtime },
            null,
            Expected());
    }

    [Fact]
    public async Task Parameters_reading_expired_tokens_back_are_not_a_validation_site()
    {
        // The refresh helper of TanvirArjel/CleanArchitecture and fullstackhero/blazor-starter-kit: the project's only
        // validation reads the expired access token to find the user whose refresh token is then checked in the store.
        const string Refresh = """
            var principal = new JwtSecurityTokenHandler().ValidateToken("token", new TokenValidationParameters
            {
                ValidateLifetime = false,
                IssuerSigningKey = new SymmetricSecurityKey(secret),
            }, out _);
            """;
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2008_TokensNeverCheckedForRevocation, new[] { InMethod(Refresh) + Runtime }, null);

        // Beside it, the same project's bearer handler authenticates every request: reported there.
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod(Refresh + "\nservices.AddAuthentication().{|#0:AddJwtBearer|}(o => o.Audience = \"api\");") + Runtime },
            null,
            Expected());

        // A lifetime check left on, or switched off by a value the analyzer cannot read, still counts.
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod("""
                var checkLifetime = configuration["Jwt:CheckLifetime"] == "true";
                new JwtSecurityTokenHandler().ValidateToken("token", {|#0:new TokenValidationParameters { ValidateLifetime = checkLifetime }|}, out _);
                new JwtSecurityTokenHandler().ValidateToken("token", new TokenValidationParameters { ValidateLifetime = true }, out _);
                """) + Runtime },
            null,
            Expected());
    }

    [Fact]
    public async Task A_bearer_handler_configured_from_configuration_alone_is_silent_unless_the_project_issues_its_own_tokens()
    {
        // dotnet/AspNetCore.Docs.Samples: AddJwtBearer() with no delegate reads Authentication:Schemes:Bearer (the
        // issuer is an identity provider, or dotnet user-jwts in development); the project has no revocation event.
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod("services.AddAuthentication().AddJwtBearer();\nservices.AddAuthentication().AddJwtBearer(\"Other\");") + Runtime },
            null);

        // The same project minting day-long tokens of its own reports.
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
            new[] { InMethod("""
                services.AddAuthentication().{|#0:AddJwtBearer|}();
                var token = new JwtSecurityToken(expires: DateTime.UtcNow.AddDays(1));
                """) + Runtime },
            null,
            Expected());
    }
}
