using Stateless.Testing;

namespace Stateless.Testing.Tests;

/// <summary>The kit passes an app whose state lives outside the process and fails one that keeps it inside.</summary>
public sealed class TinyAppTests
{
    [Fact]
    public async Task Stateless_app_passes_every_default_schedule()
    {
        var keys = Directory.CreateTempSubdirectory("stateless-testing-keys-");
        try
        {
            await using var fleet = await ReplicaFleet.StartAsync<TinyStatelessApp.AppMarker>(
                o => o.Configuration["DataProtection:KeysPath"] = keys.FullName);
            var scenario = Scenario.Create("tiny stateless shop")
                .As("alice")
                .Post("/cart/alice/items", """{"sku":"A-1","quantity":1}""")
                .Post("/cart/alice/items", """{"sku":"B-2","quantity":2}""")
                .Get("/cart/alice")
                .Post("/viewed/A-1")
                .Post("/viewed/B-2")
                .Get("/viewed")
                .As("api")
                .Post("/login", """{"user":"carol","password":"demo"}""").CaptureJson("token", "token")
                .Get("/me").WithBearer("{{token}}")
                .Get("/protect/hello").CaptureRegex("protected", "^\"?([^\"]+)\"?$")
                .Get("/unprotect?value={{protected}}");

            // Data Protection payloads carry a fresh IV each time: volatile, like tokens.
            var options = new StatelessCheckOptions
            {
                Normalizer = ResponseNormalizer.Default.Then(ResponseNormalizer.Replace("CfDJ8[A-Za-z0-9_-]+", "<protected>")),
            };

            var report = await fleet.AssertStatelessAsync(scenario, options);

            var baseline = report.Baseline.Steps;
            Assert.Equal("""[{"sku":"A-1","quantity":1},{"sku":"B-2","quantity":2}]""", baseline[2].Response.Body);
            Assert.Equal("""["B-2","A-1"]""", baseline[5].Response.Body);
            Assert.Contains("\"issuedAt\":\"<timestamp>\"", baseline[6].Response.Body, StringComparison.Ordinal);
            Assert.Equal("""{"name":"carol"}""", baseline[7].Response.Body);
            Assert.Equal("hello", baseline[9].Response.Body);
            Assert.Equal(4, report.Replays.Count);
            Assert.All(report.Replays, r => Assert.True(r.Steps.Select(s => s.ServedBy.Replica).Distinct().Count() > 1));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Stateless_app_gets_the_shared_cache_because_it_registers_none()
    {
        await using var fleet = await ReplicaFleet.StartAsync<TinyStatelessApp.AppMarker>();

        foreach (var replica in fleet.Replicas)
        {
            Assert.Same(fleet.Shared.Cache, replica.Services.GetService(typeof(Microsoft.Extensions.Caching.Distributed.IDistributedCache)));
        }
    }

    [Fact]
    public async Task Stateful_app_fails_on_its_static_counter_and_its_singleton()
    {
        await using var fleet = await ReplicaFleet.StartAsync<TinyStatefulApp.AppMarker>();
        var options = new StatelessCheckOptions();
        options.Schedules.Clear();
        options.Schedules.Add(FleetSchedule.Sticky());
        options.Schedules.Add(FleetSchedule.RoundRobin());

        var statics = await fleet.CheckStatelessAsync(
            Scenario.Create("static counter").Post("/static-counter").Post("/static-counter").Post("/static-counter"), options);
        var singleton = await fleet.CheckStatelessAsync(
            Scenario.Create("singleton counter").Post("/singleton-counter").Post("/singleton-counter"), options);

        foreach (var report in new[] { statics, singleton })
        {
            Assert.False(report.IsStateless);
            Assert.Equal(2, report.Replays.Count);
            Assert.Equal("sticky routing", report.Replays[0].Schedule.Name);
            Assert.Equal(2, report.Difference!.Step.Number);
            Assert.Equal("2", report.Difference.Expected.Response.Body);
            Assert.Equal("1", report.Difference.Actual.Response.Body);
        }
    }
}
