using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace FormatFixture;

public static class TokenValidation
{
    // Every check a tutorial ever switched off "to make it work".
    public static TokenValidationParameters Lax(string key) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireSignedTokens = false,
        ClockSkew = TimeSpan.FromHours(1),
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
    };

    public static TokenValidationParameters Mixed(string key) => new TokenValidationParameters
    {
        ValidIssuer = "https://issuer.example",
        ValidAudience = "api",
        ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, "none" },
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
    };

    public static void Configure(JwtBearerOptions options, string key)
    {
        options.TokenValidationParameters.ValidIssuer = "https://issuer.example";
        options.TokenValidationParameters.ValidAudience = "api";
        options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }
}
