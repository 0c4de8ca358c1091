using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis;

/// <summary>
/// <see cref="IRefreshTokenStore"/> on a Redis server shared by every replica. Each operation on a family is one Lua
/// script over that family's keys, which Redis runs with nothing else interleaved: the rotate-and-check of
/// <see cref="RotateAsync"/> (check state, spend the presented token, store its successor, or revoke the family on
/// reuse) is a single atomic server-side step, so of two replicas presenting the same token at once exactly one rotates.
/// </summary>
/// <remarks>
/// <para><b>Keys</b> (prefix default <c>stateless:</c>): the family hash <c>&lt;prefix&gt;rt:{F}</c> (subject, creation,
/// absolute expiry, revoked flag, current token hash); one hash per token <c>&lt;prefix&gt;rt:{F}:&lt;sha256&gt;</c>
/// (expiry; once spent: when, the successor's hash and expiry, the sealed successor); the subject index
/// <c>&lt;prefix&gt;rt-sub:{subject}</c>, a sorted set of family ids scored by absolute expiry. The <c>{F}</c> hash tag puts
/// one family's keys in one Redis Cluster slot. Only SHA-256 hashes of tokens are stored, never a token.</para>
/// <para><b>TTLs.</b> Every key expires: the family <see cref="RetentionAfterExpiry"/> after its absolute expiry (a revoked
/// family's marker lives at least that long), each token record the same span after its own expiry (capped by the
/// family's), the subject index at the latest absolute expiry of its families. Durations are measured from the
/// <c>now</c> the rotator passes in, so the application's clock, not the Redis host's, decides, and a test clock works.
/// Storage is bounded by the families started within one absolute lifetime plus that retention.</para>
/// <para><b>Cluster.</b> Family operations are single-slot scripts. The subject index lives in the subject's slot, so
/// <see cref="CreateFamilyAsync"/> writes it first (then the family) and <see cref="RevokeSubjectAsync"/> revokes family by
/// family: each family atomically, the set of them not as one transaction.</para>
/// <para><b>Primary only.</b> Every command (the scripts and the subject-index read) is sent with
/// <see cref="CommandFlags.DemandMaster"/>: a replica's possibly stale state never decides a rotation, a grace replay or
/// which families a "log out everywhere" revokes. With no primary reachable the call throws (fail closed).</para>
/// <para><b>Failures.</b> Connection failures and timeouts surface as exceptions (<see cref="RedisException"/>,
/// <see cref="TimeoutException"/>); <see cref="RefreshTokenRotator"/> reports them as <see cref="RefreshStatus.StoreUnavailable"/>.
/// A script either ran whole or not at all, but a timeout cannot tell which: a rotation that timed out may have
/// spent the token, and the client's retry is then reuse unless a <see cref="RefreshTokenOptions.ReuseGracePeriod"/> covers it.</para>
/// </remarks>
public sealed class RedisRefreshTokenStore : IRefreshTokenStore
{
    private static readonly RedisScript s_create = new(RedisTime.LuaHelpers + """
        -- KEYS: family, first token (one hash slot: the {family} tag)
        -- ARGV: subject, createdAt, absoluteExpiresAt, token hash, token expiry (capped), retention after expiry (ms)
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return 0
        end
        local keep = tonumber(ARGV[6])
        redis.call('HSET', KEYS[1], 'sub', ARGV[1], 'created', ARGV[2], 'abs', ARGV[3], 'rev', '0', 'cur', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ttl(ARGV[3], ARGV[2]) + keep)
        redis.call('HSET', KEYS[2], 'exp', ARGV[5])
        redis.call('PEXPIRE', KEYS[2], ttl(ARGV[5], ARGV[2]) + keep)
        return 1
        """);

    private static readonly RedisScript s_index = new("""
        -- KEYS: subject index. ARGV: family id, absolute expiry (unix ms), now (unix ms)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
        local ms = math.ceil(tonumber(last[2]) - tonumber(ARGV[3]))
        if ms < 1 then ms = 1 end
        redis.call('PEXPIRE', KEYS[1], ms)
        return 1
        """);

