using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime;

/// <summary>
/// Issues compact JWS access tokens that always carry <c>exp</c>, <c>iat</c>, <c>nbf</c>, <c>aud</c>, <c>iss</c>,
/// <c>jti</c> (128 random bits) and <c>sub</c>, with the signing key named in the <c>kid</c> header and the type in
/// <c>typ</c> (<c>at+jwt</c> unless <see cref="StatelessTokenIssuerOptions.Type"/> says otherwise). Signs with
/// Microsoft.IdentityModel's signature providers.
/// </summary>
public sealed class StatelessTokenIssuer
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal) { "exp", "iat", "nbf", "aud", "iss", "jti", "sub" };

    private readonly StatelessTokenIssuerOptions _options;
    private readonly JwsAlgorithm _algorithm;
    private readonly TimeProvider _time;

    /// <summary>Creates an issuer; throws <see cref="ArgumentException"/> for an unusable configuration.</summary>
    public StatelessTokenIssuer(StatelessTokenIssuerOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Audience);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Type);
        ArgumentNullException.ThrowIfNull(options.Keys);
        ClaimText.RequireValidUtf16(options.Issuer, "iss", nameof(options));
        ClaimText.RequireValidUtf16(options.Audience, "aud", nameof(options));
        ClaimText.RequireValidUtf16(options.Type, "typ", nameof(options));
        if (!JwsAlgorithm.TryGet(options.Algorithm, out var algorithm))
        {
            throw new ArgumentException($"'{options.Algorithm}' is not a supported JWS signature algorithm.", nameof(options));
        }

        if (options.Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Lifetime, "The token lifetime must be positive.");
        }

        _options = options;
        _algorithm = algorithm;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Issues a token for <paramref name="subject"/> with optional extra claims (registered claims among them are
    /// ignored: the issuer sets those). A claim's <see cref="Claim.ValueType"/> decides its JSON: integer types
    /// (<see cref="ClaimValueTypes.Integer"/> of any size; Integer32/64, UInteger32/64 within their range) and integer
    /// literals of <see cref="ClaimValueTypes.Double"/> are written digit for digit, other doubles as the nearest double,
    /// booleans as <c>true</c>/<c>false</c>, anything else as a string.
    /// </summary>
    /// <exception cref="ArgumentException">The subject, a claim type or a claim value is not valid UTF-16 (a lone
    /// surrogate); a number is not finite (NaN, infinity, beyond the double range) or not of its declared integer type.
    /// The message names the claim.</exception>
    /// <exception cref="InvalidOperationException">The ring has no active key, or the current key does not fit the algorithm
    /// (wrong type or curve, RSA below 2048 bits, HMAC below 256 bits).</exception>
    public IssuedAccessToken Issue(string subject, IEnumerable<Claim>? claims = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ClaimText.RequireValidUtf16(subject, "sub", nameof(subject));
        var entry = _options.Keys.CurrentEntry()
            ?? throw new InvalidOperationException("The signing key ring holds no active key.");
        if (entry.Material.Misfit(_algorithm) is { } reason)
        {
            throw new InvalidOperationException($"The current signing key '{entry.KeyId}' cannot sign {_algorithm.Name}: {reason}.");
        }

        var now = _time.GetUtcNow();
        var issuedAt = now.ToUnixTimeSeconds();
        // NumericDate is whole seconds here, and ExpiresAt is exactly the exp the token carries.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.FromUnixTimeSeconds(issuedAt) + _options.Lifetime).ToUnixTimeSeconds());
        var tokenId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

        var header = Json(writer =>
        {
            writer.WriteString("alg", _algorithm.Name);
            writer.WriteString("kid", entry.KeyId);
            writer.WriteString("typ", _options.Type);
        });

        var payload = Json(writer =>
        {
            writer.WriteString("iss", _options.Issuer);
            writer.WriteString("sub", subject);
            writer.WriteString("aud", _options.Audience);
            writer.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            writer.WriteNumber("nbf", issuedAt);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteString("jti", tokenId);
            if (claims is not null)
            {
                WriteExtraClaims(writer, claims);
            }
        });

        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = Sign(entry.Key, Encoding.ASCII.GetBytes(signingInput));
        return new IssuedAccessToken(signingInput + "." + Base64Url.EncodeToString(signature), tokenId, expiresAt);
    }

    private byte[] Sign(SecurityKey key, byte[] input)
    {
        var factory = key.CryptoProviderFactory ?? CryptoProviderFactory.Default;
        var provider = factory.CreateForSigning(key, _algorithm.Name);
        try
        {
            return provider.Sign(input);
        }
        finally
        {
            factory.ReleaseSignatureProvider(provider);
        }
    }

    private static void WriteExtraClaims(Utf8JsonWriter writer, IEnumerable<Claim> claims)
    {
        var grouped = new Dictionary<string, List<Claim>>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            if (claim is null || s_reserved.Contains(claim.Type))
            {
                continue;
            }

            ClaimText.RequireValidClaimType(claim.Type, nameof(claims));
            ClaimText.RequireValidUtf16(claim.Value, claim.Type, nameof(claims));

            if (!grouped.TryGetValue(claim.Type, out var list))
            {
                grouped[claim.Type] = list = new List<Claim>();
            }

            list.Add(claim);
        }

        foreach (var (type, list) in grouped)
        {
            writer.WritePropertyName(type);
            if (list.Count > 1)
            {
                writer.WriteStartArray();
            }

            foreach (var claim in list)
            {
                WriteClaimValue(writer, claim);
            }

            if (list.Count > 1)
            {
                writer.WriteEndArray();
            }
        }
    }

    private static void WriteClaimValue(Utf8JsonWriter writer, Claim claim)
    {
        switch (claim.ValueType)
        {
            case ClaimValueTypes.Integer or ClaimValueTypes.Integer32 or ClaimValueTypes.Integer64 or ClaimValueTypes.UInteger32 or ClaimValueTypes.UInteger64:
                writer.WriteRawValue(ClaimText.Integer(claim, "claims"));
                break;
            case ClaimValueTypes.Double when ClaimText.TryExactInteger(claim.Value, out var digits):
                writer.WriteRawValue(digits);
                break;
            case ClaimValueTypes.Double:
                writer.WriteNumberValue(ClaimText.FiniteDouble(claim, "claims"));
                break;
            case ClaimValueTypes.Boolean when bool.TryParse(claim.Value, out bool flag):
                writer.WriteBooleanValue(flag);
                break;
            default:
                writer.WriteStringValue(claim.Value);
                break;
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
