using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace FormatFixture;

// The code does not say which algorithm family the keys use: the IDE offers each choice, dotnet format applies none.
public static class Ambiguous
{
    public static TokenValidationParameters UnknownKey(SecurityKey key) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        IssuerSigningKey = key,
    };

    public static TokenValidationParameters TwoFamilies(RSA rsa, byte[] secret) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
        ClockSkew = TimeSpan.FromMinutes(5),
    };

    public static TokenValidationParameters MixedAlgorithms(RSA rsa, byte[] secret) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256 },
        IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
    };
}
