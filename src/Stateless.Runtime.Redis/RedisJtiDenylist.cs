using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis;

/// <summary>
/// <see cref="IJtiDenylist"/> on a Redis server shared by every replica: one key per revoked <c>jti</c>
/// (<c>&lt;prefix&gt;jti:&lt;jti&gt;</c>) that expires by itself once the token could no longer be accepted, so the list
/// holds only the revocations that still matter and needs no purge job.
/// </summary>
/// <remarks>
/// <para><b>Write.</b> <see cref="RevokeAsync"/> runs one small script that sets the key to its retention end (the token's
/// <c>exp</c> plus <see cref="StatelessTokenDefaults.MaxClockSkew"/>) with a matching <c>PX</c> expiry, unless the key
/// already holds a later end: revoking twice never shortens an entry. The expiry is a duration measured on this
/// instance's <see cref="TimeProvider"/>, so a clock difference between the application and the Redis host neither
/// shortens nor lengthens it.</para>
/// <para><b>Read.</b> <see cref="IsRevokedAsync"/> is one <c>GET</c> with <see cref="CommandFlags.DemandMaster"/>: on the
/// primary only, never a replica, which may not have the revocation yet (or ever, when replication broke). With the
/// primary unreachable it throws, even while a replica answers. Present and not past its retention end means revoked.</para>
/// <para><b>Fail closed.</b> A connection failure or timeout surfaces as <see cref="StoreUnavailableException"/>; the
/// verifier reports <see cref="TokenFailure.StoreUnavailable"/>, never "not revoked". Give the multiplexer short
/// timeouts (<c>connectTimeout</c>, <c>asyncTimeout</c>) so a request fails in about that long rather than waiting.</para>
/// </remarks>
public sealed class RedisJtiDenylist : IJtiDenylist
{
    private static readonly RedisScript s_revoke = new(RedisTime.LuaHelpers + """
        local current = redis.call('GET', KEYS[1])
        if current and string.len(current) == 19 and not before(current, ARGV[1]) then
          return 0
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return 1
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeyLayout _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates a denylist on <paramref name="redis"/> under <paramref name="keyPrefix"/>.</summary>
    /// <param name="redis">The shared connection (one per process).</param>
    /// <param name="keyPrefix">Prefix of every key (default <c>stateless:</c>); must not contain <c>{</c> or <c>}</c>.</param>
    /// <param name="time">The clock that judges retention (default <see cref="TimeProvider.System"/>).</param>
    public RedisJtiDenylist(IConnectionMultiplexer redis, string keyPrefix = RedisKeyLayout.DefaultPrefix, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _keys = new RedisKeyLayout(keyPrefix);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The Redis key that holds the entry for <paramref name="tokenId"/>.</summary>
    public RedisKey KeyFor(string tokenId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        return _keys.Jti(tokenId);
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">Redis did not confirm the write.</exception>
    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        var until = RedisTime.AddSaturating(expiresAt, StatelessTokenDefaults.MaxClockSkew);
        long ttl = RedisTime.MillisecondsUntil(until, now);
        if (ttl <= 0)
        {
            return; // The token could no longer be accepted anywhere: nothing to remember.
        }

        RedisKey[] keys = [_keys.Jti(tokenId)];
        RedisValue[] values = [RedisTime.Encode(until), ttl];
        try
        {
            await s_revoke.EvaluateAsync(_redis.GetDatabase(), keys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw new StoreUnavailableException("Redis did not confirm the revocation; it may not have happened.", ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="StoreUnavailableException">Redis could not answer (fail closed).</exception>
    public async ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue value;
        try
        {
            value = await _redis.GetDatabase().StringGetAsync(_keys.Jti(tokenId), CommandFlags.DemandMaster).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            throw new StoreUnavailableException("Redis could not say whether the token is revoked.", ex);
        }

        if (value.IsNull)
        {
            return false;
        }

        // An entry this code did not write (another tool's "1") still means revoked: fail closed.
        return !RedisTime.TryDecode(value, out var until) || until > _time.GetUtcNow();
    }

    private static bool IsStoreFailure(Exception ex) => ex is RedisException or TimeoutException;
}
