using Stateless.Testing;
using TinyStatefulApp;

namespace Stateless.Testing.Tests;

public sealed class FleetSmokeTests
{
    [Fact]
    public async Task Replicas_have_their_own_statics()
    {
        await using var fleet = await ReplicaFleet.StartAsync<AppMarker>();
        using var client = fleet.CreateClient(RoutingPolicy.RoundRobin());
        var http = client.For();
        var a = await http.GetStringAsync("/static-id");
        var b = await http.GetStringAsync("/static-id");
        Assert.NotEqual(a, b);
    }
}
