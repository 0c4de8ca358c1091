using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>
/// The jti denylist and the other per-token checks run inside the token handler <c>AddStatelessJwtBearer</c> installs:
/// a real <see cref="WebApplication"/> on a TestServer with an <c>[Authorize]</c> endpoint, under each way an app wires
/// JwtBearer events. A revoked token is refused under every wiring; the app's own events still run.
/// </summary>
public sealed class JwtBearerWiringTests : IDisposable
{
    private const string FailureHeader = "X-Token-Failure";
    private readonly Keys _keys = new();

    public void Dispose() => _keys.Dispose();

    public enum Wiring
    {
        Default,
        EventsTypeFromDi,
        EventsSubclassOverridingTokenValidated,
        OwnOnTokenValidated,
        EventsReplacedInLaterPostConfigure,
        DenylistRegisteredAfterJwtBearer,
    }

    /// <summary>Events an app keeps for auditing; overrides TokenValidated without calling the base.</summary>
    public sealed class AuditEvents : JwtBearerEvents
    {
        public static int Validated;

        public override Task TokenValidated(TokenValidatedContext context)
        {
            Interlocked.Increment(ref Validated);
            return Task.CompletedTask;
        }
    }

    private sealed record App(WebApplication Host, HttpClient Client, IJtiDenylist Denylist, Func<int> OwnEventCalls) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
        }
    }

    private async Task<App> StartAsync(Wiring wiring, IJtiDenylist? denylist = null)
    {
        denylist ??= new InMemoryJtiDenylist(_keys.Time);
        int ownCalls = 0;
        int auditBefore = Volatile.Read(ref AuditEvents.Validated);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(_keys.Time);
        if (wiring != Wiring.DenylistRegisteredAfterJwtBearer)
        {
            builder.Services.AddSingleton(denylist);
        }

        builder.Services.AddScoped<AuditEvents>();
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddStatelessJwtBearer(JwtBearerDefaults.AuthenticationScheme, _ => _keys.Options("ES256"), jwt =>
            {
                switch (wiring)
                {
                    case Wiring.EventsTypeFromDi:
                        jwt.EventsType = typeof(AuditEvents);
                        break;
                    case Wiring.EventsSubclassOverridingTokenValidated:
                        jwt.Events = new AuditEvents();
                        break;
                    case Wiring.OwnOnTokenValidated:
                        jwt.Events = new JwtBearerEvents { OnTokenValidated = _ => { Interlocked.Increment(ref ownCalls); return Task.CompletedTask; } };
                        break;
                }
            });
        if (wiring == Wiring.EventsReplacedInLaterPostConfigure)
        {
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.Events = new AuditEvents());
        }

        if (wiring == Wiring.DenylistRegisteredAfterJwtBearer)
        {
            builder.Services.AddSingleton(denylist);
        }

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Items[StatelessJwtBearerExtensions.FailureItemKey] is TokenFailure failure)
                {
                    context.Response.Headers[FailureHeader] = failure.ToString();
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", [Authorize] (ClaimsPrincipal user) => user.FindFirst("sub")!.Value);
        await app.StartAsync();

        Func<int> own = wiring switch
        {
            Wiring.OwnOnTokenValidated => () => Volatile.Read(ref ownCalls),
            Wiring.EventsTypeFromDi or Wiring.EventsSubclassOverridingTokenValidated or Wiring.EventsReplacedInLaterPostConfigure
                => () => Volatile.Read(ref AuditEvents.Validated) - auditBefore,
            _ => () => -1,
        };
        return new App(app, app.GetTestClient(), denylist, own);
    }

    private static async Task<(HttpStatusCode Status, string Body, string? Failure)> CallAsync(App app, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await app.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues(FailureHeader, out var values) ? values.Single() : null);
    }

    [Theory]
    [InlineData(Wiring.Default)]
    [InlineData(Wiring.EventsTypeFromDi)]
    [InlineData(Wiring.EventsSubclassOverridingTokenValidated)]
    [InlineData(Wiring.OwnOnTokenValidated)]
    [InlineData(Wiring.EventsReplacedInLaterPostConfigure)]
    [InlineData(Wiring.DenylistRegisteredAfterJwtBearer)]
    public async Task A_revoked_jti_is_refused_under_every_events_wiring(Wiring wiring)
    {
        await using var app = await StartAsync(wiring);
        var token = _keys.Es256(_keys.Claims("jti-" + wiring));
        Assert.Equal((HttpStatusCode.OK, "alice", (string?)null), await CallAsync(app, token));
        int ownAfterValid = app.OwnEventCalls();
        if (ownAfterValid >= 0)
        {
            Assert.Equal(1, ownAfterValid); // the app's own events still run
        }

        await app.Denylist.RevokeAsync("jti-" + wiring, _keys.Time.GetUtcNow().AddMinutes(10));
        Assert.Equal((HttpStatusCode.Unauthorized, string.Empty, "Revoked"), await CallAsync(app, token));
        if (ownAfterValid >= 0)
        {
            Assert.Equal(1, app.OwnEventCalls()); // never told that a revoked token was validated
        }
    }

    [Theory]
    [InlineData(Wiring.Default)]
    [InlineData(Wiring.EventsTypeFromDi)]
    [InlineData(Wiring.EventsSubclassOverridingTokenValidated)]
    public async Task A_denylist_outage_fails_closed_under_every_events_wiring(Wiring wiring)
    {
        await using var app = await StartAsync(wiring, new ThrowingDenylist());
        Assert.Equal((HttpStatusCode.Unauthorized, string.Empty, "StoreUnavailable"), await CallAsync(app, _keys.Es256(_keys.Claims())));
    }

    [Theory]
    [InlineData(Wiring.EventsTypeFromDi)]
    [InlineData(Wiring.EventsSubclassOverridingTokenValidated)]
    public async Task Crit_and_missing_jti_or_sub_are_refused_under_every_events_wiring(Wiring wiring)
    {
        await using var app = await StartAsync(wiring);
        var crit = TokenForge.Header("ES256", "ec-1");
        crit["crit"] = new System.Text.Json.Nodes.JsonArray("exp");
        crit["exp"] = 1;
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(app, _keys.Es256(crit, _keys.Claims()))).Status);
        foreach (var claim in new[] { "jti", "sub" })
        {
            var claims = _keys.Claims();
            claims.Remove(claim);
            Assert.Equal((HttpStatusCode.Unauthorized, string.Empty, "MissingClaim"), await CallAsync(app, _keys.Es256(claims)));
        }
    }

    [Theory]
    [InlineData("handler")]
    [InlineData("validators")]
    [InlineData("forward")]
    public async Task Switching_the_handler_off_after_AddStatelessJwtBearer_is_refused_not_silently_used(string how)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(_keys.Time);
        var denylist = new InMemoryJtiDenylist(_keys.Time);
        builder.Services.AddSingleton<IJtiDenylist>(denylist);
        builder.Services.AddAuthorization();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddStatelessJwtBearer(_ => _keys.Options("ES256"));
        builder.Services.AddAuthentication().AddJwtBearer("Plain");
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            switch (how)
            {
                case "handler":
                    jwt.TokenHandlers.Clear();
                    jwt.TokenHandlers.Add(new JsonWebTokenHandler());
                    break;
                case "validators":
#pragma warning disable CS0618 // The legacy validators are what an app might still turn on.
                    jwt.UseSecurityTokenValidators = true;
#pragma warning restore CS0618
                    break;
                default:
                    jwt.ForwardDefaultSelector = _ => "Plain";
                    break;
            }

            jwt.EventsType = typeof(AuditEvents);
        });
        builder.Services.AddScoped<AuditEvents>();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", [Authorize] () => "ok");
        await app.StartAsync();
        using var client = app.GetTestClient();

        var token = _keys.Es256(_keys.Claims("jti-swap"));
        await denylist.RevokeAsync("jti-swap", _keys.Time.GetUtcNow().AddMinutes(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => client.SendAsync(request));
        Assert.Contains(nameof(StatelessTokenHandler), error.Message, StringComparison.Ordinal);
    }
}
