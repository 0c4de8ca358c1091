using System;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

public sealed class IssuerTests
{
    private readonly FakeTimeProvider _time = new(TokenForge.Start);

    private static JsonElement Part(string token, int index) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.Split('.')[index])).RootElement;

    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES512")]
    [InlineData("RS256")]
    [InlineData("PS512")]
    [InlineData("HS256")]
    [InlineData("HS512")]
    public async Task Issued_tokens_carry_every_required_claim_and_verify(string alg)
    {
        var ring = new SigningKeyRing(_time);
        SecurityKey key = alg[..2] switch
        {
            "ES" => new ECDsaSecurityKey(ECDsa.Create(alg switch { "ES256" => ECCurve.NamedCurves.nistP256, "ES384" => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 })),
            "HS" => new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)),
            _ => new RsaSecurityKey(RSA.Create(2048)),
        };
        key.KeyId = "k-" + alg;
        ring.Add(key);
        var issuer = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = alg, Keys = ring }, _time);

        var issued = issuer.Issue("alice", [new Claim("scope", "orders:read"), new Claim("exp", "9999999999"), new Claim("sub", "mallory")]);

        var header = Part(issued.Token, 0);
        var payload = Part(issued.Token, 1);
        Assert.Equal(alg, header.GetProperty("alg").GetString());
        Assert.Equal("k-" + alg, header.GetProperty("kid").GetString());
        foreach (var claim in new[] { "exp", "iat", "nbf", "aud", "iss", "jti", "sub" })
        {
            Assert.True(payload.TryGetProperty(claim, out _), claim);
        }

        Assert.Equal("alice", payload.GetProperty("sub").GetString());
        Assert.Equal(TokenForge.Start.AddMinutes(15).ToUnixTimeSeconds(), payload.GetProperty("exp").GetInt64());
        Assert.Equal(TokenForge.Start.ToUnixTimeSeconds(), payload.GetProperty("nbf").GetInt64());
        Assert.Equal(issued.TokenId, payload.GetProperty("jti").GetString());
        Assert.Equal(TokenForge.Start.AddMinutes(15), issued.ExpiresAt);

        var verifier = new StatelessTokenVerifier(new StatelessTokenVerifierOptions { Issuer = TokenForge.Issuer, Audiences = [TokenForge.Audience], Algorithms = [alg], Keys = ring }, null, _time);
        var result = await verifier.VerifyAsync(issued);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(issued.TokenId, result.TokenId);
        Assert.Equal("orders:read", result.Principal!.FindFirst("scope")!.Value);
    }

    [Fact]
    public async Task Tokens_from_JsonWebTokenHandler_verify_and_ours_validate_with_it()
    {
        var ring = new SigningKeyRing(_time);
        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k" };
        ring.Add(key);
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var theirs = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenForge.Issuer,
            Audience = TokenForge.Audience,
            Expires = _time.GetUtcNow().AddMinutes(5).UtcDateTime,
            NotBefore = _time.GetUtcNow().UtcDateTime,
            IssuedAt = _time.GetUtcNow().UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = "alice", ["jti"] = "their-jti" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });

        var verifier = new StatelessTokenVerifier(new StatelessTokenVerifierOptions { Issuer = TokenForge.Issuer, Audiences = [TokenForge.Audience], Algorithms = ["ES256"], Keys = ring }, null, _time);
        var result = await verifier.VerifyAsync(theirs);
        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("their-jti", result.TokenId);

        var ours = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring }, _time).Issue("bob");
        var validation = await handler.ValidateTokenAsync(ours.Token, new TokenValidationParameters
        {
            ValidIssuer = TokenForge.Issuer,
            ValidAudience = TokenForge.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = ["ES256"],
            LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("bob", validation.Claims["sub"]);
    }

    private StatelessTokenIssuer EsIssuer(out SigningKeyRing ring, string? type = null)
    {
        ring = new SigningKeyRing(_time);
        ring.Add(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k" });
        var options = type is null
            ? new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring }
            : new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring, Type = type };
        return new StatelessTokenIssuer(options, _time);
    }

    private StatelessTokenVerifier EsVerifier(SigningKeyRing ring, string? requiredType = null) => new(
        new StatelessTokenVerifierOptions { Issuer = TokenForge.Issuer, Audiences = [TokenForge.Audience], Algorithms = ["ES256"], Keys = ring, RequiredType = requiredType }, null, _time);

    [Theory]
    [InlineData("user\\ud800")]
    [InlineData("user\\udbff")]
    [InlineData("\\udc00user")]
    [InlineData("a\\udc00\\ud800b")]
    public async Task Strings_that_are_not_valid_utf16_are_refused_naming_the_claim(string escaped)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        var issuer = EsIssuer(out var ring);

        Assert.Contains("sub", Assert.Throws<ArgumentException>(() => issuer.Issue(text)).Message, StringComparison.Ordinal);
        Assert.Contains("name", Assert.Throws<ArgumentException>(() => issuer.Issue("alice", [new Claim("name", text)])).Message, StringComparison.Ordinal);
        Assert.Contains("claim type", Assert.Throws<ArgumentException>(() => issuer.Issue("alice", [new Claim(text, "x")])).Message, StringComparison.Ordinal);

        // The three subjects stay three subjects: U+FFFD itself is a valid character.
        var replacement = await EsVerifier(ring).VerifyAsync(issuer.Issue("user\ufffd"));
        Assert.Equal("user\ufffd", replacement.Subject);
        Assert.Throws<ArgumentException>(() => new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = "https://x" + text, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring }, _time));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public void Non_finite_numbers_are_refused_naming_the_claim(string value)
    {
        var issuer = EsIssuer(out _);
        var error = Assert.Throws<ArgumentException>(() => issuer.Issue("alice", [new Claim("score", value, ClaimValueTypes.Double)]));
        Assert.Contains("'score'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456789012345678901234567890", ClaimValueTypes.Double)]
    [InlineData("123456789012345678901234567890", ClaimValueTypes.Integer)]
    [InlineData("-123456789012345678901234567890", ClaimValueTypes.Integer)]
    [InlineData("9223372036854775807", ClaimValueTypes.Integer64)]
    [InlineData("-9223372036854775808", ClaimValueTypes.Integer64)]
    [InlineData("18446744073709551615", ClaimValueTypes.UInteger64)]
    [InlineData("4294967295", ClaimValueTypes.UInteger32)]
    [InlineData("-2147483648", ClaimValueTypes.Integer32)]
    [InlineData("9007199254740993", ClaimValueTypes.Double)]
    public async Task Integers_are_written_exactly(string value, string valueType)
    {
        var issuer = EsIssuer(out var ring);
        var issued = issuer.Issue("alice", [new Claim("n", value, valueType)]);

        Assert.Equal(value, Part(issued.Token, 1).GetProperty("n").GetRawText());
        var claim = (await EsVerifier(ring).VerifyAsync(issued)).Principal!.FindFirst("n")!;
        Assert.Equal(value, claim.Value);
    }

    [Theory]
    [InlineData("12.5", ClaimValueTypes.Double, "12.5")]
    [InlineData("1e3", ClaimValueTypes.Double, "1000")]
    [InlineData("-0.25", ClaimValueTypes.Double, "-0.25")]
    public void Fractions_are_written_as_numbers(string value, string valueType, string json)
    {
        var issued = EsIssuer(out _).Issue("alice", [new Claim("n", value, valueType)]);
        Assert.Equal(json, Part(issued.Token, 1).GetProperty("n").GetRawText());
    }

    [Theory]
    [InlineData("12.5", ClaimValueTypes.Integer64)]
    [InlineData("99999999999999999999", ClaimValueTypes.Integer64)]
    [InlineData("-1", ClaimValueTypes.UInteger64)]
    [InlineData("4294967296", ClaimValueTypes.UInteger32)]
    [InlineData("2147483648", ClaimValueTypes.Integer32)]
    [InlineData("0x10", ClaimValueTypes.Integer)]
    [InlineData("ten", ClaimValueTypes.Double)]
    public void Numbers_that_do_not_fit_their_declared_type_are_refused_naming_the_claim(string value, string valueType)
    {
        var error = Assert.Throws<ArgumentException>(() => EsIssuer(out _).Issue("alice", [new Claim("n", value, valueType)]));
        Assert.Contains("'n'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_are_typed_at_jwt_by_default_and_the_type_can_be_chosen()
    {
        var issuer = EsIssuer(out var ring);
        var issued = issuer.Issue("alice");
        Assert.Equal("at+jwt", Part(issued.Token, 0).GetProperty("typ").GetString());
        Assert.True((await EsVerifier(ring, "at+jwt").VerifyAsync(issued)).IsValid);
        Assert.True((await EsVerifier(ring, "application/AT+JWT").VerifyAsync(issued)).IsValid);
        Assert.True((await EsVerifier(ring).VerifyAsync(issued)).IsValid);

        var legacy = EsIssuer(out var legacyRing, "JWT").Issue("alice");
        Assert.Equal("JWT", Part(legacy.Token, 0).GetProperty("typ").GetString());
        Assert.Equal(TokenFailure.WrongType, (await EsVerifier(legacyRing, "at+jwt").VerifyAsync(legacy)).Failure);
        Assert.True((await EsVerifier(legacyRing).VerifyAsync(legacy)).IsValid);
    }

    [Fact]
    public void Token_ids_are_unique_and_random()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k" });
        var issuer = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring }, _time);
        var ids = Enumerable.Range(0, 1000).Select(_ => issuer.Issue("alice").TokenId).ToHashSet();
        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.True(Base64UrlEncoder.DecodeBytes(id).Length >= 16));
    }

    [Fact]
    public async Task Lifetime_defaults_to_fifteen_minutes_and_is_configurable()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k" });
        var options = new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring };
        Assert.Equal(TimeSpan.FromMinutes(15), options.Lifetime);

        var fiveMinutes = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring, Lifetime = TimeSpan.FromMinutes(5) }, _time);
        Assert.Equal(TokenForge.Start.AddMinutes(5), fiveMinutes.Issue("alice").ExpiresAt);

        // Sub-second clocks and lifetimes: ExpiresAt is exactly the token's exp, as the verifier reports it.
        _time.Advance(TimeSpan.FromMilliseconds(700));
        var odd = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring, Lifetime = TimeSpan.FromSeconds(500.5) }, _time).Issue("alice");
        var verifier = new StatelessTokenVerifier(new StatelessTokenVerifierOptions { Issuer = TokenForge.Issuer, Audiences = [TokenForge.Audience], Algorithms = ["ES256"], Keys = ring }, null, _time);
        Assert.Equal(odd.ExpiresAt, (await verifier.VerifyAsync(odd)).ExpiresAt);
    }

    [Fact]
    public void Issuer_refuses_keys_that_do_not_fit_the_algorithm()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = "p384" });
        var es256 = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "ES256", Keys = ring }, _time);
        Assert.Throws<InvalidOperationException>(() => es256.Issue("alice"));

        var weak = new SigningKeyRing(_time);
        weak.Add(new RsaSecurityKey(RSA.Create(1024)) { KeyId = "rsa-1024" });
        var rs256 = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "RS256", Keys = weak }, _time);
        Assert.Throws<InvalidOperationException>(() => rs256.Issue("alice"));

        Assert.Throws<ArgumentException>(() => new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = "none", Keys = ring }, _time));
    }
}

