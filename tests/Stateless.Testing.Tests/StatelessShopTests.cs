extern alias StatelessShop;

using Stateless.Testing;
using ShopProgram = StatelessShop::Program;

namespace Stateless.Testing.Tests;

/// <summary>
/// The "after" sample passes every shop scenario that the "before" sample fails, under every default schedule:
/// always-different routing, round robin, sticky, restarts before each step and seeded random churn.
/// </summary>
public sealed class StatelessShopTests
{
    [Theory]
    [MemberData(nameof(ShopScenarios.Names), MemberType = typeof(ShopScenarios))]
    public async Task Passes_every_shop_scenario(string name)
    {
        // In Development StatelessShop registers AddDistributedMemoryCache(); in production it uses Redis. The fleet
        // stands in for Redis with one cache shared by all replicas. Data Protection keys are persisted by the app
        // itself to a folder every local replica shares, so the fleet does not share them for it.
        await using var fleet = await ReplicaFleet.StartAsync<ShopProgram>(o => o.DistributedCache = SharedCacheMode.ReplaceAll);

        // Refresh tokens are random opaque values: compare their presence, not their bytes.
        var options = new StatelessCheckOptions
        {
            Normalizer = ResponseNormalizer.Default.Then(ResponseNormalizer.Replace("\"refreshToken\":\"[^\"]+\"", "\"refreshToken\":\"<refresh-token>\"")),
        };

        await fleet.AssertStatelessAsync(ShopScenarios.Get(name), options);
    }
}
