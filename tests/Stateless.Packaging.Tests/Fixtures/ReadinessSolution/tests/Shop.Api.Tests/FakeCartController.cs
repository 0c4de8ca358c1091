using Microsoft.AspNetCore.Mvc;

namespace Shop.Api.Tests;

[ApiController]
public class FakeCartController : ControllerBase
{
    private static readonly Dictionary<string, int> Calls = new();

    [HttpGet("{userId}")]
    public int Call(string userId) => Calls[userId] = Calls.TryGetValue(userId, out var n) ? n + 1 : 1;
}
