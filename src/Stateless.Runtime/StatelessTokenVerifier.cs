using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Stateless.Runtime;

/// <summary>
/// Verifies compact JWS access tokens with no per-session state in the process: the algorithm is pinned by the
/// options, the key is chosen by <c>kid</c> from a <see cref="SigningKeyRing"/>, <c>exp</c>/<c>aud</c>/<c>iss</c>/<c>jti</c>/<c>sub</c>
/// are required, and the shared <see cref="IJtiDenylist"/> is consulted last. Every refusal is one
/// <see cref="TokenFailure"/>; bad input never throws.
/// </summary>
/// <remarks>
/// Order of checks: length → structure and header (<c>alg</c> pinned, no <c>crit</c>, <c>kid</c> present) → key by
/// <c>kid</c> (unknown, revoked) → key fits the algorithm → signature → claims present and well typed →
/// <c>exp</c> → <c>nbf</c>/<c>iat</c> → <c>iss</c> → <c>aud</c> → denylist. No claim is read before the signature verifies.
/// </remarks>
public sealed class StatelessTokenVerifier
{
    private readonly StatelessTokenVerifierOptions _options;
    private readonly IReadOnlyDictionary<string, JwsAlgorithm> _pinned;
    private readonly HashSet<string> _audiences;
    private readonly TimeSpan _skew;
    private readonly IJtiDenylist? _denylist;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier; throws <see cref="ArgumentException"/> when the options are unusable (no algorithm, <c>none</c>, mixed families, ...).</summary>
    /// <param name="options">What to accept.</param>
    /// <param name="denylist">The shared jti denylist; null skips that check (tokens then live until <c>exp</c>).</param>
    /// <param name="time">The clock (default <see cref="TimeProvider.System"/>).</param>
    public StatelessTokenVerifier(StatelessTokenVerifierOptions options, IJtiDenylist? denylist = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pinned = options.Validate();
        _options = options;
        _audiences = new HashSet<string>(options.Audiences, StringComparer.Ordinal);
        _skew = options.EffectiveClockSkew;
        _denylist = denylist;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The options this verifier was built from.</summary>
    public StatelessTokenVerifierOptions Options => _options;

    /// <summary>Verifies <paramref name="token"/>. Throws only <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async ValueTask<TokenVerificationResult> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = Check(token);
        if (result.IsValid && _denylist is not null)
        {
            result = await CheckDenylistAsync(result, cancellationToken).ConfigureAwait(false);
        }

        RuntimeTelemetry.Verifications.Add(1, RuntimeTelemetry.Outcome(result.Failure.ToString()));
        return result;
    }

