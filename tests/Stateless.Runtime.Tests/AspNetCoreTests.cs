using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>AddStatelessJwtBearer end to end on a TestServer.</summary>
public sealed class AspNetCoreTests : IAsyncLifetime
{
    private readonly Keys _keys = new();
    private IHost _host = null!;
    private HttpClient _client = null!;
    private IJtiDenylist _denylist = new InMemoryJtiDenylist();

    private async Task StartAsync(IJtiDenylist? denylist = null, params string[] algorithms)
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _denylist = denylist ?? new InMemoryJtiDenylist(_keys.Time);
        _host = await new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(services =>
                {
                    services.AddSingleton<TimeProvider>(_keys.Time);
                    services.AddSingleton(_denylist);
                    services.AddStatelessInMemoryRevocation();
                    services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                        .AddStatelessJwtBearer(_ => _keys.Options(algorithms.Length == 0 ? ["ES256"] : algorithms));
                })
                .Configure(app => app.Run(async context =>
                {
                    var result = await context.AuthenticateAsync();
                    context.Response.StatusCode = result.Succeeded ? 200 : 401;
                    await context.Response.WriteAsync(result.Succeeded
                        ? result.Principal!.FindFirst("sub")!.Value
                        : context.Items[StatelessJwtBearerExtensions.FailureItemKey]?.ToString() ?? "refused");
                })))
            .StartAsync();
        _client = _host.GetTestClient();
    }

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _keys.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body)> Call(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void JwtBearer_is_configured_from_the_verifier_options()
    {
        var jwt = _host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var p = jwt.TokenValidationParameters;
        Assert.Equal(["ES256"], p.ValidAlgorithms);
        Assert.False(p.TryAllIssuerSigningKeys);
        Assert.Equal(TimeSpan.FromSeconds(30), p.ClockSkew);
        Assert.True(p.RequireExpirationTime);
        Assert.True(p.RequireSignedTokens);
        Assert.True(p.ValidateIssuer && p.ValidateAudience && p.ValidateLifetime);
        Assert.Equal(TokenForge.Issuer, p.ValidIssuer);
        Assert.Equal([TokenForge.Audience], p.ValidAudiences);
        Assert.NotNull(p.IssuerSigningKeyResolver);
        Assert.Null(p.IssuerSigningKeys);
        Assert.False(jwt.MapInboundClaims);
        Assert.IsType<StatelessTokenHandler>(Assert.Single(jwt.TokenHandlers));
    }

    [Fact]
    public async Task Strict_parsing_of_the_verifier_applies_to_JwtBearer()
    {
        // Two "sub" members: IdentityModel alone would pick one; the verifier refuses the token.
        var json = _keys.Claims().ToJsonString().Replace("\"sub\":\"alice\"", "\"sub\":\"alice\",\"sub\":\"admin\"", StringComparison.Ordinal);
        var input = TokenForge.B64(TokenForge.Header("ES256", "ec-1").ToJsonString()) + "." + TokenForge.B64(json);
        var token = input + "." + TokenForge.B64(TokenForge.Ec(_keys.Ec, "ES256")(Encoding.ASCII.GetBytes(input)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(token)).Status);

        var iatFuture = _keys.Claims();
        iatFuture["iat"] = _keys.Time.GetUtcNow().AddHours(2).ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(_keys.Es256(iatFuture))).Status);
    }

    [Fact]
    public async Task Tokens_from_the_issuer_are_accepted()
    {
        var issuer = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = _keys.Ring }, _keys.Time);
        _keys.Ring.Add(new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-next" });
        var issued = issuer.Issue("carol");
        Assert.Equal((HttpStatusCode.OK, "carol"), await Call(issued));

        await _denylist.RevokeAsync(issued.TokenId, issued.ExpiresAt);
        Assert.Equal((HttpStatusCode.Unauthorized, "Revoked"), await Call(issued));
    }

    [Fact]
    public async Task Valid_token_is_accepted()
    {
        Assert.Equal((HttpStatusCode.OK, "alice"), await Call(_keys.Es256(_keys.Claims())));
    }

    [Fact]
    public async Task Revoked_jti_is_refused_on_every_request()
    {
        var token = _keys.Es256(_keys.Claims("t-7"));
        Assert.Equal(HttpStatusCode.OK, (await Call(token)).Status);

        await _denylist.RevokeAsync("t-7", _keys.Time.GetUtcNow().AddMinutes(10));
        Assert.Equal((HttpStatusCode.Unauthorized, "Revoked"), await Call(token));
    }

    [Fact]
    public async Task Denylist_outage_fails_closed()
    {
        await StartAsync(new ThrowingDenylist());
        Assert.Equal((HttpStatusCode.Unauthorized, "StoreUnavailable"), await Call(_keys.Es256(_keys.Claims())));
    }

    [Fact]
    public async Task Attacks_are_refused()
    {
        var claims = _keys.Claims();
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var none = TokenForge.B64(TokenForge.Header("none", "ec-1").ToJsonString()) + "." + TokenForge.B64(claims.ToJsonString()) + ".";

        Assert.Equal((HttpStatusCode.Unauthorized, "AlgorithmNotAllowed"), await Call(none));
        Assert.Equal((HttpStatusCode.Unauthorized, "UnknownKey"), await Call(_keys.Es256(claims, kid: "ec-2")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(_keys.Es256(claims, kid: null))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(TokenForge.Sign(TokenForge.Header("ES256", "ec-1"), claims, TokenForge.Ec(attacker, "ES256")))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(TokenForge.Sign(TokenForge.Header("HS256", "rsa-1"), claims, TokenForge.Hmac(Encoding.ASCII.GetBytes(_keys.Rsa.ExportSubjectPublicKeyInfoPem()), "HS256")))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(TokenForge.Sign(TokenForge.Header("RS256", "rsa-1"), claims, TokenForge.Rsa(_keys.Rsa, "RS256")))).Status);

        var crit = TokenForge.Header("ES256", "ec-1");
        crit["crit"] = new JsonArray("urn:x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(_keys.Es256(crit, claims))).Status);

        foreach (var required in new[] { "jti", "sub", "exp", "aud", "iss" })
        {
            var missing = _keys.Claims();
            missing.Remove(required);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Call(_keys.Es256(missing))).Status);
        }
    }

    [Fact]
    public async Task Key_revocation_and_the_clock_apply()
    {
        var token = _keys.Es256(_keys.Claims());
        Assert.Equal(HttpStatusCode.OK, (await Call(token)).Status);

        _keys.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(token)).Status);

        var fresh = _keys.Es256(_keys.Claims());
        Assert.Equal(HttpStatusCode.OK, (await Call(fresh)).Status);
        _keys.Ring.Revoke("ec-1");
        Assert.Equal((HttpStatusCode.Unauthorized, "KeyRevoked"), await Call(fresh));
    }

    [Fact]
    public async Task P384_key_under_es256_and_weak_rsa_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        _keys.Ring.Add(new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(p384) { KeyId = "ec-384" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(TokenForge.Sign(TokenForge.Header("ES256", "ec-384"), _keys.Claims(), TokenForge.Ec(p384, "ES256")))).Status);

        await StartAsync(null, "RS256");
        using var weak = RSA.Create(1024);
        _keys.Ring.Add(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(weak) { KeyId = "rsa-weak" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(TokenForge.Sign(TokenForge.Header("RS256", "rsa-weak"), _keys.Claims(), TokenForge.Rsa(weak, "RS256")))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Call(TokenForge.Sign(TokenForge.Header("RS256", "rsa-1"), _keys.Claims(), TokenForge.Rsa(_keys.Rsa, "RS256")))).Status);
    }

    [Fact]
    public async Task Di_helpers_register_the_in_memory_defaults()
    {
        var services = new ServiceCollection();
        services.AddStatelessInMemoryRevocation(new RefreshTokenOptions { ReuseGracePeriod = TimeSpan.FromSeconds(2) });
        services.AddStatelessSigningKeyRing(ring => ring.Add(new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k" }));
        services.AddStatelessTokenIssuer(sp => new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = sp.GetRequiredService<SigningKeyRing>() });
        services.AddStatelessTokenVerifier(sp => new StatelessTokenVerifierOptions { Issuer = TokenForge.Issuer, Audiences = [TokenForge.Audience], Algorithms = ["ES256"], Keys = sp.GetRequiredService<SigningKeyRing>() });
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryJtiDenylist>(provider.GetRequiredService<IJtiDenylist>());
        Assert.IsType<InMemoryRefreshTokenStore>(provider.GetRequiredService<IRefreshTokenStore>());
        Assert.Same(provider.GetRequiredService<IJtiDenylist>(), provider.GetRequiredService<IJtiDenylist>());
        Assert.NotNull(provider.GetRequiredService<RefreshTokenRotator>());
        var token = provider.GetRequiredService<StatelessTokenIssuer>().Issue("alice");
        Assert.True((await provider.GetRequiredService<StatelessTokenVerifier>().VerifyAsync(token)).IsValid);
    }
}
