using System;
using System.Linq;
using System.Threading.Tasks;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;

namespace Stateless.Analyzers.Tests.FixAll;

/// <summary>
/// All fixes of the package applied rule by rule as `dotnet format analyzers` does: one pass settles every finding,
/// several per initializer and per file, in any order of the passes, with the same code as the result; the findings
/// whose fix is a choice stay reported.
/// </summary>
public class FormatPassTests
{
    private static readonly string Validation = Usings + """
        public static class Validation
        {
            public static TokenValidationParameters Lax(byte[] secret) => new TokenValidationParameters
            {
                ValidIssuer = "https://issuer.example", // the one issuer we trust
                ValidateIssuer = false, // switched off in 2019

                // Lifetime
                ValidateLifetime = false,
                RequireSignedTokens = false,
                IssuerSigningKey = new SymmetricSecurityKey(secret),
                ClockSkew = TimeSpan.FromHours(1), // generous
            };

            public static TokenValidationParameters Rsa(RSA rsa) => new TokenValidationParameters { ValidAlgorithms = new[] { "none", SecurityAlgorithms.RsaSha256 }, ValidateAudience = false, IssuerSigningKey = new RsaSecurityKey(rsa), ClockSkew = TimeSpan.FromMinutes(30) };

            public static void InPlace(JwtBearerOptions options, byte[] secret)
            {
                // Issuer
                options.TokenValidationParameters.ValidateIssuer = false;
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(secret);
                options.TokenValidationParameters.RequireExpirationTime = false; // for the test client
            }

            public static TokenValidationParameters UnknownKey(SecurityKey key) => new TokenValidationParameters
            {
                IssuerSigningKey = key,
                ValidateAudience = false,
            };

            public static TokenValidationParameters TwoFamilies(RSA rsa, byte[] secret) => new TokenValidationParameters
            {
                ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, "none", SecurityAlgorithms.RsaSha256 },
                IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
            };
        }
        """;

    private static readonly string Issuance = Usings + """
        [Microsoft.AspNetCore.Mvc.ApiController]
        public class TokenController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            private static Dictionary<string, string> Audiences = new() { ["web"] = "api://web" };

            private static readonly int[] Lifetimes = { 5, 15 };

            public string Forever(SigningCredentials credentials) => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
                issuer: "https://issuer.example",
                audience: Audiences["web"] + Lifetimes[0],
                signingCredentials: credentials));

            public string Month(SigningCredentials credentials)
            {
                var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
                return handler.CreateEncodedJwt(new SecurityTokenDescriptor
                {
                    Audience = "api",
                    SigningCredentials = credentials, // the app's key
                });
            }
        }
        """;

    private static readonly string ExpectedValidation = Usings + """
        public static class Validation
        {
            public static TokenValidationParameters Lax(byte[] secret) => new TokenValidationParameters
            {
                ValidIssuer = "https://issuer.example", // the one issuer we trust
                IssuerSigningKey = new SymmetricSecurityKey(secret),
                ClockSkew = TimeSpan.FromMinutes(5), // generous
                ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 },
            };

            public static TokenValidationParameters Rsa(RSA rsa) => new TokenValidationParameters { ValidAlgorithms = new[] { SecurityAlgorithms.RsaSha256 }, IssuerSigningKey = new RsaSecurityKey(rsa), ClockSkew = TimeSpan.FromMinutes(5) };

            public static void InPlace(JwtBearerOptions options, byte[] secret)
            {
                options.TokenValidationParameters.ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 };
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(secret);
            }

            public static TokenValidationParameters UnknownKey(SecurityKey key) => new TokenValidationParameters
            {
                IssuerSigningKey = key,
            };

            public static TokenValidationParameters TwoFamilies(RSA rsa, byte[] secret) => new TokenValidationParameters
            {
                ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256 },
                IssuerSigningKeys = new SecurityKey[] { new RsaSecurityKey(rsa), new SymmetricSecurityKey(secret) },
            };
        }
        """;

    /// <summary>The usings the immutable types need join the list in order.</summary>
    private static readonly string ExpectedIssuance = Usings.Replace("using System.Collections.Generic;", "using System.Collections.Frozen;\nusing System.Collections.Generic;\nusing System.Collections.Immutable;", StringComparison.Ordinal) + """
        [Microsoft.AspNetCore.Mvc.ApiController]
        public class TokenController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            private static readonly FrozenDictionary<string, string> Audiences = new Dictionary<string, string>() { ["web"] = "api://web" }.ToFrozenDictionary();

            private static readonly ImmutableArray<int> Lifetimes = ImmutableArray.Create(5, 15);

            public string Forever(SigningCredentials credentials) => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
                issuer: "https://issuer.example",
                audience: Audiences["web"] + Lifetimes[0],
                claims: new[] { new Claim(System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()) },
                expires: DateTime.UtcNow.AddMinutes(60),
                signingCredentials: credentials));

            public string Month(SigningCredentials credentials)
            {
                var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
                return handler.CreateEncodedJwt(new SecurityTokenDescriptor
                {
                    Audience = "api",
                    SigningCredentials = credentials, // the app's key
                    Claims = new Dictionary<string, object> { [System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString() },
                    Expires = DateTime.UtcNow.AddMinutes(60),
                });
            }
        }
        """;

    [Fact]
    public async Task Every_order_of_the_rule_passes_settles_the_same_code()
    {
        var ids = FormatPassRunner.FixableIds;
        var orders = new[] { ids.ToArray(), ids.Reverse().ToArray() }
            .Concat(new[] { 1, 2, 3 }.Select(seed => ids.OrderBy(_ => new Random(seed).Next()).ToArray()))
            .Concat(new[] { 17, 42 }.Select(seed => { var random = new Random(seed); return ids.OrderBy(_ => random.Next()).ToArray(); }))
            .ToArray();

        Assert.Equal(
            new[] { "Test0.cs STL2001", "Test0.cs STL2002", "Test0.cs STL2003", "Test0.cs STL2004", "Test0.cs STL2005", "Test0.cs STL2006", "Test0.cs STL2007", "Test1.cs STL1001", "Test1.cs STL1006", "Test1.cs STL3001", "Test1.cs STL3004" },
            (await FormatPassRunner.ReportedAsync(new[] { Validation, Issuance })).Distinct().OrderBy(d => d, StringComparer.Ordinal));

        foreach (var order in orders)
        {
            var result = await FormatPassRunner.RunAsync(new[] { Validation, Issuance }, order);
            Assert.Equal(ExpectedValidation, result[0]);
            Assert.Equal(ExpectedIssuance, result[1]);

            // Left: the choices (the family of a key of unknown type; which of two families to keep), still reported.
            Assert.Equal(new[] { "Test0.cs STL2001", "Test0.cs STL2002" }, await FormatPassRunner.ReportedAsync(result));
        }
    }
}
