using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.AspNetCore.Mvc;

namespace FormatFixture;

[ApiController]
[Route("lookups")]
public class LookupsController : ControllerBase
{
    // Never written after start-up: the STL1001 fix freezes the writable one, the STL1006 fix the read-only ones.
    private static readonly FrozenDictionary<string, string> Countries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["DE"] = "Germany",
        ["FR"] = "France",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Currencies = new HashSet<string>() { "EUR", "USD" }.ToFrozenSet();

    private static readonly ImmutableArray<int> PageSizes = ImmutableArray.Create(10, 20, 50);

    [HttpGet("country/{code}")]
    public IActionResult Country(string code) => Countries.TryGetValue(code, out var name) ? Ok(name) : NotFound();

    [HttpGet("currency/{code}")]
    public bool Currency(string code) => Currencies.Contains(code);

    [HttpGet("page-size/{index}")]
    public int PageSize(int index) => PageSizes[index];
}
