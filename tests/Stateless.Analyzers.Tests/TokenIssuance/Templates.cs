namespace Stateless.Analyzers.Tests.TokenIssuance;

/// <summary>Method bodies of the token tests are placed in a typical controller that mints tokens.</summary>
internal static class Templates
{
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