    private async ValueTask<TokenVerificationResult> CheckDenylistAsync(TokenVerificationResult result, CancellationToken cancellationToken)
    {
        bool revoked;
        try
        {
            revoked = await _denylist!.IsRevokedAsync(result.TokenId!, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of the store means "cannot tell": fail closed.
        catch (Exception)
#pragma warning restore CA1031
        {
            return TokenVerificationResult.Fail(TokenFailure.StoreUnavailable, result.TokenId);
        }

        return revoked ? TokenVerificationResult.Fail(TokenFailure.Revoked, result.TokenId) : result;
    }

    private TokenVerificationResult Check(string token)
    {
        var failure = CompactJws.Verify(token, _options.MaxTokenLength, _pinned, _options.Keys, out var payload);
        if (failure != TokenFailure.None)
        {
            return TokenVerificationResult.Fail(failure);
        }

        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        try
        {
            using var document = JsonDocument.Parse(payload, CompactJws.JsonOptions);
            return CheckClaims(document.RootElement);
        }
        catch (JsonException)
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }
    }

    private TokenVerificationResult CheckClaims(JsonElement claims)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        // Names as UTF-8 literals: JsonElement looks properties up by their UTF-8 bytes, so nothing is transcoded per lookup.
        if (!Present(claims, "exp"u8) || !Present(claims, "aud"u8) || !Present(claims, "iss"u8) || !Present(claims, "jti"u8) || !Present(claims, "sub"u8))
        {
            return TokenVerificationResult.Fail(TokenFailure.MissingClaim);
        }

        if (!TryGetString(claims, "iss"u8, out var issuer) || !TryGetString(claims, "jti"u8, out var tokenId) || !TryGetString(claims, "sub"u8, out var subject))
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        if (issuer.Length == 0 || tokenId.Length == 0 || subject.Length == 0)
        {
            return TokenVerificationResult.Fail(TokenFailure.MissingClaim);
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
                    return TokenVerificationResult.Fail(TokenFailure.Malformed);
                }

                audiences.Add(item.GetString()!);
            }
        }
        else
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        if (audiences.Count == 0 || audiences.TrueForAll(string.IsNullOrEmpty))
        {
            return TokenVerificationResult.Fail(TokenFailure.MissingClaim);
        }

        if (!TryGetNumericDate(claims, "exp"u8, out var expires, out _)
            || !TryGetNumericDate(claims, "nbf"u8, out var notBefore, out bool hasNotBefore)
            || !TryGetNumericDate(claims, "iat"u8, out var issuedAt, out bool hasIssuedAt))
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        // RFC 7519 §4.1.4: now must be before exp; the skew extends that by at most 5 minutes.
        var now = _time.GetUtcNow();
        if (now >= Add(expires, _skew))
        {
            return TokenVerificationResult.Fail(TokenFailure.Expired);
        }

        // RFC 7519 §4.1.5: now must be at or after nbf. An iat in the future is refused the same way.
        if ((hasNotBefore && Add(now, _skew) < notBefore) || (hasIssuedAt && Add(now, _skew) < issuedAt))
        {
            return TokenVerificationResult.Fail(TokenFailure.NotYetValid);
        }

        if (!string.Equals(issuer, _options.Issuer, StringComparison.Ordinal))
        {
            return TokenVerificationResult.Fail(TokenFailure.WrongIssuer);
        }

        if (!audiences.Exists(_audiences.Contains))
        {
            return TokenVerificationResult.Fail(TokenFailure.WrongAudience);
        }

        // Claims are created with the identity as their subject: ClaimsIdentity copies every claim whose subject is another identity.
        var identity = new ClaimsIdentity("Stateless", "sub", "role");
        AddClaims(identity, claims, issuer);
        var principal = new ClaimsPrincipal(identity);
        return TokenVerificationResult.Success(principal, subject, tokenId, expires);
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

    /// <summary>A NumericDate (RFC 7519 §2): a JSON number of seconds since the epoch. Absent is fine; any other type is not.</summary>
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

        const double MinSeconds = -62135596800d; // 0001-01-01
        const double MaxSeconds = 253402300799d; // 9999-12-31T23:59:59
        value = seconds <= MinSeconds ? DateTimeOffset.MinValue
            : seconds >= MaxSeconds ? DateTimeOffset.MaxValue
            : DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    private static void AddClaims(ClaimsIdentity identity, JsonElement claims, string issuer)
    {
        foreach (var property in claims.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    AddClaim(identity, property.Name, item, issuer);
                }
            }
            else
            {
                AddClaim(identity, property.Name, property.Value, issuer);
            }
        }
    }

    private static void AddClaim(ClaimsIdentity identity, string type, JsonElement value, string issuer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                identity.AddClaim(new Claim(type, value.GetString()!, ClaimValueTypes.String, issuer, issuer, identity));
                break;
            case JsonValueKind.Number:
                identity.AddClaim(new Claim(type, value.GetRawText(), value.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double, issuer, issuer, identity));
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                identity.AddClaim(new Claim(type, value.ValueKind == JsonValueKind.True ? "true" : "false", ClaimValueTypes.Boolean, issuer, issuer, identity));
                break;
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                identity.AddClaim(new Claim(type, value.GetRawText(), "JSON", issuer, issuer, identity));
                break;
            default:
                break;
        }
    }
}
