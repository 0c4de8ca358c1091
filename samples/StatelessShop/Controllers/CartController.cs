using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc;
using StatelessShop.Services;

namespace StatelessShop.Controllers;

[ApiController]
[Route("api/cart")]
public class CartController(CartStore carts) : ControllerBase
{
    // Shipping zones never change after start-up: immutable, so every replica holds the same copy.
    private static readonly FrozenDictionary<string, decimal> ShippingRates =
        new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
        {
            ["EU"] = 4.90m,
            ["US"] = 9.90m,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    [HttpPost("{userId}/items")]
    public async Task<IActionResult> AddItem(string userId, CartLine line, CancellationToken cancellationToken) =>
        Ok(await carts.AddAsync(userId, line, cancellationToken));

    [HttpGet("{userId}")]
    public async Task<IActionResult> Get(string userId, CancellationToken cancellationToken) =>
        Ok(await carts.GetAsync(userId, cancellationToken));

    [HttpGet("{userId}/shipping/{zone}")]
    public IActionResult Shipping(string userId, string zone) =>
        ShippingRates.TryGetValue(zone, out var rate) ? Ok(rate) : NotFound();
}
