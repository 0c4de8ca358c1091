using Microsoft.Extensions.Caching.StackExchangeRedis;
using Stateless.Testing;
using StackExchange.Redis;

namespace Stateless.Testing.Tests;

/// <summary>The shared cache on a real Redis (a redis-server the test starts on a free loopback port).</summary>
public sealed class RedisFleetTests
{
    [Fact]
    public async Task Replicas_share_a_real_redis_with_a_fresh_prefix_per_replay()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var keys = Directory.CreateTempSubdirectory("stateless-testing-keys-");
        try
        {
            await using var fleet = await ReplicaFleet.StartAsync<TinyStatelessApp.AppMarker>(o =>
            {
                o.RedisConnectionString = redis.EndPoint;
                o.Configuration["DataProtection:KeysPath"] = keys.FullName;
            });
            var scenario = Scenario.Create("cart and session on redis")
                .Post("/cart/alice/items", """{"sku":"A-1","quantity":1}""")
                .Post("/cart/alice/items", """{"sku":"B-2","quantity":2}""")
                .Post("/viewed/A-1")
                .Post("/viewed/B-2")
                .Get("/viewed");
            var options = new StatelessCheckOptions();
            options.Schedules.Clear();
            options.Schedules.Add(FleetSchedule.AlwaysDifferent());
            options.Schedules.Add(FleetSchedule.RestartServingReplicaEachStep());

            var report = await fleet.AssertStatelessAsync(scenario, options);

            Assert.IsType<RedisCache>(fleet.Shared.Store);
            Assert.Equal("""[{"sku":"A-1","quantity":1},{"sku":"B-2","quantity":2}]""", report.Replays[1].Steps[1].Response.Body);
            using var connection = await ConnectionMultiplexer.ConnectAsync(redis.EndPoint);
            var stored = connection.GetServer(redis.EndPoint).Keys(pattern: "stateless-testing:*").Select(k => k.ToString()).ToList();
            var carts = stored.Where(k => k.EndsWith(":cart:alice", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, carts.Count);                                   // baseline and two replays, one prefix each
            Assert.Equal(3, carts.Select(k => k[..^":cart:alice".Length]).Distinct().Count());
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }
}
