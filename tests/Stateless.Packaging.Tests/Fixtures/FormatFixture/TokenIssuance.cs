using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace FormatFixture;

public sealed class Tokens(SigningCredentials credentials)
{
    // No expiry and no jti: valid forever, impossible to revoke one by one.
    public string Forever(string user)
    {
        var token = new JwtSecurityToken(
            issuer: "https://issuer.example",
            audience: "api",
            claims: new[] { new Claim(JwtRegisteredClaimNames.Sub, user) },
            signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    // A month-long access token.
    public string Month(string user)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.example",
            Audience = "api",
            Subject = new ClaimsIdentity(new[]
            {
                new Claim(JwtRegisteredClaimNames.Sub, user),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
            }),
            Expires = DateTime.UtcNow.AddDays(30),
            SigningCredentials = credentials,
        };
        return new JwtSecurityTokenHandler().CreateEncodedJwt(descriptor);
    }

    // A week-long token without a jti: two fixes in one constructor call.
    public string Week(string user)
    {
        var token = new JwtSecurityToken(
            "https://issuer.example",
            "api",
            new[] { new Claim(JwtRegisteredClaimNames.Sub, user) }, // the subject only
            DateTime.UtcNow,
            DateTime.UtcNow.AddDays(7),
            credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    // The handler sets no default lifetime and the descriptor names no expiry and no claims: two members to add.
    public string Bare()
    {
        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://issuer.example",
            Audience = "api",
            SigningCredentials = credentials, // the app's signing key
        };
        return handler.CreateEncodedJwt(descriptor);
    }
}
