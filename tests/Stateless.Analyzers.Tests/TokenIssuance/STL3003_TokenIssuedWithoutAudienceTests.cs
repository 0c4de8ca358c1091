using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3003_TokenIssuedWithoutAudienceTests
{
    private const string Id = "STL3003";

    [Theory]
    [InlineData("return {|#0:new JwtSecurityToken(issuer: \"iss\", claims: GetClaims(user), expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: creds)|};", "JwtSecurityToken")]
    [InlineData("return {|#0:new JwtSecurityToken(issuer: _config[\"Jwt:Issuer\"], audience: null, expires: DateTime.UtcNow.AddMinutes(15))|};", "JwtSecurityToken")]
    [InlineData("return {|#0:new JwtSecurityToken(\"iss\", null, null, null, DateTime.UtcNow.AddMinutes(15), creds)|};", "JwtSecurityToken")]
    [InlineData("var d = {|#0:new SecurityTokenDescriptor|} { Subject = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, user) }), Expires = DateTime.UtcNow.AddMinutes(15) }; return new JwtSecurityTokenHandler().CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var d = {|#0:new SecurityTokenDescriptor|} { Audience = null, Issuer = \"iss\" }; return new JsonWebTokenHandler().CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var d = {|#0:new SecurityTokenDescriptor|} { Subject = new ClaimsIdentity(extraClaims) }; return new JsonWebTokenHandler().CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var payload = {|#0:new JwtPayload|} { { \"sub\", user }, { \"exp\", 1 } }; return new JwtSecurityToken(new JwtHeader(creds), payload);", "JwtPayload")]
    [InlineData("return {|#0:_handler.CreateJwtSecurityToken(\"iss\", null, new ClaimsIdentity(), null, DateTime.UtcNow.AddMinutes(5), null, creds)|};", "CreateJwtSecurityToken")]
    [InlineData("var handler = new JsonWebTokenHandler(); return handler.CreateToken({|#0:new SecurityTokenDescriptor|} { Issuer = \"iss\", SigningCredentials = creds });", "SecurityTokenDescriptor")]
    [InlineData("return {|#0:new JwtSecurityToken(\"iss\", claims: extraClaims, expires: DateTime.UtcNow.AddMinutes(5))|};", "JwtSecurityToken")]
    [InlineData("SecurityTokenDescriptor d = {|#0:new()|} { Issuer = \"iss\" }; return _handler.CreateToken(d);", "SecurityTokenDescriptor")]
    [InlineData("var d = {|#0:new SecurityTokenDescriptor|} { Claims = new Dictionary<string, object> { [\"sub\"] = user } }; return _handler.CreateToken(d);", "SecurityTokenDescriptor")]
    public async Task Reports_tokens_without_audience(string body, string subject) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Templates.InController(body), VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments(subject));

    [Theory]
    [InlineData("return new JwtSecurityToken(_config[\"Jwt:Issuer\"], _config[\"Jwt:Audience\"], GetClaims(user), expires: DateTime.UtcNow.AddMinutes(5), signingCredentials: creds);")]
    [InlineData("var d = new SecurityTokenDescriptor { Issuer = \"iss\" }; d.Audience = _config[\"Jwt:Audience\"]; return _handler.CreateToken(d);")]
    [InlineData("var d = new SecurityTokenDescriptor { Audiences = { \"api\", \"admin\" } }; return _handler.CreateToken(d);")]
    [InlineData("var d = new SecurityTokenDescriptor(); d.Audiences.Add(\"api\"); return _handler.CreateToken(d);")]
    [InlineData("var claims = new List<Claim> { new Claim(JwtRegisteredClaimNames.Aud, \"api\") }; return new JwtSecurityToken(\"iss\", claims: claims);")]
    [InlineData("var d = new SecurityTokenDescriptor { Claims = new Dictionary<string, object> { [\"aud\"] = \"api\" } }; return _handler.CreateToken(d);")]
    [InlineData("return new SecurityTokenDescriptor { Issuer = \"iss\" };")]
    [InlineData("var payload = new JwtPayload(\"iss\", \"api\", null, null, DateTime.UtcNow.AddMinutes(5)); return new JwtSecurityToken(new JwtHeader(creds), payload);")]
    [InlineData("var payload = new JwtPayload(); payload[\"aud\"] = \"api\"; return new JwtSecurityToken(new JwtHeader(creds), payload);")]
    [InlineData("return new MyApp.Tokens.SecurityTokenDescriptor { Issuer = \"iss\" };")]
    [InlineData("var d = new SecurityTokenDescriptor { Issuer = \"iss\" }; Helpers.SetAudience(d); return _handler.CreateToken(d);")]
    [InlineData("var identity = new ClaimsIdentity(); identity.AddClaim(new Claim(\"aud\", \"api\")); var d = new SecurityTokenDescriptor { Subject = identity }; return _handler.CreateToken(d);")]
    public async Task Silent_when_an_audience_is_set(string body) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Templates.InController(body) + """

            public static class Helpers { public static void SetAudience(SecurityTokenDescriptor d) => d.Audience = "api"; }
            namespace MyApp.Tokens { public class SecurityTokenDescriptor { public string? Issuer { get; set; } } }
            """);
}
