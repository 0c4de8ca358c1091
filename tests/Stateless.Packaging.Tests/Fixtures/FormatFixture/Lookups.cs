using Microsoft.AspNetCore.Mvc;

namespace FormatFixture;

[ApiController]
[Route("lookups")]
public class LookupsController : ControllerBase
{
    // Never written after start-up: the STL1001 fix freezes the writable one, the STL1006 fix the read-only ones.
    private static Dictionary<string, string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DE"] = "Germany",
        ["FR"] = "France",
    };

    private static readonly HashSet<string> Currencies = new() { "EUR", "USD" };

    private static readonly int[] PageSizes = { 10, 20, 50 };

    [HttpGet("country/{code}")]
    public IActionResult Country(string code) => Countries.TryGetValue(code, out var name) ? Ok(name) : NotFound();

    [HttpGet("currency/{code}")]
    public bool Currency(string code) => Currencies.Contains(code);

    [HttpGet("page-size/{index}")]
    public int PageSize(int index) => PageSizes[index];
}
