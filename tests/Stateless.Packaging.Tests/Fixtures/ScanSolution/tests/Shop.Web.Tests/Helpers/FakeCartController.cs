using Microsoft.AspNetCore.Mvc;
using Shop.Core;

namespace Shop.Web.Tests.Helpers;

[ApiController]
[Route("api/fake-cart")]
public class FakeCartController : ControllerBase
{
    private static readonly Dictionary<string, List<CartLine>> Carts = new();

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
            return Ok(cart.Count);
        }
    }
}
