using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Stateless.Runtime;

/// <summary>
/// The embedded <see cref="IJtiDenylist"/>: one process's list, for a single replica, tests and development. With
/// more than one replica use a shared backend (<c>RedisJtiDenylist</c>), or a token revoked on one replica is
/// still accepted by the others.
/// </summary>
/// <remarks>
/// Each entry is kept until the token's <c>exp</c> plus <see cref="StatelessTokenDefaults.MaxClockSkew"/>, then
/// disappears: entries wait in a min-heap ordered by that instant, and every call purges the entries that are due
/// (no timer, no thread per entry), so memory is bounded by the revocations that still matter. Lookups are
/// lock-free; writes and purges take one short lock.
/// </remarks>
public sealed class InMemoryJtiDenylist : IJtiDenylist
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _retainUntil = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiry = new();
    private readonly object _expiryLock = new();

    /// <summary>Creates an empty list judged by <paramref name="time"/> (default <see cref="TimeProvider.System"/>).</summary>
    public InMemoryJtiDenylist(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Entries currently held (revoked and not yet past their retention).</summary>
    public int Count => _retainUntil.Count;

    /// <inheritdoc />
    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        var until = expiresAt >= DateTimeOffset.MaxValue - StatelessTokenDefaults.MaxClockSkew
            ? DateTimeOffset.MaxValue
            : expiresAt + StatelessTokenDefaults.MaxClockSkew;

        lock (_expiryLock)
        {
            Purge(now);
            if (until > now)
            {
                var kept = _retainUntil.AddOrUpdate(tokenId, until, (_, existing) => existing > until ? existing : until);
                if (kept == until)
                {
                    _expiry.Enqueue(tokenId, until);
                }
            }
        }

        RuntimeTelemetry.Revocations.Add(1, new KeyValuePair<string, object?>("kind", "jti"));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        bool revoked = _retainUntil.TryGetValue(tokenId, out var until) && until > now;

        // Purge opportunistically; a busy writer is already purging.
        if (Monitor.TryEnter(_expiryLock))
        {
            try
            {
                Purge(now);
            }
            finally
            {
                Monitor.Exit(_expiryLock);
            }
        }

        return ValueTask.FromResult(revoked);
    }

    /// <summary>Removes every entry whose retention has ended. Called under <see cref="_expiryLock"/>.</summary>
    private void Purge(DateTimeOffset now)
    {
        while (_expiry.TryPeek(out var tokenId, out var until) && until <= now)
        {
            _expiry.Dequeue();

            // Remove only if the entry was not extended by a later revocation of the same id.
            _retainUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(tokenId, until));
        }
    }
}
