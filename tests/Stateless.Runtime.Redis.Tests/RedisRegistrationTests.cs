using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>The registration docs/runtime-redis.md shows: the Redis backends first, the runtime's defaults after them.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRegistrationTests
{
    private readonly RedisFixture _redis;

    public RedisRegistrationTests(RedisFixture redis) => _redis = redis;

    private ServiceProvider Replica(string prefix)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(_ => _redis.Connect());
        services.AddSingleton<IJtiDenylist>(sp => new RedisJtiDenylist(sp.GetRequiredService<IConnectionMultiplexer>(), prefix, sp.GetService<TimeProvider>()));
        services.AddSingleton<IRefreshTokenStore>(sp => new RedisRefreshTokenStore(sp.GetRequiredService<IConnectionMultiplexer>(), prefix));
        services.AddStatelessInMemoryRevocation(new RefreshTokenOptions { ReuseGracePeriod = TimeSpan.FromSeconds(5) });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Registered_first_the_redis_backends_serve_the_rotator_and_the_denylist_on_every_replica()
    {
        string prefix = _redis.NewPrefix("di");
        await using var a = Replica(prefix);
        await using var b = Replica(prefix);

        Assert.IsType<RedisJtiDenylist>(a.GetRequiredService<IJtiDenylist>());
        Assert.IsType<RedisRefreshTokenStore>(a.GetRequiredService<IRefreshTokenStore>());

        var issued = await a.GetRequiredService<RefreshTokenRotator>().IssueAsync("alice");
        var rotated = await b.GetRequiredService<RefreshTokenRotator>().RotateAsync(issued.Token);
        Assert.Equal(RefreshStatus.Rotated, rotated.Status);
        Assert.NotSame(a.GetRequiredService<IConnectionMultiplexer>(), b.GetRequiredService<IConnectionMultiplexer>());

        await a.GetRequiredService<IJtiDenylist>().RevokeAsync("jti-di", DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.True(await b.GetRequiredService<IJtiDenylist>().IsRevokedAsync("jti-di"));
    }
}
