using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3002_AccessTokenLifetimeTooLongTests
{
    private const string Id = "STL3002";

    [Theory]
    [InlineData("var token = new JwtSecurityToken(\"iss\", \"aud\", null, expires: {|#0:DateTime.UtcNow.AddDays(7)|}, signingCredentials: creds); return token;", "7 days")]
    [InlineData("return new SecurityTokenDescriptor { Audience = \"a\", Expires = {|#0:DateTime.UtcNow.AddHours(12)|} };", "12 hours")]
    [InlineData("var lifetime12 = TimeSpan.FromHours(12); var d = new SecurityTokenDescriptor { Expires = {|#0:DateTime.UtcNow.Add(lifetime12)|} }; return d;", "12 hours")]
    [InlineData("return new JwtSecurityToken(expires: {|#0:DateTime.UtcNow.AddDays(TokenDays)|});", "30 days")]
    [InlineData("var now = DateTime.UtcNow; return new JwtSecurityToken(expires: {|#0:now.AddMinutes(120)|});", "2 hours")]
    [InlineData("return new JwtSecurityToken(expires: {|#0:DateTimeOffset.UtcNow.AddDays(1).UtcDateTime|});", "1 day")]
    [InlineData("var now = DateTime.UtcNow; return new JwtSecurityToken(expires: {|#0:now + TimeSpan.FromDays(14)|});", "14 days")]
    [InlineData("return new SecurityTokenDescriptor { Expires = {|#0:DateTime.UtcNow.Add(new TimeSpan(2, 0, 0))|} };", "2 hours")]
    [InlineData("return new SecurityTokenDescriptor { Expires = {|#0:_time.GetUtcNow().AddHours(8).UtcDateTime|} };", "8 hours")]
    [InlineData("return new SecurityTokenDescriptor { Expires = {|#0:DateTime.UtcNow.Add(LongLifetime)|} };", "1 day")]
    [InlineData("var expires = DateTime.UtcNow.AddDays(30); var d = new SecurityTokenDescriptor(); d.Expires = {|#0:expires|}; return d;", "30 days")]
    [InlineData("return new JwtSecurityToken(expires: {|#0:DateTime.Now.AddMinutes(90)|});", "1 hour 30 minutes")]
    [InlineData("const double hours = 1.5 * 4; return new JwtSecurityToken(expires: {|#0:DateTime.UtcNow.AddHours(hours)|});", "6 hours")]
    [InlineData("return new JwtPayload(\"iss\", \"aud\", null, null, {|#0:DateTime.UtcNow.AddDays(365)|});", "365 days")]
    [InlineData("return new JwtSecurityToken(expires: {|#0:DateTime.UtcNow.AddYears(1)|});", "365 days")]
    [InlineData("var handler = new JwtSecurityTokenHandler { TokenLifetimeInMinutes = {|#0:60 * 24|} }; return handler.CreateToken(new SecurityTokenDescriptor { Audience = \"api\" });", "1 day")]
    [InlineData("var handler = new JsonWebTokenHandler(); handler.TokenLifetimeInMinutes = {|#0:TokenDays * 24 * 60|}; var d = new SecurityTokenDescriptor(); return handler.CreateToken(d);", "30 days")]
    [InlineData("return new SecurityTokenDescriptor { Expires = {|#0:DateTime.UtcNow.AddMonths(1)|} };", "30 days")]
    [InlineData("var accessToken = _handler.CreateToken(new SecurityTokenDescriptor { Expires = {|#0:DateTime.UtcNow.AddDays(2)|} }); var refresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)); return (accessToken, refresh);", "2 days")]
    [InlineData("return _handler.CreateJwtSecurityToken(\"iss\", \"aud\", new ClaimsIdentity(), null, {|#0:DateTime.UtcNow.AddDays(2)|}, null, creds);", "2 days")]
    [InlineData("var payload = new JwtPayload { { \"exp\", {|#0:EpochTime.GetIntDate(DateTime.UtcNow.AddDays(3))|} } }; return payload;", "3 days")]
    public async Task Reports_lifetime_over_the_default_budget(string body, string lifetime) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Templates.InController(body), VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments(lifetime, "1 hour", Rate(lifetime), "~278 refreshes/s"));

    [Fact]
    public async Task Message_states_exposure_budget_and_refresh_rates() =>
        await VerifyCS.VerifyRuleAsync(
            Id,
            Usings + Templates.InController("return new JwtSecurityToken(expires: {|#0:DateTime.UtcNow.AddDays(30)|});"),
            VerifyCS.Diagnostic(Id).WithLocation(0).WithMessage(
                "Access token lives 30 days, beyond the 1 hour budget: a stolen token stays valid for its whole lifetime (worst-case exposure = TTL = 30 days), while refreshes cost only N/TTL (~0.39 refreshes/s per 1,000,000 sessions at 30 days, ~278 refreshes/s at 1 hour); shorten the lifetime and rely on refresh"));

    [Theory]
    [InlineData("15m", "DateTime.UtcNow.AddMinutes(30)", "30 minutes", "15 minutes")]
    [InlineData("90s", "DateTime.UtcNow.AddMinutes(2)", "2 minutes", "1 minute 30 seconds")]
    [InlineData("1h", "DateTime.UtcNow.AddMinutes(61)", "1 hour 1 minute", "1 hour")]
    [InlineData("00:10:00", "DateTime.UtcNow.AddMinutes(20)", "20 minutes", "10 minutes")]
    [InlineData("5m", "DateTime.UtcNow.AddSeconds(301)", "5 minutes 1 second", "5 minutes")]
    public async Task Reports_against_the_configured_budget(string option, string expiry, string lifetime, string budget) =>
        await VerifyCS.VerifyRuleAsync(
            Id,
            Usings + Templates.InController("return new JwtSecurityToken(expires: {|#0:" + expiry + "|});"),
            "stateless_max_access_token_lifetime = " + option,
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments(lifetime, budget, Rate(lifetime), Rate(budget)));

    [Theory]
    [InlineData("15m", "DateTime.UtcNow.AddMinutes(15)")]
    [InlineData("90s", "DateTime.UtcNow.AddSeconds(60)")]
    [InlineData("00:10:00", "DateTime.UtcNow.AddMinutes(10)")]
    [InlineData("not-a-duration", "DateTime.UtcNow.AddMinutes(45)")]
    [InlineData("2h", "DateTime.UtcNow.AddMinutes(90)")]
    public async Task Silent_within_the_configured_budget(string option, string expiry) =>
        await VerifyCS.VerifyRuleAsync(
            Id,
            Usings + Templates.InController("return new JwtSecurityToken(expires: " + expiry + ");"),
            "stateless_max_access_token_lifetime = " + option);

    [Theory]
    [InlineData("return new JwtSecurityToken(expires: DateTime.UtcNow.AddMinutes(15));")]
    [InlineData("return new JwtSecurityToken(expires: DateTime.UtcNow.AddMinutes(60));")]
    [InlineData("return new JwtSecurityToken(expires: DateTime.UtcNow.AddMinutes(double.Parse(_config[\"Jwt:ExpiryMinutes\"]!)));")]
    [InlineData("return new JwtSecurityToken(expires: DateTime.UtcNow.AddMinutes(_expiryMinutes));")]
    [InlineData("return new JwtSecurityToken(expires: DateTime.UtcNow.Add(lifetime));")]
    [InlineData("var days = 30; if (remember) { days = 1; } return new JwtSecurityToken(expires: DateTime.UtcNow.AddDays(days));")]
    [InlineData("return new Microsoft.AspNetCore.Http.CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(30) };")]
    [InlineData("return new Microsoft.AspNetCore.Authentication.AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddDays(14), IsPersistent = true };")]
    [InlineData("return new RefreshToken { Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), Expires = DateTime.UtcNow.AddDays(7) };")]
    [InlineData("var refreshToken = new JwtSecurityToken(expires: DateTime.UtcNow.AddDays(7)); return refreshToken;")]
    [InlineData("return new MyApp.Tokens.SecurityTokenDescriptor { Expires = DateTime.UtcNow.AddDays(30) };")]
    [InlineData("var descriptor = new SecurityTokenDescriptor { Expires = DateTime.UtcNow.AddDays(7) }; var refreshToken = _handler.CreateToken(descriptor); return refreshToken;")]
    [InlineData("var claims = new[] { new Claim(\"token_type\", \"refresh\") }; return new JwtSecurityToken(\"iss\", \"aud\", claims, expires: DateTime.UtcNow.AddDays(14));")]
    [InlineData("var token = new JwtSecurityToken(expires: DateTime.UtcNow.AddDays(7)); var refreshJwt = _handler.WriteToken(token); return refreshJwt;")]
    [InlineData("return new JwtSecurityToken(expires: DateTime.Today.AddDays(1));")]
    [InlineData("var handler = new JwtSecurityTokenHandler { TokenLifetimeInMinutes = 15 }; return handler.CreateToken(new SecurityTokenDescriptor { Audience = \"api\" });")]
    [InlineData("var handler = new JwtSecurityTokenHandler { TokenLifetimeInMinutes = 600 }; return handler.CreateToken(new SecurityTokenDescriptor { Expires = DateTime.UtcNow.AddMinutes(10) });")]
    [InlineData("return new JwtSecurityToken(expires: DateTime.UtcNow.AddMinutes(int.Parse(Environment.GetEnvironmentVariable(\"TTL\")!)));")]
    [InlineData("var now = DateTime.UtcNow; return new JwtSecurityToken(notBefore: now.AddDays(-30), expires: now.AddMinutes(5));")]
    public async Task Silent_for_short_unknown_or_non_access_token_lifetimes(string body) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Templates.InController(body) + """

            public class RefreshToken { public string Token { get; set; } = ""; public DateTime Expires { get; set; } }
            namespace MyApp.Tokens { public class SecurityTokenDescriptor { public DateTime? Expires { get; set; } } }
            """);

    [Theory]
    [InlineData("return new JwtSecurityToken(expires: {|#0:DateTime.MaxValue|});", "DateTime.MaxValue")]
    [InlineData("var never = DateTimeOffset.MaxValue; return new SecurityTokenDescriptor { Expires = {|#0:never.UtcDateTime|} };", "DateTimeOffset.MaxValue")]
    public async Task Reports_an_expiry_at_the_end_of_time(string body, string value) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Templates.InController(body), VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("forever (" + value + ")", "1 hour", "~0 refreshes/s", "~278 refreshes/s"));

    [Fact]
    public async Task Silent_for_a_jwt_refresh_token_minted_by_a_refresh_token_method() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            public class TokenService
            {
                public string GenerateRefreshToken(SigningCredentials creds) =>
                    new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken("iss", "aud", null, null, DateTime.UtcNow.AddDays(7), creds));
            }
            """);

    [Fact]
    public async Task Reports_in_a_minimal_api_lambda() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(WebApplication app, SigningCredentials creds)
                {
                    app.MapPost("/login", (string user) =>
                    {
                        var lifetime = TimeSpan.FromHours(12);
                        var descriptor = new SecurityTokenDescriptor { Audience = "api", SigningCredentials = creds };
                        descriptor.Expires = {|#0:DateTime.UtcNow.Add(lifetime)|};
                        return Results.Ok(new JsonWebTokenHandlerLike().Create(descriptor));
                    });
                }
            }

            public class JsonWebTokenHandlerLike { public string Create(SecurityTokenDescriptor d) => ""; }
            """,
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("12 hours", "1 hour", "~23.1 refreshes/s", "~278 refreshes/s"));

    private static string Rate(string lifetime)
    {
        var span = Parse(lifetime);
        return Stateless.Analyzers.TokenIssuance.DurationText.RefreshRate(span);
    }

    private static System.TimeSpan Parse(string text)
    {
        var parts = text.Split(' ');
        var total = System.TimeSpan.Zero;
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            var amount = int.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
            total += parts[i + 1].TrimEnd('s') switch
            {
                "day" => System.TimeSpan.FromDays(amount),
                "hour" => System.TimeSpan.FromHours(amount),
                "minute" => System.TimeSpan.FromMinutes(amount),
                _ => System.TimeSpan.FromSeconds(amount),
            };
        }

        return total;
    }
}
