using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace FormatFixture;

public static class TokenValidation
{
    // Every check a tutorial ever switched off "to make it work".
    public static TokenValidationParameters Lax(string key) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example", // the one issuer we trust
        ValidAudience = "api",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), // from user secrets
        ClockSkew = TimeSpan.FromMinutes(5), // expect: STL2007
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
    };

    public static TokenValidationParameters Mixed(string key) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 }, // expect: STL2002
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        ClockSkew = TimeSpan.FromMinutes(5) // expect: STL2007
    };

    public static TokenValidationParameters Rsa(RSA rsa) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 },
        IssuerSigningKey = new RsaSecurityKey(rsa),
    };

    public static void Configure(JwtBearerOptions options, string key)
    {
        options.TokenValidationParameters.ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 };
        options.TokenValidationParameters.ValidIssuer = "https://issuer.example";
        options.TokenValidationParameters.ValidAudience = "api";
        options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }
}
