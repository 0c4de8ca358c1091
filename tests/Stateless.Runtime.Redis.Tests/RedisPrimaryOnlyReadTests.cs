using System;
using System.Threading.Tasks;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>
/// A primary and a replica (two real servers), both known to the application's connection. Replication breaks, a
/// revocation reaches only the primary, then the primary stops. The replica still answers, with stale data: every read
/// that decides security must refuse to use it and fail closed.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisPrimaryOnlyReadTests
{
    private readonly RedisFixture _redis;

    public RedisPrimaryOnlyReadTests(RedisFixture redis) => _redis = redis;

    private async Task<ConnectionMultiplexer> ConnectToBothAsync(RedisServerProcess primary, RedisServerProcess replica)
    {
        var connection = _redis.Connect(primary, o =>
        {
            o.EndPoints.Add(replica.EndPoint);
            o.AsyncTimeout = 1000;
            o.SyncTimeout = 1000;
        });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(connection.GetServer(replica.EndPoint) is { IsConnected: true, IsReplica: true } && connection.GetServer(primary.EndPoint) is { IsConnected: true, IsReplica: false }))
        {
            Assert.True(DateTime.UtcNow < deadline, "The connection did not see the primary and the replica.");
            await Task.Delay(100);
        }

        return connection;
    }

    [Fact]
    public async Task A_stale_replica_never_answers_the_denylist_with_the_primary_down()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await primary.StartReplicaAsync();
        var connection = await ConnectToBothAsync(primary, replica);
        using var tokens = new AccessTokens();
        var access = tokens.Issuer.Issue("alice");
        var denylist = new RedisJtiDenylist(connection, "ro:");
        var verifier = tokens.Verifier(denylist);
        Assert.True((await verifier.VerifyAsync(access.Token)).IsValid);

        await replica.CutOffAsync();
        await denylist.RevokeAsync(access.TokenId, access.ExpiresAt);
        Assert.True(await denylist.IsRevokedAsync(access.TokenId));
        await primary.StopAsync();

        // The replica is up and would say "not revoked".
        Assert.True((await connection.GetServer(replica.EndPoint).PingAsync()) >= TimeSpan.Zero);
        await Assert.ThrowsAsync<StoreUnavailableException>(() => denylist.IsRevokedAsync(access.TokenId).AsTask());
        Assert.Equal(TokenFailure.StoreUnavailable, (await verifier.VerifyAsync(access.Token)).Failure);
    }

    [Fact]
    public async Task A_stale_replica_never_decides_a_rotation_or_a_log_out_with_the_primary_down()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await primary.StartReplicaAsync();
        var connection = await ConnectToBothAsync(primary, replica);
        var rotator = new RefreshTokenRotator(new RedisRefreshTokenStore(connection, "ro:"), new RefreshTokenOptions { ReuseGracePeriod = TimeSpan.FromMinutes(1) });
        var revoked = await rotator.IssueAsync("alice");
        var rotated = await rotator.IssueAsync("bob");
        var next = await rotator.RotateAsync(rotated.Token);
        Assert.Equal(RefreshStatus.Rotated, next.Status);
        Assert.Equal(1, (long)await connection.GetDatabase().ExecuteAsync("WAIT", 1, 5000));

        await replica.CutOffAsync();
        await rotator.RevokeFamilyAsync(revoked.FamilyId);
        await rotator.RevokeFamilyAsync(rotated.FamilyId);
        await primary.StopAsync();

        Assert.Equal(RefreshStatus.StoreUnavailable, (await rotator.RotateAsync(revoked.Token)).Status);
        Assert.Equal(RefreshStatus.StoreUnavailable, (await rotator.RotateAsync(rotated.Token)).Status); // a grace replay read from the replica
        await Assert.ThrowsAsync<StoreUnavailableException>(() => rotator.RevokeSubjectAsync("alice").AsTask());
    }
}
