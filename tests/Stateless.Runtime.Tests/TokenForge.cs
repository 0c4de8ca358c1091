using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>Builds tokens by hand, the way an attacker would: any header, any payload, any key, any algorithm.</summary>
internal static class TokenForge
{
    public const string Issuer = "https://issuer.example";
    public const string Audience = "api://orders";

    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    public static JsonObject Header(string alg, string? kid) =>
        kid is null ? new JsonObject { ["alg"] = alg } : new JsonObject { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT" };

    /// <summary>A payload with every required claim, valid at <paramref name="now"/> for 10 minutes.</summary>
    public static JsonObject Claims(DateTimeOffset now, string jti = "jti-1") => new()
    {
        ["iss"] = Issuer,
        ["sub"] = "alice",
        ["aud"] = Audience,
        ["exp"] = now.AddMinutes(10).ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["jti"] = jti,
    };

    public static string SigningInput(JsonNode header, JsonNode payload) =>
        B64(header.ToJsonString()) + "." + B64(payload.ToJsonString());

    public static string Sign(JsonNode header, JsonNode payload, Func<byte[], byte[]> sign)
    {
        var input = SigningInput(header, payload);
        return input + "." + B64(sign(Encoding.ASCII.GetBytes(input)));
    }

    public static Func<byte[], byte[]> Hmac(byte[] key, string alg) => data => alg switch
    {
        "HS256" => HMACSHA256.HashData(key, data),
        "HS384" => HMACSHA384.HashData(key, data),
        "HS512" => HMACSHA512.HashData(key, data),
        _ => throw new ArgumentException(alg),
    };

    public static Func<byte[], byte[]> Rsa(RSA rsa, string alg) => data => rsa.SignData(
        data,
        alg[2..] switch { "256" => HashAlgorithmName.SHA256, "384" => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 },
        alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);

    public static Func<byte[], byte[]> Ec(ECDsa ec, string alg) => data => ec.SignData(
        data,
        alg[2..] switch { "256" => HashAlgorithmName.SHA256, "384" => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 },
        DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}

/// <summary>A ring with one key of each family, a fake clock and verifiers pinned to each family.</summary>
internal sealed class Keys : IDisposable
{
    // Generating RSA keys is slow; every fixture imports the same one into its own instance.
    private static readonly RSAParameters s_rsa = CreateRsaParameters();

    private static RSAParameters CreateRsaParameters()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }

    public Keys()
    {
        Time = new FakeTimeProvider(TokenForge.Start);
        Ring = new SigningKeyRing(Time);
        Ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Rsa = RSA.Create();
        Rsa.ImportParameters(s_rsa);
        Secret = RandomNumberGenerator.GetBytes(32);
        Ring.Add(new ECDsaSecurityKey(Ec) { KeyId = "ec-1" });
        Ring.Add(new RsaSecurityKey(Rsa) { KeyId = "rsa-1" });
        Ring.Add(new SymmetricSecurityKey(Secret) { KeyId = "hmac-1" });
    }

    public FakeTimeProvider Time { get; }

    public SigningKeyRing Ring { get; }

    public ECDsa Ec { get; }

    public RSA Rsa { get; }

    public byte[] Secret { get; }

    public StatelessTokenVerifierOptions Options(params string[] algorithms) => new()
    {
        Issuer = TokenForge.Issuer,
        Audiences = [TokenForge.Audience],
        Algorithms = algorithms.Length == 0 ? ["ES256"] : algorithms,
        Keys = Ring,
    };

    public StatelessTokenVerifier Verifier(IJtiDenylist? denylist = null, params string[] algorithms) =>
        new(Options(algorithms), denylist, Time);

    public string Es256(JsonNode payload, string? kid = "ec-1") =>
        TokenForge.Sign(TokenForge.Header("ES256", kid), payload, TokenForge.Ec(Ec, "ES256"));

    public string Es256(JsonNode header, JsonNode payload) => TokenForge.Sign(header, payload, TokenForge.Ec(Ec, "ES256"));

    public JsonObject Claims(string jti = "jti-1") => TokenForge.Claims(Time.GetUtcNow(), jti);

    public void Dispose()
    {
        Ec.Dispose();
        Rsa.Dispose();
    }
}

internal sealed class ThrowingDenylist : IJtiDenylist
{
    public int Calls { get; private set; }

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("backend down");

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        Calls++;
        throw new TimeoutException("backend down");
    }
}

internal sealed class CountingDenylist : IJtiDenylist
{
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        _revoked.Add(tokenId);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        Calls++;
        return ValueTask.FromResult(_revoked.Contains(tokenId));
    }
}
