using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace StatelessShop.Services;

/// <summary>Carts in the distributed cache, keyed by user: every replica reads the same cart.</summary>
public sealed class CartStore(IDistributedCache cache)
{
    private static readonly DistributedCacheEntryOptions Expiry = new() { SlidingExpiration = TimeSpan.FromDays(7) };

    public async Task<List<CartLine>> GetAsync(string userId, CancellationToken cancellationToken) =>
        await cache.GetStringAsync(Key(userId), cancellationToken) is { } json
            ? JsonSerializer.Deserialize<List<CartLine>>(json) ?? new List<CartLine>()
            : new List<CartLine>();

    public async Task<List<CartLine>> AddAsync(string userId, CartLine line, CancellationToken cancellationToken)
    {
        // Read-modify-write: concurrent adds to one cart can race; a Redis list or a database row with a version
        // column makes it atomic. Correct across replicas either way, unlike the in-process dictionary it replaces.
        var cart = await GetAsync(userId, cancellationToken);
        cart.Add(line);
        await cache.SetStringAsync(Key(userId), JsonSerializer.Serialize(cart), Expiry, cancellationToken);
        return cart;
    }

    private static string Key(string userId) => "cart:" + userId;
}

public sealed record CartLine(string Sku, int Quantity);
