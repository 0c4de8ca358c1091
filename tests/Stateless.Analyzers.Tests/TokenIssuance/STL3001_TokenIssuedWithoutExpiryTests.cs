using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3001_TokenIssuedWithoutExpiryTests
{
    private const string Id = "STL3001";

    [Theory]
    [InlineData("var claims = new[] { new Claim(ClaimTypes.Name, user) }; return {|#0:new JwtSecurityToken(\"iss\", \"aud\", claims, signingCredentials: creds)|};", "JwtSecurityToken")]
    [InlineData("return {|#0:new JwtSecurityToken(issuer: \"iss\", audience: \"aud\", claims: GetClaims(user), expires: null, signingCredentials: creds)|};", "JwtSecurityToken")]
    [InlineData("return {|#0:new JwtSecurityToken(\"iss\", \"aud\", null, null, null, creds)|};", "JwtSecurityToken")]
    [InlineData("return {|#0:new JwtSecurityToken()|};", "JwtSecurityToken")]
    [InlineData("return {|#0:new JwtSecurityToken(\"iss\", \"aud\", extraClaims, signingCredentials: creds)|};", "JwtSecurityToken")]
    [InlineData("var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false }; var d = {|#0:new SecurityTokenDescriptor|} { Audience = \"a\", SigningCredentials = creds }; return handler.CreateToken(d);", "SecurityTokenDescriptor passed to a handler with SetDefaultTimesOnTokenCreation = false")]
    [InlineData("var handler = new JwtSecurityTokenHandler(); handler.SetDefaultTimesOnTokenCreation = false; var d = {|#0:new SecurityTokenDescriptor|} { Audience = \"a\" }; return handler.WriteToken(handler.CreateToken(d));", "SecurityTokenDescriptor passed to a handler with SetDefaultTimesOnTokenCreation = false")]
    [InlineData("var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }; var d = {|#0:new SecurityTokenDescriptor|} { Audience = \"a\" }; return handler.CreateToken(d);", "SecurityTokenDescriptor passed to a handler with SetDefaultTimesOnTokenCreation = false")]
    [InlineData("return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken({|#0:new SecurityTokenDescriptor|} { Audience = \"a\" });", "SecurityTokenDescriptor passed to a handler with SetDefaultTimesOnTokenCreation = false")]
    [InlineData("var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }; var d = {|#0:new SecurityTokenDescriptor|} { Expires = null }; return handler.CreateToken(d);", "SecurityTokenDescriptor passed to a handler with SetDefaultTimesOnTokenCreation = false")]
    [InlineData("const bool defaults = false; var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = defaults }; var d = {|#0:new SecurityTokenDescriptor()|}; return handler.CreateToken(d);", "SecurityTokenDescriptor passed to a handler with SetDefaultTimesOnTokenCreation = false")]
    [InlineData("var payload = {|#0:new JwtPayload|} { { \"sub\", user }, { \"aud\", \"api\" } }; return new JwtSecurityToken(new JwtHeader(creds), payload);", "JwtPayload")]
    [InlineData("return new JwtSecurityToken(new JwtHeader(creds), {|#0:new JwtPayload(new[] { new Claim(\"sub\", user) })|});", "JwtPayload")]
    [InlineData("var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false }; return {|#0:handler.CreateJwtSecurityToken(\"iss\", \"aud\", new ClaimsIdentity(), null, null, null, creds)|};", "CreateJwtSecurityToken on a handler with SetDefaultTimesOnTokenCreation = false")]
    public async Task Reports_tokens_without_expiry(string body, string subject) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Templates.InController(body), VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments(subject));

    [Theory]
    [InlineData("return new JwtSecurityToken(\"iss\", \"aud\", null, expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: creds);")]
    [InlineData("var claims = new List<Claim> { new Claim(JwtRegisteredClaimNames.Exp, EpochTime.GetIntDate(DateTime.UtcNow.AddMinutes(5)).ToString()) }; return new JwtSecurityToken(\"iss\", \"aud\", claims);")]
    [InlineData("var d = new SecurityTokenDescriptor { Audience = \"a\" }; return new JwtSecurityTokenHandler().CreateToken(d);")]
    [InlineData("var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = true }; return handler.CreateToken(new SecurityTokenDescriptor { Audience = \"a\" });")]
    [InlineData("return _handler.CreateToken(new SecurityTokenDescriptor { Audience = \"a\" });")]
    [InlineData("var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }; var d = new SecurityTokenDescriptor(); Configure(d); return handler.CreateToken(d);")]
    [InlineData("return new JwtSecurityToken(\"iss\", \"aud\", null, null, DateTime.Parse(_config[\"Jwt:Expires\"]!), creds);")]
    [InlineData("var claims = extraClaims.ToList(); claims.Add(new Claim(\"exp\", \"1700000000\")); return new JwtSecurityToken(\"iss\", \"aud\", claims, signingCredentials: creds);")]
    [InlineData("var payload = new JwtPayload { { \"sub\", user } }; payload.Add(\"exp\", EpochTime.GetIntDate(DateTime.UtcNow.AddMinutes(10))); return new JwtSecurityToken(new JwtHeader(creds), payload);")]
    [InlineData("var payload = new JwtPayload(); Fill(payload); return new JwtSecurityToken(new JwtHeader(creds), payload);")]
    [InlineData("return new MyApp.Tokens.JwtSecurityToken(\"iss\", \"aud\");")]
    [InlineData("return new JwtSecurityToken(_config[\"token\"]!);")]
    [InlineData("var payload = new JwtPayload(\"iss\", \"aud\", null, null, DateTime.UtcNow.AddMinutes(5)); return new JwtSecurityToken(new JwtHeader(creds), payload);")]
    [InlineData("var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }; var d = new SecurityTokenDescriptor(); d.Expires = DateTime.UtcNow.AddMinutes(5); return handler.CreateToken(d);")]
    public async Task Silent_when_the_token_expires_or_the_handler_sets_it(string body) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Templates.InController(body.Replace("Configure(d)", "Helpers.Configure(d)", System.StringComparison.Ordinal).Replace("Fill(payload)", "Helpers.Fill(payload)", System.StringComparison.Ordinal)) + """

            public static class Helpers
            {
                public static void Configure(SecurityTokenDescriptor d) => d.Expires = DateTime.UtcNow.AddMinutes(5);
                public static void Fill(JwtPayload payload) => payload.Add("exp", EpochTime.GetIntDate(DateTime.UtcNow.AddMinutes(5)));
            }
            namespace MyApp.Tokens { public class JwtSecurityToken { public JwtSecurityToken(string issuer = "", string audience = "", object? expires = null) { } } }
            """);
}