    private static readonly RedisScript s_rotate = new(RedisTime.LuaHelpers + """
        -- KEYS: family, presented token, successor token (one hash slot: the {family} tag)
        -- ARGV: now, grace floor (now - grace period, '' when none), successor hash, successor expiry,
        --       sealed successor, retention after expiry (ms)
        local now = ARGV[1]
        local tok = redis.call('HMGET', KEYS[2], 'exp', 'spent', 'next', 'nexp', 'sealed')
        if not tok[1] then
          return {'notfound'}
        end
        local fam = redis.call('HMGET', KEYS[1], 'sub', 'abs', 'rev', 'cur')
        if not fam[1] then
          return {'notfound'}
        end
        local subject = fam[1]
        local revoked = fam[3] ~= '0'
        if not before(now, fam[2]) then
          return {'expired', subject}
        end
        if tok[2] then
          -- Spent. A retry inside the grace period, whose successor is still current and unexpired and was sealed
          -- at the rotation (the rotating replica had a grace period too), gets that successor back and writes nothing.
          if not revoked and ARGV[2] ~= '' and tok[5] and tok[5] ~= '' and not before(tok[2], ARGV[2]) and tok[3] == fam[4] and before(now, tok[4]) then
            return {'grace', subject, tok[4], tok[5]}
          end
          -- Otherwise it is reuse: revoke the whole family, its newest token included (once).
          if not revoked then
            redis.call('HSET', KEYS[1], 'rev', '1', 'revat', now, 'why', 'reuse')
          end
          return {'reuse', subject}
        end
        if revoked then
          return {'revoked', subject}
        end
        if not before(now, tok[1]) then
          return {'expired', subject}
        end
        -- Current: spend it and make the successor current, in this one step. Every check comes before the first
        -- write, so an error leaves nothing half done.
        if redis.call('EXISTS', KEYS[3]) == 1 then
          return redis.error_reply('successor token record already exists')
        end
        local exp = ARGV[4]
        if before(fam[2], exp) then
          exp = fam[2]
        end
        redis.call('HSET', KEYS[2], 'spent', now, 'next', ARGV[3], 'nexp', exp, 'sealed', ARGV[5])
        redis.call('HSET', KEYS[3], 'exp', exp)
        redis.call('PEXPIRE', KEYS[3], ttl(exp, now) + tonumber(ARGV[6]))
        redis.call('HSET', KEYS[1], 'cur', ARGV[3])
        return {'rotated', subject, exp}
        """);

    private static readonly RedisScript s_revokeFamily = new(RedisTime.LuaHelpers + """
        -- KEYS: family. ARGV: now, reason.
        -- Returns -1 unknown, 0 already revoked or past its absolute expiry (nothing to stop), 1 revoked now.
        local fam = redis.call('HMGET', KEYS[1], 'abs', 'rev')
        if not fam[1] then
          return -1
        end
        if fam[2] ~= '0' or not before(ARGV[1], fam[1]) then
          return 0
        end
        redis.call('HSET', KEYS[1], 'rev', '1', 'revat', ARGV[1], 'why', ARGV[2])
        return 1
        """);

    /// <summary>The rotation script (for tests that look at the server's script cache).</summary>
    internal static RedisScript RotateScript => s_rotate;

    private static readonly long s_retentionMilliseconds = (long)RetentionAfterExpiry.TotalMilliseconds;

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeyLayout _keys;

    /// <summary>
    /// How long a family and its token records outlive their expiry in Redis (the same as
    /// <see cref="InMemoryRefreshTokenStore.RetentionAfterExpiry"/>, 7 days), so a late token reads as
    /// <see cref="RefreshStatus.Expired"/> (and a spent one as reuse) rather than unknown for that long.
    /// </summary>
    public static TimeSpan RetentionAfterExpiry => InMemoryRefreshTokenStore.RetentionAfterExpiry;

