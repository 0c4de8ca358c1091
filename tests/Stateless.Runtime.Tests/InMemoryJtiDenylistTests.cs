using System;
using Microsoft.Extensions.Time.Testing;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

public sealed class InMemoryJtiDenylistTests
{
    private readonly FakeTimeProvider _time = new(TokenForge.Start);

    [Fact]
    public async Task Entry_lives_until_exp_plus_five_minutes_then_disappears()
    {
        var denylist = new InMemoryJtiDenylist(_time);
        var exp = _time.GetUtcNow().AddMinutes(10);
        await denylist.RevokeAsync("t", exp);

        Assert.True(await denylist.IsRevokedAsync("t"));
        Assert.False(await denylist.IsRevokedAsync("other"));

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));
        Assert.True(await denylist.IsRevokedAsync("t")); // after exp, inside any allowed skew: still refused

        _time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(29));
        Assert.True(await denylist.IsRevokedAsync("t"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await denylist.IsRevokedAsync("t"));
        Assert.Equal(0, denylist.Count);
    }

    [Fact]
    public async Task Revoked_token_inside_the_skew_after_exp_is_still_refused_by_the_verifier()
    {
        using var keys = new Keys();
        var denylist = new InMemoryJtiDenylist(keys.Time);
        var o = keys.Options();
        var verifier = new StatelessTokenVerifier(new StatelessTokenVerifierOptions { Issuer = o.Issuer, Audiences = o.Audiences, Algorithms = o.Algorithms, Keys = o.Keys, ClockSkew = TimeSpan.FromMinutes(5) }, denylist, keys.Time);
        var token = keys.Es256(keys.Claims("t-9"));
        await denylist.RevokeAsync("t-9", keys.Time.GetUtcNow().AddMinutes(10));

        keys.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(TokenFailure.Revoked, (await verifier.VerifyAsync(token)).Failure);
        keys.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TokenFailure.Expired, (await verifier.VerifyAsync(token)).Failure);
    }

    [Fact]
    public async Task Memory_is_bounded_by_live_revocations()
    {
        var denylist = new InMemoryJtiDenylist(_time);
        for (int round = 0; round < 20; round++)
        {
            for (int i = 0; i < 1000; i++)
            {
                await denylist.RevokeAsync($"r{round}-{i}", _time.GetUtcNow().AddMinutes(1));
            }

            Assert.True(denylist.Count <= 2000, $"round {round}: {denylist.Count} entries");
            _time.Advance(TimeSpan.FromMinutes(6));
        }

        await denylist.IsRevokedAsync("any");
        Assert.Equal(0, denylist.Count);
    }

    [Fact]
    public async Task Revoking_again_never_shortens_an_entry_and_past_tokens_are_not_kept()
    {
        var denylist = new InMemoryJtiDenylist(_time);
        await denylist.RevokeAsync("t", _time.GetUtcNow().AddHours(1));
        await denylist.RevokeAsync("t", _time.GetUtcNow().AddMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.True(await denylist.IsRevokedAsync("t"));

        await denylist.RevokeAsync("long-gone", _time.GetUtcNow().AddHours(-1));
        Assert.False(await denylist.IsRevokedAsync("long-gone"));
        Assert.Equal(1, denylist.Count);

        await Assert.ThrowsAsync<ArgumentException>(async () => await denylist.RevokeAsync("", _time.GetUtcNow()));
    }

    [Fact]
    public async Task Concurrent_revocations_and_lookups_are_safe()
    {
        var denylist = new InMemoryJtiDenylist(_time);
        var exp = _time.GetUtcNow().AddMinutes(10);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (int i = 0; i < 2000; i++)
            {
                await denylist.RevokeAsync($"w{worker}-{i}", exp.AddSeconds(i % 50));
                Assert.True(await denylist.IsRevokedAsync($"w{worker}-{i}"));
            }
        })));

        Assert.Equal(16000, denylist.Count);
        _time.Advance(TimeSpan.FromMinutes(16));
        await denylist.RevokeAsync("trigger", _time.GetUtcNow().AddMinutes(1));
        Assert.Equal(1, denylist.Count);
    }
}
