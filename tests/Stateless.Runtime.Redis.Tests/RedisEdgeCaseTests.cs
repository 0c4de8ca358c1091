using System;
using System.Threading.Tasks;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class RedisEdgeCaseTests
{
    private readonly RedisFixture _redis;

    public RedisEdgeCaseTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task A_cancelled_caller_gets_OperationCanceledException_not_a_store_failure()
    {
        using var cancelled = new System.Threading.CancellationTokenSource();
        await cancelled.CancelAsync();
        var denylist = new RedisJtiDenylist(_redis.Shared, _redis.NewPrefix("cancel"));
        var rotator = new RefreshTokenRotator(new RedisRefreshTokenStore(_redis.Shared, _redis.NewPrefix("cancel")), new RefreshTokenOptions());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => denylist.IsRevokedAsync("x", cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => denylist.RevokeAsync("x", DateTimeOffset.UtcNow.AddMinutes(1), cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rotator.RotateAsync("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rotator.IssueAsync("alice", cancelled.Token).AsTask());
    }

    [Fact]
    public async Task Foreign_data_under_a_family_key_fails_closed_and_writes_nothing()
    {
        string prefix = _redis.NewPrefix("corrupt");
        var store = new RedisRefreshTokenStore(_redis.Shared, prefix);
        var rotator = new RefreshTokenRotator(store, new RefreshTokenOptions());
        var issued = await rotator.IssueAsync("alice");
        var db = _redis.Shared.GetDatabase();
        var familyKey = store.FamilyKey(issued.FamilyId);
        var ttl = await db.KeyTimeToLiveAsync(familyKey);
        await db.KeyDeleteAsync(familyKey);
        await db.StringSetAsync(familyKey, "not a hash");
        await db.KeyExpireAsync(familyKey, ttl);

        Assert.Equal(RefreshStatus.StoreUnavailable, (await rotator.RotateAsync(issued.Token)).Status);
        var entries = await RedisInspector.DumpAsync(_redis.Shared, prefix);
        var tokenRecord = Assert.Single(entries, e => e.Type == RedisType.Hash);
        Assert.Equal(2, tokenRecord.Values.Count); // still just 'exp': not spent
    }
}
