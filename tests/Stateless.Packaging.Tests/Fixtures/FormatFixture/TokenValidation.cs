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
        ValidateIssuer = false, // expect: STL2006
        ValidateAudience = false,

        // Lifetime checks
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = false,
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), // from user secrets
        ClockSkew = TimeSpan.FromHours(1), // expect: STL2007
    };

    public static TokenValidationParameters Mixed(string key) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, "none" }, // expect: STL2002
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        ClockSkew = TimeSpan.FromMinutes(30) // expect: STL2007
    };

    public static TokenValidationParameters Rsa(RSA rsa) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        ValidAlgorithms = new[] { "none", SecurityAlgorithms.RsaSha256 },
        ValidateLifetime = false,
        IssuerSigningKey = new RsaSecurityKey(rsa),
    };

    public static void Configure(JwtBearerOptions options, string key)
    {
        options.TokenValidationParameters.ValidIssuer = "https://issuer.example";
        options.TokenValidationParameters.ValidAudience = "api";
        options.TokenValidationParameters.ValidateAudience = false; // expect: STL2005
        options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }
}
