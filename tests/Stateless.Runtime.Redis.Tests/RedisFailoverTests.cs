using System;
using System.Linq;
using System.Threading.Tasks;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>
/// A primary and a replica (two real servers, <c>--replicaof</c>), and a failover: the replica is promoted and the
/// application reconnects to it. What was replicated survives, with its TTLs, and the scripts run on the promoted
/// replica although its script cache is empty (<c>NOSCRIPT</c> → <c>EVAL</c>). What was not replicated is lost: the
/// consistency bill the docs describe, shown here with the <c>WAIT</c> that would have revealed it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisFailoverTests
{
    private readonly RedisFixture _redis;

    public RedisFailoverTests(RedisFixture redis) => _redis = redis;

    private static async Task<long> WaitForReplicasAsync(IConnectionMultiplexer connection, int replicas, int timeoutMs) =>
        (long)await connection.GetDatabase().ExecuteAsync("WAIT", replicas, timeoutMs);

    [Fact]
    public async Task After_a_failover_replicated_state_holds_and_the_scripts_reload_on_the_new_primary()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await primary.StartReplicaAsync();
        var before = _redis.Connect(primary);
        var rotator = new RefreshTokenRotator(new RedisRefreshTokenStore(before, "fo:"), new RefreshTokenOptions());
        var denylist = new RedisJtiDenylist(before, "fo:");

        var issued = await rotator.IssueAsync("alice");
        var rotated = await rotator.RotateAsync(issued.Token);
        var revokedFamily = await rotator.IssueAsync("alice");
        await rotator.RevokeFamilyAsync(revokedFamily.FamilyId);
        await denylist.RevokeAsync("jti-fo", DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal(1, await WaitForReplicasAsync(before, 1, 5000));

        // Failover: the primary dies, the replica is promoted, the application reconnects to it.
        await primary.StopAsync();
        await replica.PromoteAsync();
        var after = _redis.Connect(replica);
        Assert.False(await after.GetServer(replica.EndPoint).ScriptExistsAsync(RedisRefreshTokenStore.RotateScript.Source));

        var rotatorAfter = new RefreshTokenRotator(new RedisRefreshTokenStore(after, "fo:"), new RefreshTokenOptions());
        Assert.Equal(RefreshStatus.Rotated, (await rotatorAfter.RotateAsync(rotated.NewToken!.Token)).Status);
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotatorAfter.RotateAsync(issued.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotatorAfter.RotateAsync(revokedFamily.Token)).Status);
        Assert.True(await new RedisJtiDenylist(after, "fo:").IsRevokedAsync("jti-fo"));
        Assert.True(await after.GetServer(replica.EndPoint).ScriptExistsAsync(RedisRefreshTokenStore.RotateScript.Source));

        var entries = await RedisInspector.DumpAsync(after, "fo:");
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.True(e.PTtl > 0, $"{e.Key} has PTTL {e.PTtl} on the promoted replica"));
    }

    [Fact]
    public async Task A_revocation_the_replica_never_received_is_lost_on_failover_and_WAIT_says_so()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await primary.StartReplicaAsync();
        var before = _redis.Connect(primary);
        using var tokens = new AccessTokens();
        var access = tokens.Issuer.Issue("alice");
        var rotator = new RefreshTokenRotator(new RedisRefreshTokenStore(before, "split:"), new RefreshTokenOptions());
        var family = await rotator.IssueAsync("alice");
        Assert.Equal(1, await WaitForReplicasAsync(before, 1, 5000));

        // The link breaks (the replica is promoted while the old primary still takes writes): the revocations
        // below are acknowledged by the old primary only.
        await replica.PromoteAsync();
        await new RedisJtiDenylist(before, "split:").RevokeAsync(access.TokenId, access.ExpiresAt);
        await rotator.RevokeFamilyAsync(family.FamilyId);
        Assert.Equal(0, await WaitForReplicasAsync(before, 1, 300));

        await primary.StopAsync();
        var after = _redis.Connect(replica);
        var verifier = tokens.Verifier(new RedisJtiDenylist(after, "split:"));
        Assert.True((await verifier.VerifyAsync(access.Token)).IsValid);
        var rotatorAfter = new RefreshTokenRotator(new RedisRefreshTokenStore(after, "split:"), new RefreshTokenOptions());
        Assert.Equal(RefreshStatus.Rotated, (await rotatorAfter.RotateAsync(family.Token)).Status);
    }
}
