using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StatefulShop.Auth;
using StatefulShop.Services;

namespace StatefulShop.Controllers;

[ApiController]
[Route("api/account")]
public class AccountController(LoginAttemptTracker attempts, TokenService tokens) : ControllerBase
{
    [HttpPost("login")]
    public IActionResult Login(LoginRequest request)
    {
        if (attempts.IsLockedOut(request.Username))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        // Demo users: any user whose password is "demo".
        if (request.Password != "demo")
        {
            attempts.RecordFailure(request.Username);
            return Unauthorized();
        }

        attempts.Reset(request.Username);
        return Ok(new { token = tokens.Issue(request.Username) });
    }

    [Authorize]
    [HttpGet("me")]
    public IActionResult Me() => Ok(new { name = User.Identity?.Name });
}

public sealed record LoginRequest(string Username, string Password);
