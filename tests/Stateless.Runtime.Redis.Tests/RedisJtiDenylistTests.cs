using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class RedisJtiDenylistTests
{
    private readonly RedisFixture _redis;

    public RedisJtiDenylistTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task A_revocation_on_one_replica_is_seen_by_the_other()
    {
        string prefix = _redis.NewPrefix("jti");
        var a = new RedisJtiDenylist(_redis.Connect(), prefix);
        var b = new RedisJtiDenylist(_redis.Connect(), prefix);

        Assert.False(await b.IsRevokedAsync("token-1"));
        await a.RevokeAsync("token-1", DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.True(await b.IsRevokedAsync("token-1"));
        Assert.True(await a.IsRevokedAsync("token-1"));
        Assert.False(await b.IsRevokedAsync("token-2"));
        Assert.False(await b.IsRevokedAsync("TOKEN-1"));
    }

    [Fact]
    public async Task An_entry_is_one_key_that_expires_at_exp_plus_the_maximum_skew()
    {
        string prefix = _redis.NewPrefix("jti");
        var db = _redis.Shared.GetDatabase();
        var denylist = new RedisJtiDenylist(_redis.Shared, prefix);
        var exp = DateTimeOffset.UtcNow.AddMinutes(15);
        await denylist.RevokeAsync("abc", exp);

        var key = denylist.KeyFor("abc");
        Assert.Equal(prefix + "jti:abc", (string)key!);
        long pttl = (long)await db.ExecuteAsync("PTTL", key);
        Assert.NotEqual(-1, pttl);
        var expected = (exp + StatelessTokenDefaults.MaxClockSkew - DateTimeOffset.UtcNow).TotalMilliseconds;
        Assert.InRange(pttl, expected - 3000, expected + 1000);

        var entries = await RedisInspector.DumpAsync(_redis.Shared, prefix);
        Assert.Single(entries);
    }

    [Fact]
    public async Task Entries_clean_themselves_up_when_the_token_could_no_longer_be_accepted()
    {
        string prefix = _redis.NewPrefix("jti");
        var db = _redis.Shared.GetDatabase();
        var denylist = new RedisJtiDenylist(_redis.Shared, prefix);

        // exp almost five minutes ago: the entry must live only the remaining 2 s of the skew window.
        await denylist.RevokeAsync("short", DateTimeOffset.UtcNow - StatelessTokenDefaults.MaxClockSkew + TimeSpan.FromSeconds(2));
        Assert.True(await denylist.IsRevokedAsync("short"));
        long pttl = (long)await db.ExecuteAsync("PTTL", denylist.KeyFor("short"));
        Assert.InRange(pttl, 1, 2000);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await db.KeyExistsAsync(denylist.KeyFor("short")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(await db.KeyExistsAsync(denylist.KeyFor("short")));
        Assert.False(await denylist.IsRevokedAsync("short"));
    }

    [Fact]
    public async Task Revoking_a_token_already_past_its_window_writes_nothing()
    {
        string prefix = _redis.NewPrefix("jti");
        var denylist = new RedisJtiDenylist(_redis.Shared, prefix);
        await denylist.RevokeAsync("old", DateTimeOffset.UtcNow - StatelessTokenDefaults.MaxClockSkew - TimeSpan.FromSeconds(1));
        Assert.False(await denylist.IsRevokedAsync("old"));
        Assert.Empty(await RedisInspector.DumpAsync(_redis.Shared, prefix));
    }

    [Fact]
    public async Task Revoking_twice_never_shortens_an_entry()
    {
        string prefix = _redis.NewPrefix("jti");
        var db = _redis.Shared.GetDatabase();
        var denylist = new RedisJtiDenylist(_redis.Shared, prefix);
        var now = DateTimeOffset.UtcNow;
        await denylist.RevokeAsync("x", now.AddHours(1));
        await denylist.RevokeAsync("x", now.AddMinutes(1));

        long pttl = (long)await db.ExecuteAsync("PTTL", denylist.KeyFor("x"));
        Assert.True(pttl > TimeSpan.FromMinutes(60).TotalMilliseconds, $"PTTL {pttl}");

        await denylist.RevokeAsync("x", now.AddHours(2));
        pttl = (long)await db.ExecuteAsync("PTTL", denylist.KeyFor("x"));
        Assert.True(pttl > TimeSpan.FromMinutes(120).TotalMilliseconds, $"PTTL {pttl}");
    }

    [Fact]
    public async Task Retention_is_judged_by_the_injected_clock()
    {
        string prefix = _redis.NewPrefix("jti");
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var denylist = new RedisJtiDenylist(_redis.Shared, prefix, time);
        var exp = time.GetUtcNow().AddMinutes(15);
        await denylist.RevokeAsync("t", exp);

        time.SetUtcNow(exp + StatelessTokenDefaults.MaxClockSkew - TimeSpan.FromTicks(1));
        Assert.True(await denylist.IsRevokedAsync("t"));
        time.SetUtcNow(exp + StatelessTokenDefaults.MaxClockSkew);
        Assert.False(await denylist.IsRevokedAsync("t"));

        // The key's own expiry is a duration on that clock (20 minutes), whatever the Redis host's clock says.
        long pttl = (long)await _redis.Shared.GetDatabase().ExecuteAsync("PTTL", denylist.KeyFor("t"));
        Assert.InRange(pttl, TimeSpan.FromMinutes(19).TotalMilliseconds, TimeSpan.FromMinutes(20).TotalMilliseconds);
    }

    [Fact]
    public async Task A_key_this_code_did_not_write_still_counts_as_revoked()
    {
        string prefix = _redis.NewPrefix("jti");
        var denylist = new RedisJtiDenylist(_redis.Shared, prefix);
        await _redis.Shared.GetDatabase().StringSetAsync(denylist.KeyFor("manual"), "1", TimeSpan.FromMinutes(5));
        Assert.True(await denylist.IsRevokedAsync("manual"));
    }

    [Fact]
    public async Task Empty_ids_are_refused()
    {
        var denylist = new RedisJtiDenylist(_redis.Shared, _redis.NewPrefix("jti"));
        await Assert.ThrowsAsync<ArgumentException>(() => denylist.IsRevokedAsync(string.Empty).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => denylist.RevokeAsync(string.Empty, DateTimeOffset.UtcNow.AddMinutes(1)).AsTask());
    }

    [Fact]
    public async Task A_token_revoked_through_one_replica_is_refused_by_the_verifier_on_the_other()
    {
        string prefix = _redis.NewPrefix("jti");
        using var tokens = new AccessTokens();
        var replicaA = tokens.Verifier(new RedisJtiDenylist(_redis.Connect(), prefix));
        var denylistB = new RedisJtiDenylist(_redis.Connect(), prefix);
        var replicaB = tokens.Verifier(denylistB);

        var issued = tokens.Issuer.Issue("alice");
        var other = tokens.Issuer.Issue("alice");
        Assert.True((await replicaA.VerifyAsync(issued.Token)).IsValid);
        Assert.True((await replicaB.VerifyAsync(issued.Token)).IsValid);

        await denylistB.RevokeAsync(issued.TokenId, issued.ExpiresAt);

        var onA = await replicaA.VerifyAsync(issued.Token);
        Assert.False(onA.IsValid);
        Assert.Equal(TokenFailure.Revoked, onA.Failure);
        Assert.Equal(TokenFailure.Revoked, (await replicaB.VerifyAsync(issued.Token)).Failure);
        Assert.True((await replicaA.VerifyAsync(other.Token)).IsValid);
    }

    [Fact]
    public async Task The_denylist_read_is_one_round_trip()
    {
        string prefix = _redis.NewPrefix("jti");
        var connection = _redis.Connect();
        var denylist = new RedisJtiDenylist(connection, prefix);
        await denylist.RevokeAsync("one", DateTimeOffset.UtcNow.AddMinutes(5));
        var server = connection.GetServers().Single();
        var before = await CommandCallsAsync(server, "get");
        Assert.True(await denylist.IsRevokedAsync("one"));
        Assert.False(await denylist.IsRevokedAsync("two"));
        var after = await CommandCallsAsync(server, "get");
        Assert.Equal(2, after - before);
    }

    private static async Task<long> CommandCallsAsync(IServer server, string command)
    {
        var info = await server.InfoAsync("commandstats");
        var line = info.SelectMany(g => g).FirstOrDefault(kv => kv.Key == "cmdstat_" + command);
        if (line.Key is null)
        {
            return 0;
        }

        var calls = line.Value.Split(',')[0]; // calls=N
        return long.Parse(calls["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