public sealed class TokenLifetimePlannerTests
{
    // The seed's table: 1,000,000 active sessions, each refreshing once per token lifetime.
    [Theory]
    [InlineData(24 * 3600, 11.574)]
    [InlineData(3600, 277.778)]
    [InlineData(15 * 60, 1111.111)]
    [InlineData(5 * 60, 3333.333)]
    [InlineData(60, 16666.667)]
    public void Refresh_rate_is_sessions_over_lifetime(int lifetimeSeconds, double expected)
    {
        Assert.Equal(expected, TokenLifetimePlanner.RefreshRate(1_000_000, TimeSpan.FromSeconds(lifetimeSeconds)), 3);
    }

    [Fact]
    public void Minimum_lifetime_is_sessions_over_capacity()
    {
        Assert.Equal(TimeSpan.FromSeconds(500), TokenLifetimePlanner.MinimumLifetime(1_000_000, 2_000));
        Assert.Equal(TimeSpan.FromMinutes(15), TokenLifetimePlanner.MinimumLifetime(1_000_000, 1_000_000 / 900.0));
        Assert.Equal(TimeSpan.Zero, TokenLifetimePlanner.MinimumLifetime(0, 10));
    }

    [Fact]
    public void Planner_round_trips_and_rejects_nonsense()
    {
        var ttl = TokenLifetimePlanner.MinimumLifetime(250_000, 400);
        Assert.Equal(400, TokenLifetimePlanner.RefreshRate(250_000, ttl), 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenLifetimePlanner.MinimumLifetime(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenLifetimePlanner.MinimumLifetime(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenLifetimePlanner.RefreshRate(1, TimeSpan.Zero));
    }
}
