using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>
/// Redis goes away mid-run (each test on its own server, never the shared one): every replica must fail closed —
/// rotation returns <see cref="RefreshStatus.StoreUnavailable"/>, the verifier <see cref="TokenFailure.StoreUnavailable"/>,
/// writes throw <see cref="StoreUnavailableException"/> — and do so within the connection's timeouts (seconds).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisOutageTests
{
    private static readonly TimeSpan FailFastLimit = TimeSpan.FromSeconds(10);

    private readonly RedisFixture _redis;

    public RedisOutageTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Redis_stopped_mid_run_makes_rotation_and_verification_fail_closed()
    {
        await using var server = await RedisServerProcess.StartAsync();
        // Replica A queues commands while disconnected and times out after 1 s; replica B fails fast.
        var connectionA = _redis.Connect(server, o => { o.AsyncTimeout = 1000; o.SyncTimeout = 1000; });
        var connectionB = _redis.Connect(server, o => { o.AsyncTimeout = 1000; o.SyncTimeout = 1000; o.BacklogPolicy = BacklogPolicy.FailFast; });
        const string prefix = "outage:";
        var rotatorA = new RefreshTokenRotator(new RedisRefreshTokenStore(connectionA, prefix), new RefreshTokenOptions());
        var rotatorB = new RefreshTokenRotator(new RedisRefreshTokenStore(connectionB, prefix), new RefreshTokenOptions());
        var denylistA = new RedisJtiDenylist(connectionA, prefix);
        using var tokens = new AccessTokens();
        var verifierB = tokens.Verifier(new RedisJtiDenylist(connectionB, prefix));

        var access = tokens.Issuer.Issue("alice");
        var revokedAccess = tokens.Issuer.Issue("alice");
        await denylistA.RevokeAsync(revokedAccess.TokenId, revokedAccess.ExpiresAt);
        Assert.True((await verifierB.VerifyAsync(access.Token)).IsValid);
        Assert.Equal(TokenFailure.Revoked, (await verifierB.VerifyAsync(revokedAccess.Token)).Failure);
        var spare = await rotatorB.IssueAsync("alice");

        // A replica rotating a chain while Redis dies under it.
        string current = (await rotatorA.IssueAsync("alice")).Token;
        var statuses = new List<RefreshStatus>();
        for (int i = 0; i < 20; i++)
        {
            if (i == 10)
            {
                await server.StopAsync();
            }

            var watch = Stopwatch.StartNew();
            var result = await rotatorA.RotateAsync(current);
            watch.Stop();
            statuses.Add(result.Status);
            if (result.Status == RefreshStatus.Rotated)
            {
                current = result.NewToken!.Token;
            }
            else
            {
                Assert.Equal(RefreshStatus.StoreUnavailable, result.Status);
                Assert.True(watch.Elapsed < FailFastLimit, $"rotation took {watch.Elapsed} to fail");
                if (statuses.Count(s => s == RefreshStatus.StoreUnavailable) >= 3)
                {
                    break;
                }
            }
        }

        Assert.Equal(Enumerable.Repeat(RefreshStatus.Rotated, 10), statuses.Take(10));
        Assert.All(statuses.Skip(10), s => Assert.Equal(RefreshStatus.StoreUnavailable, s));
        Assert.Equal(3, statuses.Count(s => s == RefreshStatus.StoreUnavailable));

        // The other replica: rotation, verification of a valid and of a revoked token, all fail closed.
        Assert.Equal(RefreshStatus.StoreUnavailable, (await TimedAsync(() => rotatorB.RotateAsync(spare.Token).AsTask())).Status);
        var valid = await TimedAsync(() => verifierB.VerifyAsync(access.Token).AsTask());
        Assert.False(valid.IsValid);
        Assert.Equal(TokenFailure.StoreUnavailable, valid.Failure);
        Assert.Equal(TokenFailure.StoreUnavailable, (await TimedAsync(() => verifierB.VerifyAsync(revokedAccess.Token).AsTask())).Failure);

        // Writes that cannot report a status throw, never pretend.
        await TimedAsync(() => Assert.ThrowsAsync<StoreUnavailableException>(() => denylistA.RevokeAsync(access.TokenId, access.ExpiresAt).AsTask()));
        await TimedAsync(() => Assert.ThrowsAsync<StoreUnavailableException>(() => denylistA.IsRevokedAsync(access.TokenId).AsTask()));
        await TimedAsync(() => Assert.ThrowsAsync<StoreUnavailableException>(() => rotatorA.IssueAsync("alice").AsTask()));
        await TimedAsync(() => Assert.ThrowsAsync<StoreUnavailableException>(() => rotatorB.RevokeFamilyAsync(spare.FamilyId).AsTask()));
        await TimedAsync(() => Assert.ThrowsAsync<StoreUnavailableException>(() => rotatorB.RevokeSubjectAsync("alice").AsTask()));
    }

    [Fact]
    public async Task Replicas_recover_when_redis_returns_and_lost_state_fails_closed()
    {
        var server = await RedisServerProcess.StartAsync();
        int port = server.Port;
        var connection = _redis.Connect(server, o => o.AsyncTimeout = 1000);
        var rotator = new RefreshTokenRotator(new RedisRefreshTokenStore(connection, "restart:"), new RefreshTokenOptions());
        var issued = await rotator.IssueAsync("alice");

        await server.DisposeAsync();
        Assert.Equal(RefreshStatus.StoreUnavailable, (await rotator.RotateAsync(issued.Token)).Status);

        // The same address again, empty (no persistence): the connection heals by itself, and a token the store
        // no longer knows is refused, never rotated.
        await using var restarted = await RedisServerProcess.StartAsync(port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        RefreshResult result;
        do
        {
            result = await rotator.RotateAsync(issued.Token);
            if (result.Status != RefreshStatus.StoreUnavailable)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(RefreshStatus.Invalid, result.Status);
        var fresh = await rotator.IssueAsync("alice");
        Assert.Equal(RefreshStatus.Rotated, (await rotator.RotateAsync(fresh.Token)).Status);
    }

    [Fact]
    public async Task A_connection_that_never_reached_redis_fails_closed()
    {
        // A port with nothing behind it any more.
        await using var server = await RedisServerProcess.StartAsync();
        await server.StopAsync();
        using var tokens = new AccessTokens();
        var options = RedisFixture.Options(server.EndPoint);
        options.ConnectTimeout = 1000;
        options.AsyncTimeout = 1000;
        var lateConnection = await ConnectionMultiplexer.ConnectAsync(options);
        try
        {
            Assert.False(lateConnection.IsConnected);
            var verifier = tokens.Verifier(new RedisJtiDenylist(lateConnection));
            var result = await TimedAsync(() => verifier.VerifyAsync(tokens.Issuer.Issue("alice").Token).AsTask());
            Assert.Equal(TokenFailure.StoreUnavailable, result.Failure);
            var rotator = new RefreshTokenRotator(new RedisRefreshTokenStore(lateConnection), new RefreshTokenOptions());
            Assert.Equal(RefreshStatus.StoreUnavailable, (await TimedAsync(() => rotator.RotateAsync("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").AsTask())).Status);
        }
        finally
        {
            await lateConnection.DisposeAsync();
        }
    }

    private static async Task<T> TimedAsync<T>(Func<Task<T>> call)
    {
        var watch = Stopwatch.StartNew();
        var result = await call();
        Assert.True(watch.Elapsed < FailFastLimit, $"the call took {watch.Elapsed} to fail");
        return result;
    }
}
