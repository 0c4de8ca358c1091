using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Stateless.Runtime;

/// <summary>
/// The embedded <see cref="IRefreshTokenStore"/>: one process's families, for a single replica, tests and
/// development. Every operation runs under one lock, which makes <see cref="RotateAsync"/> the single atomic
/// rotate-and-check step the contract asks for. Families are dropped a while after their absolute lifetime has passed,
/// spent records once their own lifetime has passed, so memory is bounded by live families (plus
/// <see cref="RetentionAfterExpiry"/>).
/// </summary>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, FamilyState> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _subjects = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _familyExpiry = new();

    /// <summary>
    /// How long a family is remembered after its absolute lifetime ends, so its tokens are reported as
    /// <see cref="RefreshStatus.Expired"/> rather than unknown for a while. Memory stays bounded by the families
    /// started within the absolute lifetime plus this.
    /// </summary>
    public static readonly TimeSpan RetentionAfterExpiry = TimeSpan.FromDays(7);

    /// <summary>Creates an empty store.</summary>
    public InMemoryRefreshTokenStore()
    {
    }

    /// <summary>Families currently held (live, or revoked but not yet past their absolute lifetime).</summary>
    public int FamilyCount
    {
        get
        {
            lock (_gate)
            {
                return _families.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask CreateFamilyAsync(RefreshTokenFamily family, RefreshTokenRecord firstToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(firstToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (!string.Equals(family.FamilyId, firstToken.FamilyId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The first token belongs to another family.", nameof(firstToken));
        }

        lock (_gate)
        {
            Purge(family.CreatedAt);
            if (_families.ContainsKey(family.FamilyId))
            {
                throw new ArgumentException($"Family '{family.FamilyId}' already exists.", nameof(family));
            }

            var state = new FamilyState(family);
            state.Tokens[firstToken.TokenHash] = new TokenState(Min(firstToken.ExpiresAt, family.AbsoluteExpiresAt));
            state.CurrentHash = firstToken.TokenHash;
            _families[family.FamilyId] = state;
            if (!_subjects.TryGetValue(family.Subject, out var ids))
            {
                _subjects[family.Subject] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(family.FamilyId);
            _familyExpiry.Enqueue(family.FamilyId, family.AbsoluteExpiresAt + RetentionAfterExpiry);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<RefreshRotationResult> RotateAsync(RefreshRotationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(RotateLocked(request));
        }
    }

    private RefreshRotationResult RotateLocked(RefreshRotationRequest request)
    {
        var now = request.Now;
        Purge(now);
        if (!_families.TryGetValue(request.FamilyId, out var family) || !family.Tokens.TryGetValue(request.PresentedTokenHash, out var token))
        {
            return new RefreshRotationResult { Outcome = RefreshRotationOutcome.NotFound };
        }

        string subject = family.Family.Subject;
        if (now >= family.Family.AbsoluteExpiresAt)
        {
            return new RefreshRotationResult { Outcome = RefreshRotationOutcome.Expired, Subject = subject };
        }

        if (token.SpentAt is { } spentAt)
        {
            if (!family.Revoked
                && request.ReuseGracePeriod > TimeSpan.Zero
                && token.SealedSuccessor.Length > 0
                && now - spentAt <= request.ReuseGracePeriod
                && string.Equals(family.CurrentHash, token.SuccessorHash, StringComparison.Ordinal)
                && family.Tokens.TryGetValue(token.SuccessorHash!, out var successorState)
                && now < successorState.ExpiresAt)
            {
                return new RefreshRotationResult
                {
                    Outcome = RefreshRotationOutcome.GraceReplay,
                    Subject = subject,
                    SuccessorExpiresAt = successorState.ExpiresAt,
                    SealedSuccessor = token.SealedSuccessor,
                };
            }

            family.Revoked = true;
            return new RefreshRotationResult { Outcome = RefreshRotationOutcome.ReuseDetected, Subject = subject };
        }

        if (family.Revoked)
        {
            return new RefreshRotationResult { Outcome = RefreshRotationOutcome.Revoked, Subject = subject };
        }

        if (now >= token.ExpiresAt)
        {
            return new RefreshRotationResult { Outcome = RefreshRotationOutcome.Expired, Subject = subject };
        }

        // Current: spend it and make the successor current, in this one step.
        var successorExpiresAt = Min(request.Successor.ExpiresAt, family.Family.AbsoluteExpiresAt);
        token.SpentAt = now;
        token.SuccessorHash = request.Successor.TokenHash;
        token.SealedSuccessor = request.SealedSuccessor.ToArray();
        family.Tokens[request.Successor.TokenHash] = new TokenState(successorExpiresAt);
        family.CurrentHash = request.Successor.TokenHash;
        family.DropExpiredSpent(now);
        return new RefreshRotationResult { Outcome = RefreshRotationOutcome.Rotated, Subject = subject, SuccessorExpiresAt = successorExpiresAt };
    }

    /// <inheritdoc />
    public ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(familyId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Purge(now);
            if (!_families.TryGetValue(familyId, out var family))
            {
                return ValueTask.FromResult(false);
            }

            family.Revoked = true;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> RevokeSubjectAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Purge(now);
            int count = 0;
            if (_subjects.TryGetValue(subject, out var ids))
            {
                foreach (var id in ids)
                {
                    if (_families.TryGetValue(id, out var family) && !family.Revoked)
                    {
                        family.Revoked = true;
                        count++;
                    }
                }
            }

            return ValueTask.FromResult(count);
        }
    }

    private void Purge(DateTimeOffset now)
    {
        while (_familyExpiry.TryPeek(out var familyId, out var expiresAt) && expiresAt <= now)
        {
            _familyExpiry.Dequeue();
            if (_families.Remove(familyId, out var family) && _subjects.TryGetValue(family.Family.Subject, out var ids))
            {
                ids.Remove(familyId);
                if (ids.Count == 0)
                {
                    _subjects.Remove(family.Family.Subject);
                }
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed class FamilyState(RefreshTokenFamily family)
    {
        public RefreshTokenFamily Family { get; } = family;

        public Dictionary<string, TokenState> Tokens { get; } = new(StringComparer.Ordinal);

        public string? CurrentHash { get; set; }

        public bool Revoked { get; set; }

        public void DropExpiredSpent(DateTimeOffset now)
        {
            List<string>? expired = null;
            foreach (var (hash, token) in Tokens)
            {
                if (token.SpentAt is not null && token.ExpiresAt <= now)
                {
                    (expired ??= new List<string>()).Add(hash);
                }
            }

            if (expired is not null)
            {
                foreach (var hash in expired)
                {
                    Tokens.Remove(hash);
                }
            }
        }
    }

    private sealed class TokenState(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public DateTimeOffset? SpentAt { get; set; }

        public string? SuccessorHash { get; set; }

        public byte[] SealedSuccessor { get; set; } = Array.Empty<byte>();
    }
}
