using System.Runtime.Loader;
using Microsoft.Extensions.Caching.Distributed;
using Stateless.Testing;
using TinyStatefulApp;

namespace Stateless.Testing.Tests;

/// <summary>The fleet itself: isolation, kill/restart/add, every routing policy, deterministic replays.</summary>
public sealed class FleetTests
{
    private static async Task<List<int>> ServedBy(FleetClient client, string path, int count, string virtualClient = "default")
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await client.For(virtualClient).GetAsync(path);
            response.EnsureSuccessStatusCode();
        }

        return client.Log.Where(r => r.Client == virtualClient).TakeLast(count).Select(r => r.Replica).ToList();
    }

    [Fact]
    public async Task Each_replica_has_its_own_load_context_statics_and_container_but_shares_framework_types()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>();
        using var client = fleet.CreateClient(RoutingPolicy.RoundRobin());
        var http = client.For();

        var staticIds = new[] { await http.GetStringAsync("/static-id"), await http.GetStringAsync("/static-id") };
        var instanceIds = new[] { await http.GetStringAsync("/whoami"), await http.GetStringAsync("/whoami") };

        Assert.NotEqual(staticIds[0], staticIds[1]);
        Assert.NotEqual(instanceIds[0], instanceIds[1]);
        Assert.NotSame(fleet.Replicas[0].LoadContext, fleet.Replicas[1].LoadContext);
        Assert.True(fleet.Replicas[0].LoadContext.IsCollectible);
        Assert.NotSame(typeof(AppMarker).Assembly, fleet.Replicas[0].AppAssembly);
        Assert.Equal(typeof(AppMarker).Assembly.FullName, fleet.Replicas[0].AppAssembly.FullName);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(IDistributedCache).Assembly));
        Assert.Same(fleet.Shared.Cache, fleet.Replicas[0].Services.GetService(typeof(IDistributedCache)));
        Assert.Same(fleet.Shared.Cache, fleet.Replicas[1].Services.GetService(typeof(IDistributedCache)));
    }

    [Fact]
    public async Task Kill_restart_and_add_between_requests()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>();
        using var client = fleet.CreateClient(RoutingPolicy.RoundRobin());
        var http = client.For();
        var firstId = await http.GetStringAsync("/whoami");        // replica 0
        Assert.Equal("1", await (await http.PostAsync("/static-counter", null)).Content.ReadAsStringAsync()); // replica 1
        Assert.Equal("1", await (await http.PostAsync("/static-counter", null)).Content.ReadAsStringAsync()); // replica 0

        await fleet.KillAsync(0);
        Assert.False(fleet.Replicas[0].IsAlive);
        Assert.Equal([1, 1], await ServedBy(client, "/whoami", 2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => fleet.KillAsync(0));

        await fleet.RestartAsync(0);
        Assert.True(fleet.Replicas[0].IsAlive);
        Assert.Equal(2, fleet.Replicas[0].Generation);
        var restartedId = await http.GetStringAsync("/whoami");
        Assert.Equal(0, client.Log[^1].Replica);
        Assert.NotEqual(firstId, restartedId);
        await http.GetStringAsync("/whoami");               // replica 1: the next counter request goes to 0 again
        // The restarted replica starts cold: its static counter begins again.
        var counters = new List<(int Replica, string Value)>();
        for (var i = 0; i < 2; i++)
        {
            var value = await (await http.PostAsync("/static-counter", null)).Content.ReadAsStringAsync();
            counters.Add((client.Log[^1].Replica, value));
        }

        Assert.Contains((0, "1"), counters);
        Assert.Contains((1, "2"), counters);

        var added = await fleet.AddReplicaAsync();
        Assert.Equal(2, added.Index);
        Assert.Contains(2, await ServedBy(client, "/whoami", 3));
        Assert.Equal(
            ["add replica 0 (gen 1)", "add replica 1 (gen 1)", "kill replica 0 (gen 1)", "restart replica 0 (gen 1) -> cold replica 0 (gen 2)", "add replica 2 (gen 1)"],
            fleet.Events);

        await fleet.KillAsync(1);
        await fleet.KillAsync(2);
        await fleet.KillAsync(0);
        await Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync("/whoami"));
    }

    [Fact]
    public async Task Round_robin_cycles_through_live_replicas()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>(o => o.Replicas = 3);
        using var client = fleet.CreateClient(RoutingPolicy.RoundRobin());

        Assert.Equal([0, 1, 2, 0], await ServedBy(client, "/whoami", 4));
        await fleet.KillAsync(2);
        Assert.Equal([1, 0, 1], await ServedBy(client, "/whoami", 3));
    }

    [Fact]
    public async Task Random_routing_is_reproducible_from_its_seed()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>(o => o.Replicas = 3);
        using var first = fleet.CreateClient(RoutingPolicy.Random(42));
        using var second = fleet.CreateClient(RoutingPolicy.Random(42));
        using var other = fleet.CreateClient(RoutingPolicy.Random(43));

        var a = await ServedBy(first, "/whoami", 12);
        var b = await ServedBy(second, "/whoami", 12);
        var c = await ServedBy(other, "/whoami", 12);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(3, a.Distinct().Count());
        Assert.Equal("random(seed 42)", first.Routing.Name);
    }

    [Fact]
    public async Task Always_different_never_sends_a_client_to_its_previous_replica()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>(o => o.Replicas = 3);
        using var client = fleet.CreateClient(RoutingPolicy.AlwaysDifferent());

        var alice = await ServedBy(client, "/whoami", 4, "alice");
        var bob = await ServedBy(client, "/whoami", 2, "bob");

        Assert.Equal([0, 1, 2, 0], alice);
        Assert.Equal([0, 1], bob);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await client.For("carol").GetStringAsync("/whoami"));
        }

        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task Sticky_binds_each_client_until_its_replica_dies_then_fails_over()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>();
        using var client = fleet.CreateClient(RoutingPolicy.Sticky());

        Assert.Equal([0, 0, 0], await ServedBy(client, "/whoami", 3, "alice"));
        Assert.Equal([1, 1], await ServedBy(client, "/whoami", 2, "bob"));
        await fleet.KillAsync(0);
        Assert.Equal([1, 1], await ServedBy(client, "/whoami", 2, "alice"));
        await fleet.RestartAsync(0);
        Assert.Equal([1], await ServedBy(client, "/whoami", 1, "alice"));
        Assert.Equal([0], await ServedBy(client, "/whoami", 1, "dave"));
    }

    [Fact]
    public async Task Pinned_sends_everything_to_one_replica_and_refuses_a_dead_one()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>();
        using var client = fleet.CreateClient(RoutingPolicy.Pinned(1));

        Assert.Equal([1, 1, 1], await ServedBy(client, "/whoami", 3));
        await fleet.KillAsync(1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.For().GetAsync("/whoami"));
    }

    [Fact]
    public async Task Cookies_are_kept_per_virtual_client()
    {
        await using var fleet = await ReplicaFleet.StartAsync<TinyStatelessApp.AppMarker>(o => o.ShareDataProtectionKeys = true);
        using var client = fleet.CreateClient(RoutingPolicy.AlwaysDifferent());

        await client.For("alice").PostAsync("/viewed/A-1", null);
        await client.For("bob").PostAsync("/viewed/B-2", null);

        Assert.Equal("""["A-1"]""", await client.For("alice").GetStringAsync("/viewed"));
        Assert.Equal("""["B-2"]""", await client.For("bob").GetStringAsync("/viewed"));
        Assert.NotEmpty(fleet.Shared.DataProtectionKeys.GetAllElements());
    }

    [Fact]
    public async Task Scheduled_kills_restarts_and_additions_happen_before_their_step_and_show_in_the_trace()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>();
        var scenario = Scenario.Create("whoami").Get("/whoami").Get("/whoami").Get("/whoami").Get("/whoami");
        var schedule = FleetSchedule.RoundRobin().KillBefore(2).AddBefore(3).RestartBefore(4, replica: 1);

        var replay = await fleet.ReplayAsync(scenario, schedule);

        Assert.Equal([0, 1, 2, 1], replay.Steps.Select(s => s.ServedBy.Replica));
        Assert.Equal(2, replay.Steps[3].ServedBy.Generation - replay.Steps[1].ServedBy.Generation + 1);
        Assert.Contains("-- kill replica 0 (gen 1)", replay.Trace);
        Assert.Contains("-- add replica 2 (gen 1)", replay.Trace);
        Assert.Contains(replay.Trace, line => line.StartsWith("-- restart replica 1", StringComparison.Ordinal));
        Assert.Equal(
            "round-robin routing, then KILL the serving replica before step 2, ADD a replica before step 3, RESTART replica 1 before step 4",
            schedule.ToString());
    }

    [Fact]
    public async Task Random_schedule_replays_identically_from_its_seed()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>();
        var scenario = Scenario.Create("counter");
        for (var i = 0; i < 8; i++)
        {
            scenario.Post("/singleton-counter");
        }

        var first = await fleet.ReplayAsync(scenario, FleetSchedule.Random(5));
        var second = await fleet.ReplayAsync(scenario, FleetSchedule.Random(5));

        static IEnumerable<string> Shape(ReplayResult r) => r.Trace.Skip(1).Select(line => line.Replace("#", "", StringComparison.Ordinal));
        Assert.Equal(Shape(first), Shape(second));
        Assert.Equal(first.Steps.Select(s => s.Response.Body), second.Steps.Select(s => s.Response.Body));
        Assert.Contains(first.Trace, line => line.StartsWith("-- ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Capturing_a_missing_value_fails_the_step_that_uses_it()
    {
        await using var fleet = await ReplicaFleet.StartAsync<TinyStatelessApp.AppMarker>(o => o.Replicas = 1);
        var scenario = Scenario.Create("bad login")
            .Post("/login", """{"user":"carol","password":"wrong"}""").CaptureJson("token", "token")
            .Get("/me").WithBearer("{{token}}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fleet.ReplayAsync(scenario, FleetSchedule.SingleReplica));

        Assert.Contains("step 2: default: GET /me uses {{token}}, which no earlier step captured", error.Message, StringComparison.Ordinal);
    }
}
