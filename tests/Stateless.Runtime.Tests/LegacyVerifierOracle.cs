using System.Security.Claims;
using System.Text.Json;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>
/// The verifier's previous JSON handling (JsonDocument with duplicate properties refused), kept as the reference the
/// Utf8JsonReader-based verifier is compared with: same failure for every header and payload, and for a valid token
/// the same claims in the same order. Test code only; where the previous code threw (an escaped lone surrogate), the
/// exception comes out of here too.
/// </summary>
internal static class LegacyVerifierOracle
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
        AllowDuplicateProperties = false,
    };

    /// <summary>The header checks: Malformed, AlgorithmNotAllowed, UnknownKey, or None with the kid.</summary>
    public static TokenFailure CheckHeader(byte[] header, IReadOnlyCollection<string> pinned, out string? kid)
    {
        kid = null;
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            return TokenFailure.Malformed;
        }

        try
        {
            using var document = JsonDocument.Parse(header, s_options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("alg"u8, out var alg) || alg.ValueKind != JsonValueKind.String)
            {
                return TokenFailure.Malformed;
            }

            if (!pinned.Contains(alg.GetString()!))
            {
                return TokenFailure.AlgorithmNotAllowed;
            }

            if (root.TryGetProperty("crit"u8, out _))
            {
                return TokenFailure.Malformed;
            }

            if (!root.TryGetProperty("kid"u8, out var kidElement) || kidElement.ValueKind != JsonValueKind.String || kidElement.GetString() is not { Length: > 0 } value)
            {
                return TokenFailure.UnknownKey;
            }

            kid = value;
            return TokenFailure.None;
        }
        catch (JsonException)
        {
            return TokenFailure.Malformed;
        }
    }

    /// <summary>The claim checks of a payload whose signature verified, and the claims a valid one gives.</summary>
    public static TokenFailure CheckPayload(byte[] payload, DateTimeOffset now, TimeSpan skew, string expectedIssuer, ICollection<string> audiences, out List<Claim> claims)
    {
        claims = [];
        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            return TokenFailure.Malformed;
        }

        try
        {
            using var document = JsonDocument.Parse(payload, s_options);
            return CheckClaims(document.RootElement, now, skew, expectedIssuer, audiences, claims);
        }
        catch (JsonException)
        {
            return TokenFailure.Malformed;
        }
    }

    private static TokenFailure CheckClaims(JsonElement claims, DateTimeOffset now, TimeSpan skew, string expectedIssuer, ICollection<string> accepted, List<Claim> result)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return TokenFailure.Malformed;
        }

        if (!Present(claims, "exp"u8) || !Present(claims, "aud"u8) || !Present(claims, "iss"u8) || !Present(claims, "jti"u8) || !Present(claims, "sub"u8))
        {
            return TokenFailure.MissingClaim;
        }

        if (!TryGetString(claims, "iss"u8, out var issuer) || !TryGetString(claims, "jti"u8, out var tokenId) || !TryGetString(claims, "sub"u8, out var subject))
        {
            return TokenFailure.Malformed;
        }

        if (issuer.Length == 0 || tokenId.Length == 0 || subject.Length == 0)
        {
            return TokenFailure.MissingClaim;
        }

        var audiences = new List<string>();
        var aud = claims.GetProperty("aud"u8);
        if (aud.ValueKind == JsonValueKind.String)
        {
            audiences.Add(aud.GetString()!);
        }
        else if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return TokenFailure.Malformed;
                }

                audiences.Add(item.GetString()!);
            }
        }
        else
        {
            return TokenFailure.Malformed;
        }

        if (audiences.Count == 0 || audiences.TrueForAll(string.IsNullOrEmpty))
        {
            return TokenFailure.MissingClaim;
        }

        if (!TryGetNumericDate(claims, "exp"u8, out var expires, out _)
            || !TryGetNumericDate(claims, "nbf"u8, out var notBefore, out bool hasNotBefore)
            || !TryGetNumericDate(claims, "iat"u8, out var issuedAt, out bool hasIssuedAt))
        {
            return TokenFailure.Malformed;
        }

        if (now >= Add(expires, skew))
        {
            return TokenFailure.Expired;
        }

        if ((hasNotBefore && Add(now, skew) < notBefore) || (hasIssuedAt && Add(now, skew) < issuedAt))
        {
            return TokenFailure.NotYetValid;
        }

        if (!string.Equals(issuer, expectedIssuer, StringComparison.Ordinal))
        {
            return TokenFailure.WrongIssuer;
        }

        if (!audiences.Exists(accepted.Contains))
        {
            return TokenFailure.WrongAudience;
        }

        foreach (var property in claims.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    AddClaim(result, property.Name, item, issuer);
                }
            }
            else
            {
                AddClaim(result, property.Name, property.Value, issuer);
            }
        }

        return TokenFailure.None;
    }

    private static DateTimeOffset Add(DateTimeOffset instant, TimeSpan span) =>
        instant > DateTimeOffset.MaxValue - span ? DateTimeOffset.MaxValue : instant + span;

    private static bool Present(JsonElement claims, ReadOnlySpan<byte> name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static bool TryGetString(JsonElement claims, ReadOnlySpan<byte> name, out string value)
    {
        var element = claims.GetProperty(name);
        value = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        return element.ValueKind == JsonValueKind.String;
    }

    private static bool TryGetNumericDate(JsonElement claims, ReadOnlySpan<byte> name, out DateTimeOffset value, out bool present)
    {
        value = default;
        present = claims.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null;
        if (!present)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double seconds) || double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            return false;
        }

        // A NumericDate outside 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z is malformed now (the previous code clamped it).
        const double MinSeconds = -62135596800d;
        const double MaxSeconds = 253402300799d;
        if (seconds < MinSeconds || seconds > MaxSeconds)
        {
            return false;
        }

        value = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    private static void AddClaim(List<Claim> claims, string type, JsonElement value, string issuer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                claims.Add(new Claim(type, value.GetString()!, ClaimValueTypes.String, issuer, issuer));
                break;
            case JsonValueKind.Number:
                claims.Add(new Claim(type, value.GetRawText(), value.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double, issuer, issuer));
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                claims.Add(new Claim(type, value.ValueKind == JsonValueKind.True ? "true" : "false", ClaimValueTypes.Boolean, issuer, issuer));
                break;
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                claims.Add(new Claim(type, value.GetRawText(), "JSON", issuer, issuer));
                break;
        }
    }
}
