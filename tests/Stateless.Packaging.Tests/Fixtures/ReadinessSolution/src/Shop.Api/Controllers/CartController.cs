using Microsoft.AspNetCore.Mvc;

namespace Shop.Api.Controllers;

[ApiController]
[Route("api/cart")]
public class CartController : ControllerBase
{
    private static readonly Dictionary<string, List<string>> Carts = new();

    [HttpPost("{userId}/items")]
    public IActionResult AddItem(string userId, string sku)
    {
        lock (Carts)
        {
            if (!Carts.TryGetValue(userId, out var cart))
            {
                Carts[userId] = cart = new List<string>();
            }

            cart.Add(sku);
            return Ok(cart.Sum(Shop.Pricing.Prices.Of));
        }
    }
}
