using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StatelessShop.Auth;
using StatelessShop.Services;

namespace StatelessShop.Controllers;

[ApiController]
[Route("api/account")]
public class AccountController(LoginAttemptTracker attempts, TokenService tokens) : ControllerBase
{
    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginRequest request, CancellationToken cancellationToken)
    {
        if (await attempts.IsLockedOutAsync(request.Username, cancellationToken))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        // Demo users: any user whose password is "demo".
        if (request.Password != "demo")
        {
            await attempts.RecordFailureAsync(request.Username, cancellationToken);
            return Unauthorized();
        }

        await attempts.ResetAsync(request.Username, cancellationToken);
        return Ok(await tokens.IssueAsync(request.Username, cancellationToken));
    }

    [HttpPost("refresh")]
    public async Task<IActionResult> Refresh(RefreshRequest request, CancellationToken cancellationToken) =>
        await tokens.RefreshAsync(request.RefreshToken, cancellationToken) is { } pair ? Ok(pair) : Unauthorized();

    [Authorize]
    [HttpPost("logout")]
    public async Task<IActionResult> LogOut(CancellationToken cancellationToken)
    {
        var subject = User.FindFirst("sub")?.Value;
        var tokenId = User.FindFirst("jti")?.Value;
        if (subject is null || tokenId is null || !long.TryParse(User.FindFirst("exp")?.Value, out var exp))
        {
            return BadRequest();
        }

        await tokens.LogOutEverywhereAsync(subject, tokenId, DateTimeOffset.FromUnixTimeSeconds(exp), cancellationToken);
        return NoContent();
    }

    [Authorize]
    [HttpGet("me")]
    public IActionResult Me() => Ok(new { name = User.FindFirst("sub")?.Value });
}

public sealed record LoginRequest(string Username, string Password);

public sealed record RefreshRequest(string RefreshToken);
