extern alias StatefulShop;

using Stateless.Testing;
using ShopProgram = StatefulShop::Program;

namespace Stateless.Testing.Tests;

/// <summary>The "before" sample fails the fleet test, once per kind of state it keeps, and passes where it is stateless.</summary>
public sealed class StatefulShopTests
{
    private static StatelessCheckOptions AlwaysDifferentOnly()
    {
        var options = new StatelessCheckOptions();
        options.Schedules.Clear();
        options.Schedules.Add(FleetSchedule.AlwaysDifferent());
        return options;
    }

    private static Scenario StaticCart() => ShopScenarios.StaticCart();

    private static Scenario RecentlyViewed() => ShopScenarios.RecentlyViewed();

    [Theory]
    [InlineData("static cart")]
    [InlineData("recently viewed")]
    [InlineData("visits")]
    public async Task Fails_each_stateful_shop_scenario_with_default_options(string name)
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>();

        var failure = await Assert.ThrowsAsync<StatelessAssertionException>(() => fleet.AssertStatelessAsync(ShopScenarios.Get(name)));

        Assert.Equal(2, failure.Report.Difference!.Step.Number);
        Assert.Equal("always-different routing", failure.Report.FailingSchedule!.Name);
    }

    [Fact]
    public async Task Static_cart_item_added_on_one_replica_is_missing_on_the_next()
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>();

        var report = await fleet.CheckStatelessAsync(StaticCart(), AlwaysDifferentOnly());

        Assert.False(report.IsStateless);
        var difference = report.Difference!;
        Assert.Equal(2, difference.Step.Number);
        Assert.Equal(["body"], difference.Differences);
        Assert.Equal("""[{"sku":"A-1","quantity":1},{"sku":"B-2","quantity":2}]""", difference.Expected.Response.Body);
        Assert.Equal("""[{"sku":"B-2","quantity":2}]""", difference.Actual.Response.Body);
        Assert.NotEqual(report.Replays[^1].Steps[0].ServedBy.Replica, difference.Actual.ServedBy.Replica);
    }

    [Fact]
    public async Task AssertStatelessAsync_throws_a_readable_failure_for_the_static_cart()
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>();

        var failure = await Assert.ThrowsAsync<StatelessAssertionException>(() => fleet.AssertStatelessAsync(StaticCart()));

        var message = failure.Message;
        Assert.Contains("Scenario \"static cart\" is not stateless: step 2 of 2 differs", message, StringComparison.Ordinal);
        Assert.Contains("Schedule: always-different routing", message, StringComparison.Ordinal);
        Assert.Contains("expected (baseline, replica 0): 200, Content-Type: application/json; charset=utf-8, body: [{\"sku\":\"A-1\"", message, StringComparison.Ordinal);
        Assert.Contains("actual   (fleet, replica 1 gen 1): 200", message, StringComparison.Ordinal);
        Assert.Contains("#1 alice: POST /api/cart/alice-", message, StringComparison.Ordinal);
        Assert.Contains("-> replica 0 (gen 1): 200", message, StringComparison.Ordinal);
        Assert.Contains("#2 alice: POST /api/cart/alice-", message, StringComparison.Ordinal);
        Assert.Same(failure.Report.FailingSchedule, failure.Report.Replays[^1].Schedule);
    }

    [Fact]
    public async Task In_memory_session_is_lost_on_the_next_replica_even_with_shared_keys()
    {
        // Keys shared: the session cookie is readable everywhere, so only the session store is at fault.
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>(o => o.ShareDataProtectionKeys = true);

        var report = await fleet.CheckStatelessAsync(RecentlyViewed(), AlwaysDifferentOnly());

        Assert.False(report.IsStateless);
        Assert.Equal(2, report.Difference!.Step.Number);
        Assert.Equal("""["B-2","A-1"]""", report.Difference.Expected.Response.Body);
        Assert.Equal("""["B-2"]""", report.Difference.Actual.Response.Body);
        Assert.NotSame(fleet.Replicas[0].Services.GetService(typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache)),
            fleet.Replicas[1].Services.GetService(typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache)));
    }

    [Fact]
    public async Task Unpersisted_data_protection_keys_reject_the_session_cookie_of_another_replica()
    {
        // The session store is shared (what moving it to Redis gives), the keys are the app's own: one ring per replica.
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>(o => o.DistributedCache = SharedCacheMode.ReplaceAll);

        var report = await fleet.CheckStatelessAsync(RecentlyViewed(), AlwaysDifferentOnly());

        Assert.False(report.IsStateless);
        Assert.Equal(2, report.Difference!.Step.Number);
        Assert.Equal("""["B-2"]""", report.Difference.Actual.Response.Body);
        Assert.Same(fleet.Shared.Cache,
            fleet.Replicas[1].Services.GetService(typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache)));
    }

    [Fact]
    public async Task Session_passes_once_both_the_store_and_the_keys_are_shared()
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>(o =>
        {
            o.DistributedCache = SharedCacheMode.ReplaceAll;
            o.ShareDataProtectionKeys = true;
        });

        var report = await fleet.AssertStatelessAsync(RecentlyViewed());

        Assert.Equal(4, report.Replays.Count);
        Assert.Equal("""["B-2","A-1"]""", report.Baseline.Steps[2].Response.Body);
    }

    [Fact]
    public async Task Sticky_routing_hides_the_static_cart_until_the_serving_replica_restarts()
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>();
        var options = new StatelessCheckOptions();
        options.Schedules.Clear();
        options.Schedules.Add(FleetSchedule.Sticky());
        options.Schedules.Add(FleetSchedule.RestartServingReplicaEachStep());

        var report = await fleet.CheckStatelessAsync(StaticCart(), options);

        Assert.Equal(2, report.Replays.Count);
        Assert.Equal("sticky routing, serving replica restarted before each step", report.FailingSchedule!.Name);
        Assert.Equal(2, report.Difference!.Step.Number);
        Assert.Equal((0, 2), (report.Difference.Actual.ServedBy.Replica, report.Difference.Actual.ServedBy.Generation));
        Assert.Contains("-- restart replica 0 (gen 1) -> cold replica 0 (gen 2)", report.Replays[1].Trace);
        Assert.Contains("Passed before it: sticky routing", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Captured_visit_counter_differs_per_replica()
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>();
        var report = await fleet.CheckStatelessAsync(ShopScenarios.Visits(), AlwaysDifferentOnly());

        Assert.Equal(2, report.Difference!.Step.Number);
        Assert.Equal("""{"visits":2,"distinct":1}""", report.Difference.Expected.Response.Body);
        Assert.Equal("""{"visits":1,"distinct":1}""", report.Difference.Actual.Response.Body);
    }

    [Fact]
    public async Task Jwt_login_is_stateless_and_the_token_is_carried_to_the_next_step()
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>();
        var report = await fleet.AssertStatelessAsync(ShopScenarios.LoginThenMe());

        Assert.Equal("""{"token":"<jwt>"}""", report.Baseline.Steps[0].Response.Body);
        Assert.All(report.Replays, r => Assert.Equal("""{"name":"carol"}""", r.Steps[1].Response.Body));
    }

    [Fact]
    public async Task App_local_dependencies_load_per_replica_and_framework_assemblies_once()
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>();
        await fleet.AssertStatelessAsync(ShopScenarios.LoginThenMe());   // JWT validation runs on both replicas

        foreach (var replica in fleet.Replicas)
        {
            var names = replica.LoadContext.Assemblies.Select(a => a.GetName().Name).ToList();
            Assert.Contains("StatefulShop", names);
            Assert.Contains("Microsoft.AspNetCore.Authentication.JwtBearer", names);
            Assert.Contains("Microsoft.IdentityModel.Tokens", names);
            Assert.DoesNotContain("Microsoft.AspNetCore.Mvc.Core", names);
            Assert.DoesNotContain("Microsoft.Extensions.Caching.Abstractions", names);
            Assert.DoesNotContain("Stateless.Testing", names);
        }
    }

    [Fact]
    public async Task Shared_statics_hide_the_static_cart_which_is_why_replicas_get_their_own_load_context()
    {
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>(o => o.Isolation = StaticIsolation.SharedProcess);

        var report = await fleet.CheckStatelessAsync(StaticCart(), AlwaysDifferentOnly());

        Assert.True(report.IsStateless, report.Describe());
        Assert.Same(typeof(ShopProgram).Assembly, fleet.Replicas[1].AppAssembly);
    }
}
