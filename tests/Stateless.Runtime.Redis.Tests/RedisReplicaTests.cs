using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>
/// Two replicas of a service: two <see cref="RefreshTokenRotator"/>s, each on its own store over its own
/// <see cref="ConnectionMultiplexer"/>, sharing one real Redis server. What one replica does, the other must see.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisReplicaTests
{
    private const int RaceTrials = 300;

    private readonly RedisFixture _redis;

    public RedisReplicaTests(RedisFixture redis) => _redis = redis;

    private sealed record Replica(RedisRefreshTokenStore Store, RefreshTokenRotator Rotator, ConnectionMultiplexer Connection);

    private (Replica A, Replica B, string Prefix) TwoReplicas(TimeSpan? grace = null, TimeProvider? time = null)
    {
        string prefix = _redis.NewPrefix("replicas");
        var options = new RefreshTokenOptions { ReuseGracePeriod = grace ?? TimeSpan.Zero };
        Replica Make()
        {
            var connection = _redis.Connect();
            var store = new RedisRefreshTokenStore(connection, prefix);
            return new Replica(store, new RefreshTokenRotator(store, options, time), connection);
        }

        return (Make(), Make(), prefix);
    }

    /// <summary>Starts both calls together on the thread pool and waits for both.</summary>
    private static async Task<(T First, T Second)> RaceAsync<T>(Func<Task<T>> first, Func<Task<T>> second)
    {
        using var gate = new Barrier(2);
        var a = Task.Run(() => { gate.SignalAndWait(); return first(); });
        var b = Task.Run(() => { gate.SignalAndWait(); return second(); });
        var results = await Task.WhenAll(a, b);
        return (results[0], results[1]);
    }

    [Fact]
    public async Task Two_replicas_racing_on_one_token_have_exactly_one_winner_every_time()
    {
        var (a, b, _) = TwoReplicas();
        int aWins = 0, bWins = 0;
        for (int trial = 0; trial < RaceTrials; trial++)
        {
            var issued = await (trial % 2 == 0 ? a : b).Rotator.IssueAsync("alice");
            var (ra, rb) = await RaceAsync(() => a.Rotator.RotateAsync(issued.Token).AsTask(), () => b.Rotator.RotateAsync(issued.Token).AsTask());

            var statuses = new[] { ra.Status, rb.Status };
            Assert.True(
                statuses.Count(s => s == RefreshStatus.Rotated) == 1 && statuses.Count(s => s == RefreshStatus.ReuseDetected) == 1,
                $"trial {trial}: {ra.Status} / {rb.Status}");
            var winner = ra.Status == RefreshStatus.Rotated ? ra : rb;
            if (ReferenceEquals(winner, ra))
            {
                aWins++;
            }
            else
            {
                bWins++;
            }

            // The loser's reuse revoked the family for both replicas, the winner's fresh token included.
            Assert.Equal(RefreshStatus.Revoked, (await a.Rotator.RotateAsync(winner.NewToken!.Token)).Status);
            Assert.Equal(RefreshStatus.Revoked, (await b.Rotator.RotateAsync(winner.NewToken.Token)).Status);
        }

        Assert.Equal(RaceTrials, aWins + bWins);
    }

    [Fact]
    public async Task A_race_with_a_grace_period_gives_both_replicas_the_same_successor()
    {
        var (a, b, _) = TwoReplicas(grace: TimeSpan.FromSeconds(30));
        for (int trial = 0; trial < RaceTrials; trial++)
        {
            var issued = await a.Rotator.IssueAsync("alice");
            var (ra, rb) = await RaceAsync(() => a.Rotator.RotateAsync(issued.Token).AsTask(), () => b.Rotator.RotateAsync(issued.Token).AsTask());

            // Both clients get a token, and it is the same one: one replica rotated, the other replayed that rotation.
            Assert.Equal(RefreshStatus.Rotated, ra.Status);
            Assert.Equal(RefreshStatus.Rotated, rb.Status);
            Assert.Equal(ra.NewToken!.Token, rb.NewToken!.Token);
            Assert.Equal(ra.NewToken.ExpiresAt, rb.NewToken.ExpiresAt);
            if (trial % 50 == 0)
            {
                Assert.Equal(RefreshStatus.Rotated, (await b.Rotator.RotateAsync(ra.NewToken.Token)).Status);
            }
        }
    }

    [Fact]
    public async Task Four_concurrent_presentations_over_two_replicas_have_exactly_one_winner()
    {
        var (a, b, _) = TwoReplicas();
        for (int trial = 0; trial < 100; trial++)
        {
            var issued = await a.Rotator.IssueAsync("alice");
            using var gate = new Barrier(4);
            var tasks = new[] { a, a, b, b }
                .Select(r => Task.Run(() => { gate.SignalAndWait(); return r.Rotator.RotateAsync(issued.Token).AsTask(); }))
                .ToArray();
            var results = await Task.WhenAll(tasks);
            Assert.Equal(1, results.Count(r => r.Status == RefreshStatus.Rotated));
            Assert.Equal(3, results.Count(r => r.Status == RefreshStatus.ReuseDetected));
        }
    }

    [Fact]
    public async Task A_thief_on_one_replica_racing_the_client_on_the_other_always_ends_with_the_family_revoked()
    {
        var (a, b, _) = TwoReplicas();
        for (int trial = 0; trial < 200; trial++)
        {
            var stolen = await a.Rotator.IssueAsync("victim");
            var current = (await a.Rotator.RotateAsync(stolen.Token)).NewToken!;

            // The client rotates its current token on A while the thief replays the stolen, spent one on B.
            var (client, thief) = await RaceAsync(() => a.Rotator.RotateAsync(current.Token).AsTask(), () => b.Rotator.RotateAsync(stolen.Token).AsTask());

            Assert.Equal(RefreshStatus.ReuseDetected, thief.Status);
            Assert.Contains(client.Status, new[] { RefreshStatus.Rotated, RefreshStatus.Revoked });
            if (client.NewToken is { } next)
            {
                Assert.Equal(RefreshStatus.Revoked, (await b.Rotator.RotateAsync(next.Token)).Status);
            }

            Assert.Equal(
                client.Status == RefreshStatus.Rotated ? RefreshStatus.ReuseDetected : RefreshStatus.Revoked,
                (await b.Rotator.RotateAsync(current.Token)).Status);
        }
    }

    [Fact]
    public async Task Rotation_on_one_replica_racing_log_out_everywhere_on_the_other_leaves_nothing_usable()
    {
        var (a, b, _) = TwoReplicas();
        for (int trial = 0; trial < 100; trial++)
        {
            string subject = "s" + trial;
            var issued = await a.Rotator.IssueAsync(subject);
            var (rotated, _) = await RaceAsync<RefreshResult?>(
                async () => await a.Rotator.RotateAsync(issued.Token),
                async () => { await b.Rotator.RevokeSubjectAsync(subject); return null; });
            Assert.NotNull(rotated);

            Assert.Contains(rotated.Status, new[] { RefreshStatus.Rotated, RefreshStatus.Revoked });
            if (rotated.NewToken is { } next)
            {
                Assert.Equal(RefreshStatus.Revoked, (await b.Rotator.RotateAsync(next.Token)).Status);
            }
        }
    }

    [Fact]
    public async Task Reuse_detected_on_one_replica_revokes_the_family_on_both()
    {
        var (a, b, _) = TwoReplicas();
        var issued = await a.Rotator.IssueAsync("alice");
        var rotated = await a.Rotator.RotateAsync(issued.Token);
        var newest = await a.Rotator.RotateAsync(rotated.NewToken!.Token);

        var reuse = await b.Rotator.RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.ReuseDetected, reuse.Status);
        Assert.Equal("alice", reuse.Subject);

        Assert.Equal(RefreshStatus.Revoked, (await a.Rotator.RotateAsync(newest.NewToken!.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await b.Rotator.RotateAsync(newest.NewToken.Token)).Status);
    }

    [Fact]
    public async Task A_grace_period_retry_on_the_other_replica_gets_the_same_successor()
    {
        var (a, b, _) = TwoReplicas(grace: TimeSpan.FromSeconds(20));
        var issued = await a.Rotator.IssueAsync("alice");
        var first = await a.Rotator.RotateAsync(issued.Token);
        var retry = await b.Rotator.RotateAsync(issued.Token);

        Assert.Equal(RefreshStatus.Rotated, retry.Status);
        Assert.Equal(first.NewToken!.Token, retry.NewToken!.Token);

        var next = await b.Rotator.RotateAsync(retry.NewToken.Token);
        Assert.Equal(RefreshStatus.Rotated, next.Status);

        // The successor has rotated: the first token is now reuse, on either replica.
        Assert.Equal(RefreshStatus.ReuseDetected, (await a.Rotator.RotateAsync(issued.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await b.Rotator.RotateAsync(next.NewToken!.Token)).Status);
    }

    [Fact]
    public async Task RevokeSubject_on_one_replica_logs_out_every_family_on_both()
    {
        var (a, b, prefix) = TwoReplicas();
        var families = new List<IssuedRefreshToken>();
        for (int i = 0; i < 5; i++)
        {
            families.Add(await (i % 2 == 0 ? a : b).Rotator.IssueAsync("alice"));
        }

        var bob = await a.Rotator.IssueAsync("bob");
        var rotated = await b.Rotator.RotateAsync(families[0].Token);

        await b.Rotator.RevokeSubjectAsync("alice");

        Assert.Equal(RefreshStatus.Revoked, (await a.Rotator.RotateAsync(rotated.NewToken!.Token)).Status);
        foreach (var family in families.Skip(1))
        {
            Assert.Equal(RefreshStatus.Revoked, (await a.Rotator.RotateAsync(family.Token)).Status);
        }

        Assert.Equal(RefreshStatus.Rotated, (await a.Rotator.RotateAsync(bob.Token)).Status);

        // The subject index is one sorted set in the subject's slot: no SCAN was needed to find the families.
        var index = await a.Connection.GetDatabase().SortedSetRangeByRankAsync(a.Store.SubjectKey("alice"));
        Assert.Equal(families.Select(f => f.FamilyId).OrderBy(x => x, StringComparer.Ordinal), index.Select(x => (string)x!).OrderBy(x => x, StringComparer.Ordinal));
        Assert.StartsWith(prefix, (string)a.Store.SubjectKey("alice")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeFamily_on_one_replica_is_seen_by_the_other()
    {
        var (a, b, _) = TwoReplicas();
        var issued = await a.Rotator.IssueAsync("alice");
        await b.Rotator.RevokeFamilyAsync(issued.FamilyId);
        Assert.Equal(RefreshStatus.Revoked, (await a.Rotator.RotateAsync(issued.Token)).Status);
    }

    [Fact]
    public async Task Every_key_has_a_time_to_live_matching_its_record()
    {
        var (a, b, prefix) = TwoReplicas(grace: TimeSpan.FromSeconds(5));
        var options = new RefreshTokenOptions();
        var before = DateTimeOffset.UtcNow;
        var issued = await a.Rotator.IssueAsync("alice");
        var rotated = await b.Rotator.RotateAsync(issued.Token);
        await a.Rotator.RotateAsync(rotated.NewToken!.Token);
        var other = await a.Rotator.IssueAsync("bob");
        await b.Rotator.RevokeFamilyAsync(other.FamilyId);
        var reused = await a.Rotator.IssueAsync("carol");
        await a.Rotator.RotateAsync(reused.Token);
        await b.Rotator.RotateAsync(reused.Token); // inside grace: replay
        var denylist = new RedisJtiDenylist(a.Connection, prefix);
        await denylist.RevokeAsync("jti-1", DateTimeOffset.UtcNow.AddMinutes(15));

        var entries = await RedisInspector.DumpAsync(a.Connection, prefix);
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.True(e.PTtl > 0, $"{e.Key} has PTTL {e.PTtl}"));

        // 3 families, 6 token records (alice: 3, bob: 1, carol: 2), 3 subject indexes, 1 denylist entry.
        Assert.Equal(3, entries.Count(e => e.Key.Contains(":rt:{", StringComparison.Ordinal) && e.Key.EndsWith('}')));
        Assert.Equal(6, entries.Count(e => e.Key.Contains(":rt:{", StringComparison.Ordinal) && !e.Key.EndsWith('}')));
        Assert.Equal(3, entries.Count(e => e.Key.Contains(":rt-sub:{", StringComparison.Ordinal)));
        Assert.Single(entries, e => e.Key.Contains(":jti:", StringComparison.Ordinal));

        var keep = RedisRefreshTokenStore.RetentionAfterExpiry;
        Assert.Equal(TimeSpan.FromDays(7), keep);
        var family = entries.Single(e => e.Key == (string)a.Store.FamilyKey(issued.FamilyId)!);
        AssertNear(options.AbsoluteLifetime + keep, family.TimeToLive!.Value, DateTimeOffset.UtcNow - before);
        var subject = entries.Single(e => e.Key == (string)a.Store.SubjectKey("alice")!);
        AssertNear(options.AbsoluteLifetime, subject.TimeToLive!.Value, DateTimeOffset.UtcNow - before);
        Assert.All(
            entries.Where(e => e.Key.Contains(":rt:{", StringComparison.Ordinal) && !e.Key.EndsWith('}')),
            e => AssertNear(options.Lifetime + keep, e.TimeToLive!.Value, DateTimeOffset.UtcNow - before));
        var jti = entries.Single(e => e.Key.Contains(":jti:", StringComparison.Ordinal));
        AssertNear(TimeSpan.FromMinutes(20), jti.TimeToLive!.Value, DateTimeOffset.UtcNow - before);
    }

    private static void AssertNear(TimeSpan expected, TimeSpan actual, TimeSpan elapsed)
    {
        var slack = elapsed + TimeSpan.FromSeconds(2);
        Assert.True((expected - actual).Duration() <= slack, $"TTL {actual} is not within {slack} of {expected}");
    }

    [Fact]
    public async Task No_token_is_stored_in_plaintext_anywhere_in_redis()
    {
        var (a, b, prefix) = TwoReplicas(grace: TimeSpan.FromSeconds(30));
        var tokens = new List<string>();
        var issued = await a.Rotator.IssueAsync("alice");
        tokens.Add(issued.Token);
        string current = issued.Token;
        for (int i = 0; i < 4; i++)
        {
            var result = await (i % 2 == 0 ? b : a).Rotator.RotateAsync(current);
            current = result.NewToken!.Token;
            tokens.Add(current);
        }

        var replay = await a.Rotator.RotateAsync(tokens[^2]); // grace replay: the sealed successor comes back out
        Assert.Equal(current, replay.NewToken!.Token);
        var second = await b.Rotator.IssueAsync("alice");
        tokens.Add(second.Token);
        await a.Rotator.RotateAsync(second.Token);
        await a.Rotator.RevokeSubjectAsync("alice");

        var entries = await RedisInspector.DumpAsync(a.Connection, prefix);
        var haystacks = entries.SelectMany(e => e.Values.Append(Encoding.UTF8.GetBytes(e.Key))).ToList();

        // The scan does read the data: every token's SHA-256 is there.
        foreach (var token in tokens)
        {
            var hash = Encoding.UTF8.GetBytes(RefreshTokenHasher.Hash(token));
            Assert.Contains(haystacks, h => h.AsSpan().IndexOf(hash) >= 0);
        }

        foreach (var token in tokens)
        {
            string secret = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
            var forms = new[]
            {
                Encoding.UTF8.GetBytes(token),
                Encoding.UTF8.GetBytes(secret),
                System.Buffers.Text.Base64Url.DecodeFromChars(secret),
            };
            foreach (var form in forms)
            {
                Assert.DoesNotContain(haystacks, h => h.AsSpan().IndexOf(form) >= 0);
            }
        }
    }

    [Fact]
    public async Task One_familys_keys_share_a_cluster_hash_slot_and_differ_from_other_families()
    {
        var (a, _, prefix) = TwoReplicas();
        var first = await a.Rotator.IssueAsync("alice");
        var rotated = await a.Rotator.RotateAsync(first.Token);
        var second = await a.Rotator.IssueAsync("alice");

        var entries = await RedisInspector.DumpAsync(a.Connection, prefix);
        var firstKeys = entries.Where(e => e.Key.Contains("{" + first.FamilyId + "}", StringComparison.Ordinal)).Select(e => e.Key).ToList();
        Assert.Equal(3, firstKeys.Count); // family + two token records
        var slots = firstKeys.Select(ClusterSlot.Of).Distinct().ToList();
        Assert.Single(slots);
        Assert.Equal(ClusterSlot.Of(first.FamilyId), slots[0]);
        Assert.NotEqual(slots[0], ClusterSlot.Of((string)a.Store.FamilyKey(second.FamilyId)!));
        Assert.NotNull(rotated.NewToken);
    }

    [Fact]
    public void Cluster_slot_helper_matches_the_specification()
    {
        // Values from the Redis Cluster specification and CLUSTER KEYSLOT.
        Assert.Equal(12739, ClusterSlot.Of("123456789")); // CRC16/XMODEM("123456789") = 0x31C3 = 12739
        Assert.Equal(ClusterSlot.Of("user1000"), ClusterSlot.Of("{user1000}.following"));
        Assert.Equal(ClusterSlot.Of("{}x"), ClusterSlot.Of("{}x"));
        Assert.NotEqual(ClusterSlot.Of("foo{}{bar}"), ClusterSlot.Of("bar"));
    }

    [Fact]
    public async Task Rotation_survives_a_flushed_script_cache()
    {
        var (a, b, _) = TwoReplicas();
        var issued = await a.Rotator.IssueAsync("alice");
        await a.Connection.GetServers().Single().ScriptFlushAsync();

        var rotated = await b.Rotator.RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.Rotated, rotated.Status);
        await a.Connection.GetServers().Single().ScriptFlushAsync();
        Assert.Equal(RefreshStatus.ReuseDetected, (await a.Rotator.RotateAsync(issued.Token)).Status);
    }

    [Theory]
    [InlineData("app:{tenant}:")]
    [InlineData("x}")]
    public void A_prefix_with_a_hash_tag_is_refused(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new RedisRefreshTokenStore(_redis.Shared, prefix));
        Assert.Throws<ArgumentException>(() => new RedisJtiDenylist(_redis.Shared, prefix));
    }

    [Fact]
    public async Task Stores_under_different_prefixes_do_not_see_each_other()
    {
        var (a, _, _) = TwoReplicas();
        var elsewhere = new RefreshTokenRotator(new RedisRefreshTokenStore(a.Connection, _redis.NewPrefix("other")), new RefreshTokenOptions());
        var issued = await a.Rotator.IssueAsync("alice");
        Assert.Equal(RefreshStatus.Invalid, (await elsewhere.RotateAsync(issued.Token)).Status);
        Assert.Equal(RefreshStatus.Rotated, (await a.Rotator.RotateAsync(issued.Token)).Status);
    }
}
