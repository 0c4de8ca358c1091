using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>
/// The race tests prove something only if they can fail. Here the same two-replica race runs against a store that
/// checks and then acts in two round trips (the mistake the Lua script exists to prevent): the harness must catch
/// it handing out two successors for one token. And the real store's outcomes, seen at the store level: exactly one
/// <see cref="RefreshRotationOutcome.Rotated"/>, the other a grace replay or reuse.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RaceHarnessControlTests
{
    private readonly RedisFixture _redis;

    public RaceHarnessControlTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task The_two_replica_race_catches_a_check_then_act_store()
    {
        string prefix = _redis.NewPrefix("naive");
        var a = new CheckThenActStore(_redis.Connect(), prefix);
        var b = new CheckThenActStore(_redis.Connect(), prefix);
        var rotatorA = new RefreshTokenRotator(a, new RefreshTokenOptions());
        var rotatorB = new RefreshTokenRotator(b, new RefreshTokenOptions());

        int doubleWins = 0;
        for (int trial = 0; trial < 50 && doubleWins == 0; trial++)
        {
            var issued = await rotatorA.IssueAsync("alice");
            using var gate = new Barrier(2);
            var ta = Task.Run(() => { gate.SignalAndWait(); return rotatorA.RotateAsync(issued.Token).AsTask(); });
            var tb = Task.Run(() => { gate.SignalAndWait(); return rotatorB.RotateAsync(issued.Token).AsTask(); });
            var results = await Task.WhenAll(ta, tb);
            if (results.All(r => r.Status == RefreshStatus.Rotated) && results[0].NewToken!.Token != results[1].NewToken!.Token)
            {
                doubleWins++;
            }
        }

        Assert.True(doubleWins > 0, "the race never overlapped: the race tests would not catch a non-atomic store");
    }

    [Fact]
    public async Task Store_level_race_with_a_grace_period_is_one_rotation_and_one_replay()
    {
        string prefix = _redis.NewPrefix("storerace");
        var a = new RedisRefreshTokenStore(_redis.Connect(), prefix);
        var b = new RedisRefreshTokenStore(_redis.Connect(), prefix);
        var rotator = new RefreshTokenRotator(a, new RefreshTokenOptions());
        for (int trial = 0; trial < 200; trial++)
        {
            var issued = await rotator.IssueAsync("alice");
            var now = DateTimeOffset.UtcNow;
            RefreshRotationRequest Request(string successor) => new()
            {
                FamilyId = issued.FamilyId,
                PresentedTokenHash = RefreshTokenHasher.Hash(issued.Token),
                Successor = new RefreshTokenRecord { TokenHash = RefreshTokenHasher.Hash(successor), FamilyId = issued.FamilyId, IssuedAt = now, ExpiresAt = now.AddDays(1) },
                SealedSuccessor = System.Text.Encoding.UTF8.GetBytes(successor),
                Now = now,
                ReuseGracePeriod = TimeSpan.FromSeconds(5),
            };

            using var gate = new Barrier(2);
            var ta = Task.Run(() => { gate.SignalAndWait(); return a.RotateAsync(Request("from-a")).AsTask(); });
            var tb = Task.Run(() => { gate.SignalAndWait(); return b.RotateAsync(Request("from-b")).AsTask(); });
            var results = await Task.WhenAll(ta, tb);

            var winner = Assert.Single(results, r => r.Outcome == RefreshRotationOutcome.Rotated);
            var replay = Assert.Single(results, r => r.Outcome == RefreshRotationOutcome.GraceReplay);
            Assert.Equal(winner.SuccessorExpiresAt, replay.SuccessorExpiresAt);
            string handedOut = System.Text.Encoding.UTF8.GetString(replay.SealedSuccessor.Span);
            Assert.Equal(ReferenceEquals(winner, results[0]) ? "from-a" : "from-b", handedOut);
        }
    }

    /// <summary>A deliberately broken store: reads the token's state in one round trip and writes in another.</summary>
    private sealed class CheckThenActStore(IConnectionMultiplexer redis, string prefix) : IRefreshTokenStore
    {
        private readonly RedisRefreshTokenStore _inner = new(redis, prefix);
        private readonly RedisKeyLayout _keys = new(prefix);

        public ValueTask CreateFamilyAsync(RefreshTokenFamily family, RefreshTokenRecord firstToken, CancellationToken cancellationToken = default) =>
            _inner.CreateFamilyAsync(family, firstToken, cancellationToken);

        public async ValueTask<RefreshRotationResult> RotateAsync(RefreshRotationRequest request, CancellationToken cancellationToken = default)
        {
            var db = redis.GetDatabase();
            var token = _keys.Token(request.FamilyId, request.PresentedTokenHash);
            var state = await db.HashGetAsync(token, ["exp", "spent"]);
            if (state[0].IsNull)
            {
                return new RefreshRotationResult { Outcome = RefreshRotationOutcome.NotFound };
            }

            if (!state[1].IsNull)
            {
                await db.HashSetAsync(_keys.Family(request.FamilyId), "rev", "1");
                return new RefreshRotationResult { Outcome = RefreshRotationOutcome.ReuseDetected, Subject = "alice" };
            }

            await Task.Delay(2, cancellationToken); // the latency of the second round trip
            await db.HashSetAsync(token, "spent", "1");
            await db.HashSetAsync(_keys.Token(request.FamilyId, request.Successor.TokenHash), "exp", "1");
            return new RefreshRotationResult { Outcome = RefreshRotationOutcome.Rotated, Subject = "alice", SuccessorExpiresAt = request.Successor.ExpiresAt };
        }

        public ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            _inner.RevokeFamilyAsync(familyId, now, cancellationToken);

        public ValueTask<int> RevokeSubjectAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            _inner.RevokeSubjectAsync(subject, now, cancellationToken);
    }
}
