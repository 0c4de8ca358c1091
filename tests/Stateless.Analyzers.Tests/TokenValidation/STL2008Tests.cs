using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2008Tests
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

    private static DiagnosticResult Expected(int location = 0) => At0(Descriptors.TokensNeverCheckedForRevocation, location);

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
        services.AddAuthentication().{|#0:AddJwtBearer|}();
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
        await VerifyAsync<RevocationCheckAnalyzer>(DiagnosticIds.TokensNeverCheckedForRevocation, InMethod(body) + Runtime, Expected());
    }

    [Fact]
    public async Task Reports_OncePerProject()
    {
        var first = InMethod("""services.AddAuthentication().{|#0:AddJwtBearer|}();""");
        var second = Usings + """
            public static class More
            {
                public static void Add(IServiceCollection services) => services.AddAuthentication().AddJwtBearer("Other", o => o.Audience = "api");
            }
            """ + Runtime;
        await VerifyAsync<RevocationCheckAnalyzer>(DiagnosticIds.TokensNeverCheckedForRevocation, new[] { first, second }, null, Expected());
    }

    private const string Events = """

        public sealed class RevocationEvents : JwtBearerEvents
        {
            public override Task TokenValidated(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context) => base.TokenValidated(context);
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
        await VerifyAsync<RevocationCheckAnalyzer>(DiagnosticIds.TokensNeverCheckedForRevocation, InMethod(body).Replace("using System;", "using System;\nusing Stateless.Runtime;") + Runtime + extra + """

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
        await VerifyAsync<RevocationCheckAnalyzer>(
            DiagnosticIds.TokensNeverCheckedForRevocation,
            InMethod("services.AddAuthentication().AddJwtBearer(options => options.Audience = \"api\");") + Runtime + ShortLivedIssuer);
    }

    [Fact]
    public async Task Reports_when_one_issued_token_outlives_the_window_or_cannot_be_folded()
    {
        await VerifyAsync<RevocationCheckAnalyzer>(
            DiagnosticIds.TokensNeverCheckedForRevocation,
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
        await VerifyAsync<RevocationCheckAnalyzer>(
            DiagnosticIds.TokensNeverCheckedForRevocation,
            new[] { InMethod("services.AddAuthentication().{|#0:AddJwtBearer|}(options => options.Audience = \"api\");") + Runtime + ShortLivedIssuer },
            "[*.cs]\nstateless_revocation_window = 30s\n",
            Expected());
    }
}
