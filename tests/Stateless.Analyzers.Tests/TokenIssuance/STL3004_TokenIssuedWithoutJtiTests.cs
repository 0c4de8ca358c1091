using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3004_TokenIssuedWithoutJtiTests
{
    private const string Id = "STL3004";

    [Theory]
    [InlineData("var claims = new[] { new Claim(JwtRegisteredClaimNames.Sub, user), new Claim(ClaimTypes.Role, \"admin\") }; return {|#0:new JwtSecurityToken(\"iss\", \"aud\", claims, expires: DateTime.UtcNow.AddMinutes(15))|};", "JwtSecurityToken")]
    [InlineData("var claims = new List<Claim>(); claims.Add(new Claim(ClaimTypes.Name, user)); foreach (var role in roles) { claims.Add(new Claim(ClaimTypes.Role, role)); } return {|#0:new JwtSecurityToken(\"iss\", \"aud\", claims)|};", "JwtSecurityToken")]
    [InlineData("return {|#0:new JwtSecurityToken(\"iss\", \"aud\", expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: creds)|};", "JwtSecurityToken")]
    [InlineData("var d = {|#0:new SecurityTokenDescriptor|} { Subject = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, user) }) }; return _handler.CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var d = {|#0:new SecurityTokenDescriptor|} { Claims = new Dictionary<string, object> { { \"sub\", user } } }; return _handler.CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var d = {|#0:new SecurityTokenDescriptor|} { Audience = \"a\", Expires = DateTime.UtcNow.AddMinutes(15) }; return _handler.CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var claims = new List<Claim> { new Claim(ClaimTypes.Name, user) }; claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r))); return {|#0:new JwtSecurityToken(\"iss\", \"aud\", claims)|};", "JwtSecurityToken")]
    [InlineData("var payload = {|#0:new JwtPayload|} { { \"sub\", user } }; return new JwtSecurityToken(new JwtHeader(creds), payload);", "JwtPayload")]
    [InlineData("Claim[] claims = [new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Email, user)]; return {|#0:new JwtSecurityToken(\"iss\", \"aud\", claims)|};", "JwtSecurityToken")]
    [InlineData("return {|#0:_handler.CreateJwtSecurityToken(\"iss\", \"aud\", new ClaimsIdentity(new[] { new Claim(\"sub\", user) }), null, DateTime.UtcNow.AddMinutes(15), null, creds)|};", "CreateJwtSecurityToken")]
    [InlineData("var claims = new Claim[1]; claims[0] = new Claim(\"sub\", user); return {|#0:new JwtSecurityToken(\"iss\", \"aud\", claims)|};", "JwtSecurityToken")]
    [InlineData("return {|#0:new JwtSecurityToken(\"iss\", \"aud\", GetClaims(user), expires: DateTime.UtcNow.AddMinutes(15))|};", "JwtSecurityToken")]
    [InlineData("IEnumerable<Claim> Local() { yield break; } List<Claim> Build() { var list = new List<Claim> { new Claim(\"sub\", user) }; return list; } var d = {|#0:new SecurityTokenDescriptor|} { Subject = new ClaimsIdentity(Build()) }; return _handler.CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var identity = new ClaimsIdentity(\"jwt\"); identity.AddClaim(new Claim(ClaimTypes.Name, user)); var d = {|#0:new SecurityTokenDescriptor|} { Subject = identity }; return _handler.CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var claims = new List<Claim> { new Claim(\"sub\", user) }.Concat(roles.Select(r => new Claim(\"role\", r))).ToList(); return {|#0:new JwtSecurityToken(\"iss\", \"aud\", claims)|};", "JwtSecurityToken")]
    [InlineData("var d = {|#0:new SecurityTokenDescriptor|} { Subject = new ClaimsIdentity(new GenericIdentity(user, \"Token\"), new[] { new Claim(\"role\", \"admin\") }) }; return _handler.CreateToken(d);", "SecurityTokenDescriptor")]
    public async Task Reports_tokens_without_jti(string body, string subject) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + "using System.Security.Principal;\n" + Templates.InController(body), VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments(subject));

    [Fact]
    public async Task Reports_in_a_generic_method_of_a_partial_type() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            public interface IUser { string Id { get; } }

            public partial class TokenService
            {
                public JwtSecurityToken Issue<TUser>(TUser user) where TUser : IUser =>
                    {|#0:new JwtSecurityToken("iss", "aud", new[] { new Claim("sub", user.Id) }, expires: DateTime.UtcNow.AddMinutes(15))|};
            }

            public partial class TokenService
            {
                public JwtSecurityToken Other(string user) =>
                    new JwtSecurityToken("iss", "aud", new[] { new Claim("sub", user), new Claim("jti", Guid.NewGuid().ToString()) });
            }
            """,
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("JwtSecurityToken"));

    [Fact]
    public async Task Reports_when_the_other_claims_come_from_the_identity_store() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Identity;

            public class AccountController
            {
                private readonly UserManager<IdentityUser> _users;
                public AccountController(UserManager<IdentityUser> users) => _users = users;

                public async Task<string> Token(IdentityUser user, SigningCredentials creds)
                {
                    var claims = new List<Claim> { new Claim(JwtRegisteredClaimNames.Sub, user.Id) };
                    claims.AddRange(await _users.GetClaimsAsync(user));
                    var token = {|#0:new JwtSecurityToken("iss", "aud", claims, expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: creds)|};
                    return new JwtSecurityTokenHandler().WriteToken(token);
                }
            }
            """,
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("JwtSecurityToken"));

    [Theory]
    [InlineData("var claims = new[] { new Claim(JwtRegisteredClaimNames.Sub, user), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()) }; return new JwtSecurityToken(\"iss\", \"aud\", claims);")]
    [InlineData("var claims = new List<Claim> { new Claim(ClaimTypes.Name, user) }; claims.Add(new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString())); return new JwtSecurityToken(\"iss\", \"aud\", claims);")]
    [InlineData("var d = new SecurityTokenDescriptor { Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString() } }; return _handler.CreateToken(d);")]
    [InlineData("var d = new SecurityTokenDescriptor { Subject = new ClaimsIdentity() }; d.Subject.AddClaim(new Claim(\"jti\", Guid.NewGuid().ToString())); return _handler.CreateToken(d);")]
    [InlineData("return new JwtSecurityToken(\"iss\", \"aud\", extraClaims);")]
    [InlineData("return new JwtSecurityToken(\"iss\", \"aud\", Helpers.BuildClaims(user));")]
    [InlineData("var claims = Helpers.Map(user).Select(kv => new Claim(kv.Key, kv.Value)).ToList(); return new JwtSecurityToken(\"iss\", \"aud\", claims);")]
    [InlineData("var claims = new List<Claim> { new Claim(\"sub\", user) }; Helpers.AddStandardClaims(claims); return new JwtSecurityToken(\"iss\", \"aud\", claims);")]
    [InlineData("return new SecurityTokenDescriptor { Subject = new ClaimsIdentity(new[] { new Claim(\"sub\", user) }) };")]
    [InlineData("var d = new SecurityTokenDescriptor { Subject = Helpers.Principal.Identity as ClaimsIdentity }; return _handler.CreateToken(d);")]
    [InlineData("var payload = new JwtPayload { { \"sub\", user } }; payload[\"jti\"] = Guid.NewGuid().ToString(); return new JwtSecurityToken(new JwtHeader(creds), payload);")]
    [InlineData("var claims = new[] { new Claim(TokenIdClaim, Guid.NewGuid().ToString()) }; return new JwtSecurityToken(\"iss\", \"aud\", claims);")]
    [InlineData("var d = new SecurityTokenDescriptor { Claims = new Dictionary<string, object>() }; d.Claims.Add(JwtRegisteredClaimNames.Jti, Guid.NewGuid()); return _handler.CreateToken(d);")]
    [InlineData("return new MyApp.Tokens.JwtSecurityToken(\"iss\", \"aud\");")]
    [InlineData("return new JwtSecurityToken(\"iss\", \"aud\", new ClaimSource().Claims(user));")]
    [InlineData("List<Claim> Build() => new() { new Claim(\"sub\", user), new Claim(\"jti\", Guid.NewGuid().ToString()) }; return new JwtSecurityToken(\"iss\", \"aud\", Build());")]
    [InlineData("var claims = new Claim[2]; claims[0] = new Claim(\"sub\", user); claims[1] = new Claim(\"jti\", Guid.NewGuid().ToString()); return new JwtSecurityToken(\"iss\", \"aud\", claims);")]
    [InlineData("return new JwtSecurityToken(\"iss\", \"aud\", new MyApp.Tokens.StandardClaims(user));")]
    [InlineData("var token = new JwtSecurityToken(\"iss\", \"aud\", expires: DateTime.UtcNow.AddMinutes(15)); token.Payload[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(); return token;")]
    public async Task Silent_when_a_jti_is_added_or_the_claims_are_not_shown(string body) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Templates.InController(body) + """

            public class ClaimSource { public virtual IEnumerable<Claim> Claims(string user) => new[] { new Claim("sub", user) }; }
            public static class Helpers
            {
                public static ClaimsPrincipal Principal { get; set; } = new();
                public static IEnumerable<Claim> BuildClaims(string user) => new[] { new Claim("sub", user), new Claim("jti", Guid.NewGuid().ToString()) };
                public static Dictionary<string, string> Map(string user) => new() { ["jti"] = Guid.NewGuid().ToString() };
                public static void AddStandardClaims(List<Claim> claims) => claims.Add(new Claim("jti", Guid.NewGuid().ToString()));
            }
            namespace MyApp.Tokens
            {
                public class JwtSecurityToken { public JwtSecurityToken(string issuer = "", string audience = "") { } }
                public class StandardClaims : List<Claim> { public StandardClaims(string user) { Add(new Claim("sub", user)); Add(new Claim("jti", Guid.NewGuid().ToString())); } }
            }
            """);

    // ---------------------------------------------------------------- stateless_revocation_window

    private const string ShortLivedTokens = """
        public class ShortTokens
        {
            public JwtSecurityToken OneMinute(string user)
            {
                var expiresIn = DateTime.UtcNow.AddMinutes(1);
                return {|#0:new JwtSecurityToken("iss", "aud", new[] { new Claim("sub", user) }, expires: expiresIn)|};
            }

            public string FiveMinutes(string user)
            {
                var descriptor = {|#1:new SecurityTokenDescriptor|} { Audience = "a", Subject = new ClaimsIdentity(new[] { new Claim("sub", user) }), Expires = DateTime.UtcNow.AddMinutes(5) };
                return new JwtSecurityTokenHandler().CreateEncodedJwt(descriptor);
            }
        }
        """;

    [Fact]
    public async Task Tokens_living_at_most_the_revocation_window_need_no_jti() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + ShortLivedTokens.Replace("{|#0:", "").Replace("{|#1:", "").Replace(")|};", ");").Replace("|} {", " {"));

    [Fact]
    public async Task A_shorter_revocation_window_reports_them() =>
        await VerifyCS.VerifyRuleAsync(
            Id,
            Usings + ShortLivedTokens,
            "[*.cs]\nstateless_revocation_window = 30s\n",
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("JwtSecurityToken"),
            VerifyCS.Diagnostic(Id).WithLocation(1).WithArguments("SecurityTokenDescriptor"));
}
