using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Stateless.Runtime;

/// <summary>
/// Issues and rotates opaque refresh tokens (256 random bits, kept by the store only as a SHA-256 hash). Each token
/// rotates exactly once; presenting a spent token again is reuse, which revokes the token's whole family, the newest
/// token included, because either the client or a thief holds a copy.
/// </summary>
public sealed class RefreshTokenRotator
{
    private static readonly Action<ILogger, string, string, Exception?> s_reuseDetected = LoggerMessage.Define<string, string>(
        LogLevel.Warning, RuntimeEvents.RefreshTokenReuseDetected,
        "Refresh token reuse detected in family {FamilyId} of subject {Subject}: the family is revoked");

    private static readonly Action<ILogger, string, Exception?> s_familyRevoked = LoggerMessage.Define<string>(
        LogLevel.Information, RuntimeEvents.RefreshFamilyRevoked, "Refresh-token family {FamilyId} revoked");

    private static readonly Action<ILogger, int, Exception?> s_subjectRevoked = LoggerMessage.Define<int>(
        LogLevel.Information, RuntimeEvents.RefreshFamilyRevoked, "Revoked {Count} refresh-token families of one subject (log out everywhere)");

    private static readonly Action<ILogger, string, Exception?> s_storeUnavailable = LoggerMessage.Define<string>(
        LogLevel.Error, RuntimeEvents.StoreUnavailable, "Refresh-token store unavailable during {Operation}");

    private readonly IRefreshTokenStore _store;
    private readonly RefreshTokenOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a rotator over <paramref name="store"/>.</summary>
    public RefreshTokenRotator(IRefreshTokenStore store, RefreshTokenOptions options, TimeProvider? time = null)
        : this(store, options, time, null)
    {
    }

