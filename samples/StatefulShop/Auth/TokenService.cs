using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace StatefulShop.Auth;

/// <summary>Mints access tokens the way many tutorials do.</summary>
public sealed class TokenService
{
    public const string Issuer = "https://stateful.shop";

    // A signing secret in source control, shared by every environment.
    public const string SigningSecret = "stateful-shop-demo-signing-secret-2024!";

    public string Issue(string username)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningSecret));
        var token = new JwtSecurityToken(
            issuer: Issuer,
            audience: "stateful-shop",
            claims: new[] { new Claim(JwtRegisteredClaimNames.Sub, username), new Claim(ClaimTypes.Name, username) },
            notBefore: DateTime.UtcNow,
            expires: DateTime.UtcNow.AddDays(30),       // a stolen token works for a month; no jti to revoke it
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
