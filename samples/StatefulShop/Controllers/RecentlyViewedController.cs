using Microsoft.AspNetCore.Mvc;

namespace StatefulShop.Controllers;

/// <summary>Recently viewed products, kept in the session (backed by this replica's memory).</summary>
[ApiController]
[Route("api/recently-viewed")]
public class RecentlyViewedController : ControllerBase
{
    [HttpPost("{sku}")]
    public IActionResult View(string sku)
    {
        var viewed = HttpContext.Session.GetString("viewed") is { } list ? list.Split(',').ToList() : new List<string>();
        viewed.Remove(sku);
        viewed.Insert(0, sku);
        HttpContext.Session.SetString("viewed", string.Join(',', viewed.Take(10)));
        return Ok(viewed.Take(10));
    }

    [HttpGet]
    public IActionResult List() =>
        Ok(HttpContext.Session.GetString("viewed")?.Split(',') ?? Array.Empty<string>());
}
