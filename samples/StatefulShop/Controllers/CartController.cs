using Microsoft.AspNetCore.Mvc;

namespace StatefulShop.Controllers;

[ApiController]
[Route("api/cart")]
public class CartController : ControllerBase
{
    // Each user's cart lives in this replica's memory: the next request may land on another replica.
    private static readonly Dictionary<string, List<CartLine>> Carts = new();

    // Shipping zones never change after start-up: safe to keep, but it should be immutable.
    private static Dictionary<string, decimal> ShippingRates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EU"] = 4.90m,
        ["US"] = 9.90m,
    };

    [HttpPost("{userId}/items")]
    public IActionResult AddItem(string userId, CartLine line)
    {
        lock (Carts)
        {
            if (!Carts.TryGetValue(userId, out var cart))
            {
                Carts[userId] = cart = new List<CartLine>();
            }

            cart.Add(line);
            return Ok(cart);
        }
    }

    [HttpGet("{userId}/shipping/{zone}")]
    public IActionResult Shipping(string userId, string zone) =>
        ShippingRates.TryGetValue(zone, out var rate) ? Ok(rate) : NotFound();
}

public sealed record CartLine(string Sku, int Quantity);
