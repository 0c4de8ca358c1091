namespace Stateless.Analyzers.Tests.TokenIssuance;

/// <summary>
/// Sources of the token-issuance tests: the usings every token sample starts with, and method bodies placed in a
/// typical controller that mints tokens.
/// </summary>
internal static class Templates
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using System.Text;
        using Microsoft.IdentityModel.Tokens;

        """;

    /// <summary>Each source with <see cref="Usings"/> in front of it.</summary>
    public static string[] WithUsings(string[] sources) => System.Array.ConvertAll(sources, source => Usings + source);

    public static string InController(string body) => """
        using System.Security.Cryptography;
        using Microsoft.Extensions.Configuration;
        using JsonWebTokenHandler = Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler;

        public class AuthController
        {
            private const int TokenDays = 30;
            private const string TokenIdClaim = "jti";
            private static readonly TimeSpan LongLifetime = TimeSpan.FromDays(1);
            private readonly IConfiguration _config;
            private readonly TimeProvider _time;
            private readonly int _expiryMinutes;
            private readonly JwtSecurityTokenHandler _handler = new();

            public AuthController(IConfiguration config, TimeProvider time)
            {
                _config = config;
                _time = time;
                _expiryMinutes = int.Parse(config["Jwt:ExpiryMinutes"]!);
            }

            public object Issue(string user, string password, SigningCredentials creds, IEnumerable<Claim> extraClaims, TimeSpan lifetime, string[] roles, bool remember)
            {

        """ + body + """

            }

            private static List<Claim> GetClaims(string user) => new() { new Claim(ClaimTypes.Name, user) };
        }
        """;
}
