using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class ExploreTests
{
    [Fact]
    public async Task Explore()
    {
        var test = new CSharpAnalyzerVerifier<TokenIssuanceAnalyzer>.Test { TestCode = TokenRuleVerifier.Usings + """
            public class AuthController
            {
                private const string Key = "superSecretKey@345";
                public string Login(string user, string password)
                {
                    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key));
                    var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
                    var claims = new List<Claim> { new Claim(ClaimTypes.Name, user), new Claim("pwd", password) };
                    var token = new JwtSecurityToken(
                        issuer: "https://localhost:5001",
                        claims: claims,
                        expires: DateTime.Now.AddDays(7),
                        signingCredentials: creds);
                    var d = new SecurityTokenDescriptor
                    {
                        Subject = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, user) }),
                        Expires = DateTime.UtcNow.AddHours(12),
                    };
                    var payload = new JwtPayload { { "sub", user } };
                    var t2 = new JwtSecurityToken(new JwtHeader(creds), payload);
                    return new JwtSecurityTokenHandler().WriteToken(token);
                }
            }
            """ };
        await test.RunAsync();
    }

    [Fact]
    public async Task ExploreKeys()
    {
        var test = new CSharpAnalyzerVerifier<SigningKeyAnalyzer>.Test { TestCode = TokenRuleVerifier.Usings + """
            public class AuthController
            {
                private const string Key = "superSecretKey@345";
                private static readonly string Other = "0123456789abcdef0123456789abcdef-long";
                public void Login()
                {
                    var a = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key));
                    var b = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(Other));
                    var c = new SymmetricSecurityKey(new byte[] { 1, 2, 3 });
                    var d = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                    var e = new SymmetricSecurityKey(Convert.FromBase64String("c2VjcmV0"));
                    var f = new SymmetricSecurityKey("abc"u8.ToArray());
                    byte[] g = [1, 2, 3];
                    var h = new SymmetricSecurityKey(g);
                }
            }
            """ };
        await test.RunAsync();
    }
}
