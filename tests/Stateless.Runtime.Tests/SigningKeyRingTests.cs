using System;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

public sealed class SigningKeyRingTests
{
    private readonly FakeTimeProvider _time = new(TokenForge.Start);

    private StatelessTokenIssuer Issuer(SigningKeyRing ring, string alg = "ES256") =>
        new(new StatelessTokenIssuerOptions { Issuer = TokenForge.Issuer, Audience = TokenForge.Audience, Algorithm = alg, Keys = ring }, _time);

    private StatelessTokenVerifier Verifier(SigningKeyRing ring, string alg = "ES256") =>
        new(new StatelessTokenVerifierOptions { Issuer = TokenForge.Issuer, Audiences = [TokenForge.Audience], Algorithms = [alg], Keys = ring }, null, _time);

    private static ECDsaSecurityKey EcKey(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };

    [Fact]
    public void Add_requires_a_unique_kid()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(EcKey("a"));
        Assert.Throws<ArgumentException>(() => ring.Add(EcKey("a")));
        Assert.Throws<ArgumentException>(() => ring.Add(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256))));
        ring.Revoke("a");
        Assert.Throws<ArgumentException>(() => ring.Add(EcKey("a")));
    }

    [Fact]
    public void Empty_ring_has_no_signing_key()
    {
        var ring = new SigningKeyRing(_time);
        Assert.Throws<InvalidOperationException>(() => ring.CurrentSigningKey);
        Assert.Throws<KeyNotFoundException>(() => ring.Revoke("nope"));
        Assert.Throws<KeyNotFoundException>(() => ring.Retire("nope", _time.GetUtcNow()));
    }

    [Fact]
    public async Task Planned_rotation_publishes_ahead_switches_at_activeFrom_and_retires_with_overlap()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(EcKey("2030-01"));
        ring.Add(EcKey("2030-02"), activeFrom: _time.GetUtcNow().AddHours(1));
        var issuer = Issuer(ring);
        var verifier = Verifier(ring);

        // Published before it signs: both kids verify and are exported, the old one signs.
        Assert.Equal("2030-01", ring.CurrentSigningKey.KeyId);
        Assert.Equal(["2030-01", "2030-02"], ring.VerifyingKeyIds);
        Assert.Equal(2, ring.ExportPublicJwks().Keys.Count);
        _time.Advance(TimeSpan.FromMinutes(55));
        var oldToken = issuer.Issue("alice");

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("2030-02", ring.CurrentSigningKey.KeyId);
        var newToken = issuer.Issue("alice");
        Assert.Contains("\"kid\":\"2030-02\"", System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(newToken.Token.Split('.')[0])), StringComparison.Ordinal);

        // Retire the old key with an overlap of one token lifetime plus skew: its tokens keep verifying until then.
        ring.Retire("2030-01", _time.GetUtcNow().AddMinutes(16));
        Assert.Equal("2030-02", ring.CurrentSigningKey.KeyId);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TokenFailure.None, (await verifier.VerifyAsync(oldToken)).Failure);
        Assert.Equal(TokenFailure.None, (await verifier.VerifyAsync(newToken)).Failure);

        _time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(["2030-02"], ring.VerifyingKeyIds);
        Assert.Equal(TokenFailure.UnknownKey, (await verifier.VerifyAsync(oldToken)).Failure);
        Assert.Equal(TokenFailure.None, (await verifier.VerifyAsync(issuer.Issue("alice"))).Failure);
    }

    [Fact]
    public async Task Retired_key_stops_signing_at_once_and_verifies_until_the_window_ends()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(EcKey("old"));
        var issuer = Issuer(ring);
        var token = issuer.Issue("alice");
        ring.Add(EcKey("new"));
        ring.Retire("old", _time.GetUtcNow().AddMinutes(20));

        Assert.Equal("new", ring.CurrentSigningKey.KeyId);
        Assert.True((await Verifier(ring).VerifyAsync(token)).IsValid);
        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.True((await Verifier(ring).VerifyAsync(token)).IsValid);
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(TokenFailure.UnknownKey, (await Verifier(ring).VerifyAsync(token)).Failure);
    }

    [Fact]
    public async Task Revoked_key_stops_signing_and_verifying_at_once()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(EcKey("k"));
        var token = Issuer(ring).Issue("alice");
        ring.Revoke("k");

        Assert.Equal(TokenFailure.KeyRevoked, (await Verifier(ring).VerifyAsync(token)).Failure);
        Assert.Throws<InvalidOperationException>(() => ring.CurrentSigningKey);
        Assert.True(ring.IsRevoked("k"));
        Assert.Empty(ring.ExportPublicJwks().Keys);
    }

    [Fact]
    public void Export_public_jwks_holds_public_parts_only()
    {
        var ring = new SigningKeyRing(_time);
        using var rsa = RSA.Create(2048);
        ring.Add(EcKey("ec"));
        ring.Add(new RsaSecurityKey(rsa) { KeyId = "rsa" });
        ring.Add(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "hmac" });
        ring.Add(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(EcKey("jwk-ec")));

        var jwks = ring.ExportPublicJwks();
        var json = JsonSerializer.Serialize(jwks.Keys.Select(k => new { k.Kid, k.Kty, k.D, k.P, k.Q, k.DP, k.DQ, k.QI, k.K, k.X, k.Y, k.N, k.E }));

        Assert.Equal(["ec", "rsa", "jwk-ec"], jwks.Keys.Select(k => k.Kid));
        Assert.All(jwks.Keys, k =>
        {
            Assert.Null(k.D);
            Assert.Null(k.P);
            Assert.Null(k.Q);
            Assert.Null(k.DP);
            Assert.Null(k.DQ);
            Assert.Null(k.QI);
            Assert.Null(k.K);
            Assert.False(k.HasPrivateKey);
            Assert.Equal("sig", k.Use);
        });
        Assert.DoesNotContain("hmac", json, StringComparison.Ordinal);

        // Round trip: a verifier that only knows the exported JWKS accepts tokens of the original ring.
        var remote = new SigningKeyRing(_time);
        foreach (var key in jwks.Keys)
        {
            remote.Add(key);
        }

        Assert.Equal(3, remote.VerifyingKeyIds.Count);
    }

    [Fact]
    public void Export_public_jwks_holds_only_keys_the_ring_verifies_with_and_says_so_truthfully()
    {
        var ring = new SigningKeyRing(_time);
        using var weak = RSA.Create(1024);
        using var strong = RSA.Create(2048);
        ring.Add(new RsaSecurityKey(weak) { KeyId = "rsa-1024" });
        var encryption = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(EcKey("enc"));
        encryption.Use = "enc";
        ring.Add(encryption);
        var encryptOnly = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(EcKey("encrypt-ops"));
        encryptOnly.KeyOps.Add("encrypt");
        ring.Add(encryptOnly);
        var boundElsewhere = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(strong.ExportParameters(false)) { KeyId = "rsa-as-es256" });
        boundElsewhere.Alg = "ES256";
        ring.Add(boundElsewhere);
        var verifyOps = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(EcKey("verify-ops"));
        verifyOps.KeyOps.Add("sign");
        verifyOps.KeyOps.Add("verify");
        ring.Add(verifyOps);
        ring.Add(EcKey("plain"));

        foreach (var kid in new[] { "rsa-1024", "enc", "encrypt-ops" })
        {
            Assert.Null(ring.FindVerificationKey(kid, "RS256"));
            Assert.Null(ring.FindVerificationKey(kid, "ES256"));
        }

        Assert.Null(ring.FindVerificationKey("rsa-as-es256", "RS256"));
        var jwks = ring.ExportPublicJwks();
        Assert.Equal(["verify-ops", "plain"], jwks.Keys.Select(k => k.Kid));
        Assert.All(jwks.Keys, k => Assert.NotNull(ring.FindVerificationKey(k.Kid, k.Alg)));

        // key_ops kept, reduced to what a public key can do; use consistent with it (RFC 7517 §4.3).
        var withOps = jwks.Keys[0];
        Assert.Equal(["verify"], withOps.KeyOps);
        Assert.Equal("sig", withOps.Use);
        Assert.Empty(jwks.Keys[1].KeyOps);
        Assert.Equal("sig", jwks.Keys[1].Use);
        Assert.All(jwks.Keys, k => Assert.False(k.HasPrivateKey));
        Assert.DoesNotContain("\"d\"", JsonSerializer.Serialize(jwks), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifier_with_a_ring_built_from_exported_jwks_accepts_issued_tokens()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(EcKey("ec"));
        var token = Issuer(ring).Issue("alice", [new Claim("role", "admin"), new Claim("role", "ops"), new Claim("tenant", "t1")]);

        var remote = new SigningKeyRing(_time);
        foreach (var key in ring.ExportPublicJwks().Keys)
        {
            remote.Add(key);
        }

        var result = await Verifier(remote).VerifyAsync(token);
        Assert.True(result.IsValid, result.ToString());
        Assert.True(result.Principal!.IsInRole("admin"));
        Assert.True(result.Principal.IsInRole("ops"));
        Assert.Equal("t1", result.Principal.FindFirst("tenant")!.Value);
    }

    [Fact]
    public void Invalid_key_material_never_enters_the_ring()
    {
        var ring = new SigningKeyRing(_time);
        var offCurve = new JsonWebKey { Kty = "EC", Crv = "P-256", X = "04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY", Y = "UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgnw", Kid = "bad" };
        Assert.Throws<ArgumentException>(() => ring.Add(offCurve));
        Assert.Throws<ArgumentException>(() => ring.Add(new JsonWebKey { Kty = "OKP", Kid = "ed" }));
        Assert.Throws<ArgumentException>(() => ring.Add(new JsonWebKey { Kty = "oct", K = "", Kid = "empty" }));
    }

    [Fact]
    public async Task Concurrent_verification_during_rotation_and_revocation_is_consistent()
    {
        var ring = new SigningKeyRing(_time);
        ring.Add(EcKey("k0"));
        var issuer = Issuer(ring);
        var verifier = Verifier(ring);
        var stable = issuer.Issue("alice");
        using var cts = new CancellationTokenSource();
        int failures = 0;

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var result = await verifier.VerifyAsync(stable);
                if (!result.IsValid)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();

        for (int i = 1; i <= 200; i++)
        {
            ring.Add(EcKey("k" + i));
            ring.Revoke("k" + i);
            ring.Add(EcKey("x" + i), _time.GetUtcNow().AddDays(1));
            ring.Retire("x" + i, _time.GetUtcNow().AddDays(2));
        }

        cts.CancelAfter(200);
        await Task.WhenAll(readers);
        Assert.Equal(0, failures);
        Assert.Equal("k0", ring.CurrentSigningKey.KeyId);

        ring.Revoke("k0");
        Assert.Equal(TokenFailure.KeyRevoked, (await verifier.VerifyAsync(stable)).Failure);
    }
}
