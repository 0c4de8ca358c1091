using System;
using System.Linq;
using System.Threading.Tasks;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>
/// A one-node Redis Cluster (cluster mode on, all 16384 slots on this node). Cluster mode refuses any command or
/// script whose keys hash to different slots (<c>CROSSSLOT</c>), even on one node: so every operation passing here
/// proves its keys share a slot — one family's keys by their <c>{familyId}</c> tag, the subject index on its own.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClusterTests
{
    private readonly RedisFixture _redis;

    public RedisClusterTests(RedisFixture redis) => _redis = redis;

    private static async Task<RedisServerProcess> StartClusterNodeAsync()
    {
        var node = await RedisServerProcess.StartAsync(null, ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"]);
        try
        {
            await using var admin = await ConnectionMultiplexer.ConnectAsync(RedisFixture.Options(node.EndPoint));
            var server = admin.GetServer(node.EndPoint);
            await server.ExecuteAsync("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                var info = (string?)await server.ExecuteAsync("CLUSTER", "INFO");
                if (info is not null && info.Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    return node;
                }

                await Task.Delay(100);
            }

            throw new InvalidOperationException("The one-node cluster did not reach cluster_state:ok.");
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task Every_operation_runs_in_cluster_mode_without_crossing_slots()
    {
        await using var node = await StartClusterNodeAsync();
        var a = _redis.Connect(node);
        var b = _redis.Connect(node);
        Assert.Equal(ServerType.Cluster, a.GetServer(node.EndPoint).ServerType);

        var options = new RefreshTokenOptions { ReuseGracePeriod = TimeSpan.FromSeconds(10) };
        var rotatorA = new RefreshTokenRotator(new RedisRefreshTokenStore(a), options);
        var rotatorB = new RefreshTokenRotator(new RedisRefreshTokenStore(b), options);

        var issued = await rotatorA.IssueAsync("alice");
        var rotated = await rotatorB.RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.Rotated, rotated.Status);
        var replay = await rotatorA.RotateAsync(issued.Token);
        Assert.Equal(rotated.NewToken!.Token, replay.NewToken!.Token);
        var next = await rotatorA.RotateAsync(rotated.NewToken.Token);
        Assert.Equal(RefreshStatus.Rotated, next.Status);
        Assert.Equal(RefreshStatus.ReuseDetected, (await rotatorB.RotateAsync(issued.Token)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await rotatorB.RotateAsync(next.NewToken!.Token)).Status);

        var second = await rotatorA.IssueAsync("alice");
        var third = await rotatorB.IssueAsync("alice");
        await rotatorB.RevokeFamilyAsync(second.FamilyId);
        await rotatorA.RevokeSubjectAsync("alice");
        Assert.Equal(RefreshStatus.Revoked, (await rotatorB.RotateAsync(third.Token)).Status);

        using var tokens = new AccessTokens();
        var denylist = new RedisJtiDenylist(a);
        var verifier = tokens.Verifier(new RedisJtiDenylist(b));
        var access = tokens.Issuer.Issue("alice");
        await denylist.RevokeAsync(access.TokenId, access.ExpiresAt);
        Assert.Equal(TokenFailure.Revoked, (await verifier.VerifyAsync(access.Token)).Failure);
    }

    [Fact]
    public async Task The_cluster_node_does_refuse_a_script_over_two_families()
    {
        // The control for the test above: a script touching two families' keys is refused, so passing means something.
        await using var node = await StartClusterNodeAsync();
        var connection = _redis.Connect(node);
        var store = new RedisRefreshTokenStore(connection);
        RedisKey[] keys = [store.FamilyKey("AAAAAAAAAAAAAAAAAAAAAA"), store.FamilyKey("BBBBBBBBBBBBBBBBBBBBBB")];
        Assert.NotEqual(ClusterSlot.Of((string)keys[0]!), ClusterSlot.Of((string)keys[1]!));

        var error = await Assert.ThrowsAnyAsync<RedisException>(() => connection.GetDatabase().ScriptEvaluateAsync("return redis.call('EXISTS', KEYS[1], KEYS[2])", keys));
        Assert.Contains("slot", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
