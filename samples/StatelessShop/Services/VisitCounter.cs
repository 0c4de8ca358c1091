using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace StatelessShop.Services;

/// <summary>Page views and distinct visitors, kept in the shared cache.</summary>
public sealed class VisitCounter(IDistributedCache cache)
{
    public async Task<VisitStats> VisitAsync(string visitor, CancellationToken cancellationToken)
    {
        // With Redis, INCR and SADD make this atomic; through IDistributedCache it is read-modify-write.
        var visits = int.TryParse(await cache.GetStringAsync("visits:count", cancellationToken), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count + 1 : 1;
        var visitors = await cache.GetStringAsync("visits:visitors", cancellationToken) is { } json
            ? JsonSerializer.Deserialize<HashSet<string>>(json) ?? new HashSet<string>()
            : new HashSet<string>();
        visitors.Add(visitor);
        await cache.SetStringAsync("visits:count", visits.ToString(CultureInfo.InvariantCulture), cancellationToken);
        await cache.SetStringAsync("visits:visitors", JsonSerializer.Serialize(visitors), cancellationToken);
        return new VisitStats(visits, visitors.Count);
    }
}

public sealed record VisitStats(int Visits, int Distinct);
