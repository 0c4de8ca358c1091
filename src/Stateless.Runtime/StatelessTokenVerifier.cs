using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Security.Cryptography;
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
/// Order of checks: length → structure and header (<c>alg</c> pinned, no <c>crit</c>, the required <c>typ</c>, <c>kid</c> present) → key by
/// <c>kid</c> (unknown, revoked) → key fits the algorithm → signature → claims present and well typed →
/// <c>exp</c> → <c>nbf</c>/<c>iat</c> → <c>iss</c> → <c>aud</c> → denylist. No claim is read before the signature verifies.
/// </remarks>
public sealed class StatelessTokenVerifier
{
    private readonly StatelessTokenVerifierOptions _options;
    private readonly JwsAlgorithm[] _pinned;
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
        _pinned = options.Validate().Values.ToArray();
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
        if (string.IsNullOrEmpty(token))
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        if (token.Length > _options.MaxTokenLength || token.Length > CompactJws.MaxSupportedLength)
        {
            return TokenVerificationResult.Fail(TokenFailure.TooLong);
        }

        var rented = ArrayPool<byte>.Shared.Rent(CompactJws.BufferSize(token.Length));
        var scratch = JsonScratch.Rent();
        try
        {
            var failure = CompactJws.Verify(token, _options.MaxTokenLength, _pinned, _options.RequiredType, _options.Keys, scratch.Names, rented, out var payload);
            if (failure != TokenFailure.None)
            {
                return TokenVerificationResult.Fail(failure);
            }

            var claims = scratch.Claims;
            scratch.Names.Reset();
            if (!claims.TryRead(rented.AsSpan(payload), scratch.Names, _audiences))
            {
                return TokenVerificationResult.Fail(TokenFailure.Malformed);
            }

            return CheckClaims(claims);
        }
        finally
        {
            JsonScratch.Return(scratch);

            // The buffer held the token's bytes (a bearer credential): none of them goes back to the shared pool.
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, CompactJws.BufferSize(token.Length)));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The claim checks, in the order the remarks give; <paramref name="claims"/> is a payload that was read successfully.</summary>
    private TokenVerificationResult CheckClaims(PayloadClaims claims)
    {
        if (!claims.Expires.Present || claims.AudienceKind is JsonValueKind.Undefined or JsonValueKind.Null
            || !claims.Issuer.Present || !claims.TokenId.Present || !claims.Subject.Present)
        {
            return TokenVerificationResult.Fail(TokenFailure.MissingClaim);
        }

        if (claims.Issuer.Value is not { } issuer || claims.TokenId.Value is not { } tokenId || claims.Subject.Value is not { } subject)
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        if (issuer.Length == 0 || tokenId.Length == 0 || subject.Length == 0)
        {
            return TokenVerificationResult.Fail(TokenFailure.MissingClaim);
        }

        if (claims.AudienceKind is not (JsonValueKind.String or JsonValueKind.Array) || claims.AudienceHasNonString || claims.AudienceHasUnreadable)
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        if (claims.AudienceCount == 0 || !claims.AudienceHasNonEmpty)
        {
            return TokenVerificationResult.Fail(TokenFailure.MissingClaim);
        }

        // A NumericDate (RFC 7519 §2) is a JSON number of seconds since the epoch. Absent is fine; any other type is not.
        if (!claims.Expires.Valid || (claims.NotBefore.Present && !claims.NotBefore.Valid) || (claims.IssuedAt.Present && !claims.IssuedAt.Valid))
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        // RFC 7519 §4.1.4: now must be before exp; the skew extends that by at most 5 minutes.
        var expires = claims.Expires.Value;
        var now = _time.GetUtcNow();
        if (now >= Add(expires, _skew))
        {
            return TokenVerificationResult.Fail(TokenFailure.Expired);
        }

        // RFC 7519 §4.1.5: now must be at or after nbf. An iat in the future is refused the same way.
        if ((claims.NotBefore.Present && Add(now, _skew) < claims.NotBefore.Value) || (claims.IssuedAt.Present && Add(now, _skew) < claims.IssuedAt.Value))
        {
            return TokenVerificationResult.Fail(TokenFailure.NotYetValid);
        }

        if (!string.Equals(issuer, _options.Issuer, StringComparison.Ordinal))
        {
            return TokenVerificationResult.Fail(TokenFailure.WrongIssuer);
        }

        if (!claims.AudienceMatches)
        {
            return TokenVerificationResult.Fail(TokenFailure.WrongAudience);
        }

        // Every check passed, but a claim string with an escaped lone surrogate cannot be given to the caller.
        if (claims.HasUnreadableString)
        {
            return TokenVerificationResult.Fail(TokenFailure.Malformed);
        }

        var principal = new ClaimsPrincipal(claims.BuildIdentity(issuer));
        return TokenVerificationResult.Success(principal, subject, tokenId, expires);
    }

    private static DateTimeOffset Add(DateTimeOffset instant, TimeSpan span) =>
        instant > DateTimeOffset.MaxValue - span ? DateTimeOffset.MaxValue : instant + span;
}