    /// <summary>Creates a rotator that also logs reuse detections and revocations to <paramref name="logger"/>.</summary>
    public RefreshTokenRotator(IRefreshTokenStore store, RefreshTokenOptions options, TimeProvider? time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Starts a new family for <paramref name="subject"/> (a login) and returns its first token.</summary>
    /// <exception cref="StoreUnavailableException">The store failed; nothing was issued.</exception>
    public async ValueTask<IssuedRefreshToken> IssueAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var now = _time.GetUtcNow();
        var familyId = RefreshTokenCodec.NewFamilyId();
        var token = RefreshTokenCodec.NewToken(familyId);
        var family = new RefreshTokenFamily
        {
            FamilyId = familyId,
            Subject = subject,
            CreatedAt = now,
            AbsoluteExpiresAt = now + _options.AbsoluteLifetime,
        };
        var expiresAt = Min(now + _options.Lifetime, family.AbsoluteExpiresAt);
        var record = new RefreshTokenRecord { TokenHash = RefreshTokenHasher.Hash(token), FamilyId = familyId, IssuedAt = now, ExpiresAt = expiresAt };

        await CallStoreAsync("issue", () => _store.CreateFamilyAsync(family, record, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new IssuedRefreshToken(token, familyId, expiresAt);
    }

    /// <summary>
    /// Spends <paramref name="presentedToken"/> and returns its successor, or says why not. Never throws for bad
    /// input; a store failure is <see cref="RefreshStatus.StoreUnavailable"/> (nothing rotated).
    /// </summary>
    public async ValueTask<RefreshResult> RotateAsync(string presentedToken, CancellationToken cancellationToken = default)
    {
        var result = await RotateCoreAsync(presentedToken, cancellationToken).ConfigureAwait(false);
        RuntimeTelemetry.Rotations.Add(1, RuntimeTelemetry.Outcome(result.Status.ToString()));
        return result;
    }

    private async ValueTask<RefreshResult> RotateCoreAsync(string presentedToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!RefreshTokenCodec.TryParse(presentedToken, out var familyId))
        {
            return new RefreshResult(RefreshStatus.Invalid);
        }

        var now = _time.GetUtcNow();
        var successor = RefreshTokenCodec.NewToken(familyId);
        var request = new RefreshRotationRequest
        {
            FamilyId = familyId,
            PresentedTokenHash = RefreshTokenHasher.Hash(presentedToken),
            Successor = new RefreshTokenRecord
            {
                TokenHash = RefreshTokenHasher.Hash(successor),
                FamilyId = familyId,
                IssuedAt = now,
                ExpiresAt = now + _options.Lifetime,
            },
            SealedSuccessor = _options.ReuseGracePeriod > TimeSpan.Zero ? RefreshTokenCodec.Seal(presentedToken, successor, familyId) : ReadOnlyMemory<byte>.Empty,
            Now = now,
            ReuseGracePeriod = _options.ReuseGracePeriod,
        };

        RefreshRotationResult outcome;
        try
        {
            outcome = await _store.RotateAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any store failure is reported as StoreUnavailable: fail closed, nothing rotated.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            s_storeUnavailable(_logger, "rotate", ex);
            return new RefreshResult(RefreshStatus.StoreUnavailable, familyId: familyId);
        }

        switch (outcome.Outcome)
        {
            case RefreshRotationOutcome.Rotated:
                return new RefreshResult(
                    RefreshStatus.Rotated,
                    new IssuedRefreshToken(successor, familyId, outcome.SuccessorExpiresAt ?? request.Successor.ExpiresAt),
                    outcome.Subject,
                    familyId);
            case RefreshRotationOutcome.GraceReplay:
                var previous = RefreshTokenCodec.Open(presentedToken, outcome.SealedSuccessor.Span, familyId);
                if (previous is not null && outcome.SuccessorExpiresAt is { } previousExpiresAt)
                {
                    return new RefreshResult(RefreshStatus.Rotated, new IssuedRefreshToken(previous, familyId, previousExpiresAt), outcome.Subject, familyId);
                }

                // The presented token is spent and its successor cannot be handed back (it was rotated without a grace
                // period, so nothing was sealed, or the store returned something else): that is reuse, whatever the
                // store concluded. Revoke the family here; if that fails, nothing is returned (fail closed).
                return await RevokeOnReuseAsync(familyId, outcome.Subject, now, cancellationToken).ConfigureAwait(false);
            case RefreshRotationOutcome.ReuseDetected:
                return ReuseDetected(familyId, outcome.Subject);
            case RefreshRotationOutcome.Expired:
                return new RefreshResult(RefreshStatus.Expired, subject: outcome.Subject, familyId: familyId);
            case RefreshRotationOutcome.Revoked:
                return new RefreshResult(RefreshStatus.Revoked, subject: outcome.Subject, familyId: familyId);
            default:
                return new RefreshResult(RefreshStatus.Invalid, familyId: familyId);
        }
    }

    private RefreshResult ReuseDetected(string familyId, string? subject)
    {
        RuntimeTelemetry.ReuseDetections.Add(1);
        RuntimeTelemetry.Revocations.Add(1, new KeyValuePair<string, object?>("kind", "family"));
        s_reuseDetected(_logger, familyId, subject ?? "?", null);
        return new RefreshResult(RefreshStatus.ReuseDetected, subject: subject, familyId: familyId);
    }

    private async ValueTask<RefreshResult> RevokeOnReuseAsync(string familyId, string? subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await _store.RevokeFamilyAsync(familyId, now, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The family could not be revoked: report the store as unavailable, hand out nothing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            s_storeUnavailable(_logger, "revoke family on reuse", ex);
            return new RefreshResult(RefreshStatus.StoreUnavailable, subject: subject, familyId: familyId);
        }

        return ReuseDetected(familyId, subject);
    }

    /// <summary>Revokes one family (one login): none of its tokens rotates again.</summary>
    /// <exception cref="StoreUnavailableException">The store failed; the family may not be revoked.</exception>
    public async ValueTask RevokeFamilyAsync(string familyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(familyId);
        var now = _time.GetUtcNow();
        bool revoked = false;
        await CallStoreAsync("revoke family", async () => revoked = await _store.RevokeFamilyAsync(familyId, now, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (revoked)
        {
            RuntimeTelemetry.Revocations.Add(1, new KeyValuePair<string, object?>("kind", "family"));
            s_familyRevoked(_logger, familyId, null);
        }
    }

    /// <summary>Revokes every family of <paramref name="subject"/>: "log out everywhere".</summary>
    /// <exception cref="StoreUnavailableException">The store failed; the families may not all be revoked.</exception>
    public async ValueTask RevokeSubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var now = _time.GetUtcNow();
        int count = 0;
        await CallStoreAsync("revoke subject", async () => count = await _store.RevokeSubjectAsync(subject, now, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        RuntimeTelemetry.Revocations.Add(1, new KeyValuePair<string, object?>("kind", "subject"));
        s_subjectRevoked(_logger, count, null);
    }

    private async ValueTask CallStoreAsync(string operation, Func<ValueTask> call, CancellationToken cancellationToken)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not ArgumentException)
        {
            s_storeUnavailable(_logger, operation, ex);
            throw new StoreUnavailableException($"The refresh-token store failed during {operation}.", ex);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
