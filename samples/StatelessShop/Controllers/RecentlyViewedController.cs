using Microsoft.AspNetCore.Mvc;

namespace StatelessShop.Controllers;

/// <summary>Recently viewed products in the session, which lives in the shared distributed cache.</summary>
[ApiController]
[Route("api/recently-viewed")]
public class RecentlyViewedController : ControllerBase
{
    [HttpPost("{sku}")]
    public async Task<IActionResult> View(string sku)
    {
        await HttpContext.Session.LoadAsync(HttpContext.RequestAborted);
        var viewed = HttpContext.Session.GetString("viewed") is { } list ? list.Split(',').ToList() : new List<string>();
        viewed.Remove(sku);
        viewed.Insert(0, sku);
        HttpContext.Session.SetString("viewed", string.Join(',', viewed.Take(10)));
        return Ok(viewed.Take(10));
    }

    [HttpGet]
    public async Task<IActionResult> List()
    {
        await HttpContext.Session.LoadAsync(HttpContext.RequestAborted);
        return Ok(HttpContext.Session.GetString("viewed")?.Split(',') ?? Array.Empty<string>());
    }
}