    /// <summary>Creates a store on <paramref name="redis"/> under <paramref name="keyPrefix"/>.</summary>
    /// <param name="redis">The shared connection (one per process).</param>
    /// <param name="keyPrefix">Prefix of every key (default <c>stateless:</c>); must not contain <c>{</c> or <c>}</c>.</param>
    public RedisRefreshTokenStore(IConnectionMultiplexer redis, string keyPrefix = RedisKeyLayout.DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _keys = new RedisKeyLayout(keyPrefix);
    }

    /// <summary>The key prefix of every key this store writes.</summary>
    public string KeyPrefix => _keys.Prefix;

    /// <summary>The Redis key of a family's hash (hash tag <c>{familyId}</c>).</summary>
    public RedisKey FamilyKey(string familyId)
    {
        RedisKeyLayout.ValidateFamilyId(familyId, nameof(familyId));
        return _keys.Family(familyId);
    }

    /// <summary>The Redis key of a subject's family index.</summary>
    public RedisKey SubjectKey(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return _keys.Subject(subject);
    }

    /// <inheritdoc />
    public async ValueTask CreateFamilyAsync(RefreshTokenFamily family, RefreshTokenRecord firstToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(firstToken);
        RedisKeyLayout.ValidateFamilyId(family.FamilyId, nameof(family));
        ArgumentException.ThrowIfNullOrEmpty(family.Subject, nameof(family));
        ArgumentException.ThrowIfNullOrEmpty(firstToken.TokenHash, nameof(firstToken));
        if (!string.Equals(family.FamilyId, firstToken.FamilyId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The first token belongs to another family.", nameof(firstToken));
        }

        if (family.AbsoluteExpiresAt <= family.CreatedAt)
        {
            throw new ArgumentException("The family expires before it starts.", nameof(family));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var db = _redis.GetDatabase();

        // The subject index first: every family that exists is then in its subject's index, so a "log out
        // everywhere" that starts after this method returns finds it. An index entry whose family write failed
        // points at no family and is skipped, then pruned when it expires.
        RedisKey[] indexKeys = [_keys.Subject(family.Subject)];
        RedisValue[] indexValues = [family.FamilyId, family.AbsoluteExpiresAt.ToUnixTimeMilliseconds(), family.CreatedAt.ToUnixTimeMilliseconds()];
        await s_index.EvaluateAsync(db, indexKeys, indexValues).WaitAsync(cancellationToken).ConfigureAwait(false);

        var firstExpiresAt = Min(firstToken.ExpiresAt, family.AbsoluteExpiresAt);
        RedisKey[] keys = [_keys.Family(family.FamilyId), _keys.Token(family.FamilyId, firstToken.TokenHash)];
        RedisValue[] values =
        [
            family.Subject,
            RedisTime.Encode(family.CreatedAt),
            RedisTime.Encode(family.AbsoluteExpiresAt),
            firstToken.TokenHash,
            RedisTime.Encode(Max(firstExpiresAt, family.CreatedAt)),
            s_retentionMilliseconds,
        ];
        var created = (long)await s_create.EvaluateAsync(db, keys, values).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (created == 0)
        {
            throw new ArgumentException($"Family '{family.FamilyId}' already exists.", nameof(family));
        }
    }

    /// <inheritdoc />
    public async ValueTask<RefreshRotationResult> RotateAsync(RefreshRotationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Successor);
        RedisKeyLayout.ValidateFamilyId(request.FamilyId, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.PresentedTokenHash, nameof(request));
        ArgumentException.ThrowIfNullOrEmpty(request.Successor.TokenHash, nameof(request));
        if (!string.Equals(request.Successor.FamilyId, request.FamilyId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The successor belongs to another family.", nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = request.Now;
        string graceFloor = request.ReuseGracePeriod > TimeSpan.Zero
            ? RedisTime.Encode(RedisTime.SubtractSaturating(now, request.ReuseGracePeriod))
            : string.Empty;
        RedisKey[] keys =
        [
            _keys.Family(request.FamilyId),
            _keys.Token(request.FamilyId, request.PresentedTokenHash),
            _keys.Token(request.FamilyId, request.Successor.TokenHash),
        ];
        RedisValue[] values =
        [
            RedisTime.Encode(now),
            graceFloor,
            request.Successor.TokenHash,
            RedisTime.Encode(request.Successor.ExpiresAt),
            request.SealedSuccessor,
            s_retentionMilliseconds,
        ];

        var reply = (RedisResult[])(await s_rotate.EvaluateAsync(_redis.GetDatabase(), keys, values).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        string outcome = (string)reply[0]!;
        string? subject = reply.Length > 1 ? (string?)reply[1] : null;
        return outcome switch
        {
            "rotated" => new RefreshRotationResult
            {
                Outcome = RefreshRotationOutcome.Rotated,
                Subject = subject,
                SuccessorExpiresAt = RedisTime.Decode((string?)reply[2]),
            },
            "grace" => new RefreshRotationResult
            {
                Outcome = RefreshRotationOutcome.GraceReplay,
                Subject = subject,
                SuccessorExpiresAt = RedisTime.Decode((string?)reply[2]),
                SealedSuccessor = (byte[]?)reply[3] ?? Array.Empty<byte>(),
            },
            "reuse" => new RefreshRotationResult { Outcome = RefreshRotationOutcome.ReuseDetected, Subject = subject },
            "revoked" => new RefreshRotationResult { Outcome = RefreshRotationOutcome.Revoked, Subject = subject },
            "expired" => new RefreshRotationResult { Outcome = RefreshRotationOutcome.Expired, Subject = subject },
            "notfound" => new RefreshRotationResult { Outcome = RefreshRotationOutcome.NotFound },
            _ => throw new InvalidOperationException($"Unexpected reply '{outcome}' from the rotation script."),
        };
    }

    /// <inheritdoc />
    public async ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        RedisKeyLayout.ValidateFamilyId(familyId, nameof(familyId));
        cancellationToken.ThrowIfCancellationRequested();
        long result = await RevokeFamilyCoreAsync(_redis.GetDatabase(), familyId, now, "family").WaitAsync(cancellationToken).ConfigureAwait(false);
        return result >= 0;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the subject's index, then revokes each family with its own script, all sent at once. Each family is
    /// revoked atomically; in Redis Cluster the families live in different slots, so the whole is not one
    /// transaction: a failure part-way throws after revoking some of them (call again: revoking is idempotent).
    /// </remarks>
    public async ValueTask<int> RevokeSubjectAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        cancellationToken.ThrowIfCancellationRequested();
        var db = _redis.GetDatabase();
        var familyIds = await db.SortedSetRangeByScoreAsync(
            _keys.Subject(subject),
            start: now.ToUnixTimeMilliseconds(),
            stop: double.PositiveInfinity,
            exclude: Exclude.Start,
            flags: CommandFlags.DemandMaster).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (familyIds.Length == 0)
        {
            return 0;
        }

        var revocations = new List<Task<long>>(familyIds.Length);
        foreach (var id in familyIds)
        {
            string? familyId = id;
            if (!string.IsNullOrEmpty(familyId) && familyId.AsSpan().IndexOfAny('{', '}') < 0)
            {
                revocations.Add(RevokeFamilyCoreAsync(db, familyId, now, "subject"));
            }
        }

        var results = await Task.WhenAll(revocations).WaitAsync(cancellationToken).ConfigureAwait(false);
        return results.Count(r => r == 1);
    }

    private async Task<long> RevokeFamilyCoreAsync(IDatabaseAsync db, string familyId, DateTimeOffset now, string reason)
    {
        RedisKey[] keys = [_keys.Family(familyId)];
        RedisValue[] values = [RedisTime.Encode(now), reason];
        return (long)await s_revokeFamily.EvaluateAsync(db, keys, values).ConfigureAwait(false);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
