using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>
/// The attack corpus — hand-written attacks on every check and the generated headers and payloads of
/// <see cref="ReaderEquivalenceTests"/> — through <see cref="StatelessTokenVerifier"/> and through JwtBearer as
/// <c>AddStatelessJwtBearer</c> configures it: the ASP.NET Core path accepts exactly what the verifier accepts, and
/// refuses the rest for the same reason.
/// </summary>
public sealed class AspNetCoreEquivalenceTests : IAsyncLifetime
{
    private static readonly string[] s_pinned = ["HS256", "HS384"];
    private readonly Keys _keys = new();
    private readonly CountingDenylist _denylist = new();
    private IHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        await _denylist.RevokeAsync("jti-revoked", TokenForge.Start.AddHours(1));
        (_host, _client) = await StartHostAsync(s_pinned);
    }

    private async Task<(IHost Host, HttpClient Client)> StartHostAsync(string[] pinned)
    {
        var host = await new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(services =>
                {
                    services.AddSingleton<TimeProvider>(_keys.Time);
                    services.AddSingleton<IJtiDenylist>(_denylist);
                    services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddStatelessJwtBearer(_ => _keys.Options(pinned));
                })
                .Configure(app => app.Run(async context =>
                {
                    var result = await context.AuthenticateAsync();
                    context.Response.StatusCode = result.Succeeded ? 200 : 401;
                    await context.Response.WriteAsync(result.Succeeded
                        ? string.Join("\n", result.Principal!.Claims.Select(c => c.Type + "=" + c.Value))
                        : context.Items[StatelessJwtBearerExtensions.FailureItemKey]?.ToString() ?? "refused");
                })))
            .StartAsync();
        return (host, host.GetTestClient());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
        _keys.Dispose();
    }

    private Task AssertSameAsync(string name, string token) => AssertSameAsync(name, token, s_pinned, _client);

    private async Task AssertSameAsync(string name, string token, string[] pinned, HttpClient client)
    {
        var verified = await _keys.Verifier(_denylist, pinned).VerifyAsync(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var response = await client.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        if (verified.IsValid)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: the verifier accepts, JwtBearer refuses ({body})");
            Assert.Equal(string.Join("\n", verified.Principal!.Claims.Select(c => c.Type + "=" + c.Value)), body);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: the verifier refuses ({verified.Failure}), JwtBearer accepts");
            Assert.True(verified.Failure.ToString() == body, $"{name}: the verifier says {verified.Failure}, JwtBearer {body}");
        }
    }

    private string Hs256(string payload, string header = RawTokens.Header) => RawTokens.Hs256(_keys.Secret, header, payload);

    private string Payload(string extraMembers = "") =>
        RawTokens.Fill("{" + RawTokens.Required + extraMembers + "}", _keys.Time.GetUtcNow());

    private string WithDate(string claim, string value) =>
        System.Text.RegularExpressions.Regex.Replace(Payload(), "\"" + claim + "\":-?[0-9]+", "\"" + claim + "\":" + value);

    public static TheoryData<string> Dates() => new()
    {
        "1e300", "-1e300", "253402300799", "253402300800", "253402300799.5", "1e19", "-1e19", "9223372036854775807",
        "9223372036854775808", "18446744073709551616", "-62135596800", "-62135596801", "0", "-1", "1.5", "1E+9",
        "1893499200.000001", "1e-300", "-0", "2e9", "4102444800",
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public async Task NumericDate_edges_give_the_same_answer(string value)
    {
        foreach (var claim in new[] { "exp", "nbf", "iat" })
        {
            await AssertSameAsync($"{claim}={value}", Hs256(WithDate(claim, value)));
        }
    }

    [Fact]
    public async Task Hand_written_attacks_give_the_same_answer()
    {
        var corpus = new List<(string Name, string Token)>
        {
            ("valid", Hs256(Payload())),
            ("revoked", Hs256(Payload().Replace("\"jti-1\"", "\"jti-revoked\"", StringComparison.Ordinal))),
            ("alg none", TokenForge.B64("""{"alg":"none","kid":"hmac-1"}""") + "." + TokenForge.B64(Payload()) + "."),
            ("alg ES256", Hs256(Payload(), """{"alg":"ES256","kid":"hmac-1"}""")),
            ("alg hs256 lowercase", Hs256(Payload(), """{"alg":"hs256","kid":"hmac-1"}""")),
            ("crit", Hs256(Payload(), """{"alg":"HS256","kid":"hmac-1","crit":["exp"],"exp":1}""")),
            ("crit empty", Hs256(Payload(), """{"alg":"HS256","kid":"hmac-1","crit":[]}""")),
            ("b64 false", Hs256(Payload(), """{"alg":"HS256","kid":"hmac-1","b64":false,"crit":["b64"]}""")),
            ("no kid", Hs256(Payload(), """{"alg":"HS256"}""")),
            ("unknown kid", Hs256(Payload(), """{"alg":"HS256","kid":"hmac-2"}""")),
            ("kid of the ec key", Hs256(Payload(), """{"alg":"HS256","kid":"ec-1"}""")),
            ("numeric kid", Hs256(Payload(), """{"alg":"HS256","kid":1}""")),
            ("jwk in header", Hs256(Payload(), """{"alg":"HS256","kid":"hmac-1","jwk":{"kty":"oct","k":"AAAA"}}""")),
            ("duplicate alg", Hs256(Payload(), """{"alg":"HS256","alg":"none","kid":"hmac-1"}""")),
            ("escaped duplicate", Hs256(Payload(), """{"alg":"HS256","\u0061lg":"HS256","kid":"hmac-1"}""")),
            ("typ at+jwt", Hs256(Payload(), """{"alg":"HS256","kid":"hmac-1","typ":"at+jwt"}""")),
            ("typ number", Hs256(Payload(), """{"alg":"HS256","kid":"hmac-1","typ":7}""")),
            ("duplicate sub", Hs256(Payload(",\"sub\":\"admin\""))),
            ("sub number", Hs256(Payload().Replace("\"sub\":\"alice\"", "\"sub\":42", StringComparison.Ordinal))),
            ("empty sub", Hs256(Payload().Replace("\"sub\":\"alice\"", "\"sub\":\"\"", StringComparison.Ordinal))),
            ("null jti", Hs256(Payload().Replace("\"jti\":\"jti-1\"", "\"jti\":null", StringComparison.Ordinal))),
            ("aud array", Hs256(Payload().Replace("\"aud\":\"api://orders\"", "\"aud\":[\"x\",\"api://orders\"]", StringComparison.Ordinal))),
            ("aud with number", Hs256(Payload().Replace("\"aud\":\"api://orders\"", "\"aud\":[\"api://orders\",7]", StringComparison.Ordinal))),
            ("wrong aud", Hs256(Payload().Replace("\"aud\":\"api://orders\"", "\"aud\":\"api://other\"", StringComparison.Ordinal))),
            ("wrong iss", Hs256(Payload().Replace("https://issuer.example", "https://evil.example", StringComparison.Ordinal))),
            ("lone surrogate claim", Hs256(Payload(",\"name\":\"a\\ud800\""))),
            ("lone surrogate sub", Hs256(Payload().Replace("\"sub\":\"alice\"", "\"sub\":\"alice\\udbff\"", StringComparison.Ordinal))),
            ("huge integer claim", Hs256(Payload(",\"n\":123456789012345678901234567890"))),
            ("huge exponent claim", Hs256(Payload(",\"n\":1e400"))),
            ("tiny exponent claim", Hs256(Payload(",\"n\":-1e-400"))),
            ("nested claim", Hs256(Payload(",\"o\":{\"a\":[1,{\"b\":null}],\"c\":true}"))),
            ("duplicate in nested claim", Hs256(Payload(",\"o\":{\"a\":1,\"a\":2}"))),
            ("deep nesting", Hs256(Payload(",\"d\":" + new string('[', 40) + new string(']', 40)))),
            ("trailing garbage", Hs256(Payload() + "x")),
            ("payload array", Hs256("[1,2]")),
            ("empty payload", Hs256(string.Empty)),
            ("bad signature", Hs256(Payload())[..^2] + "AA"),
            ("no signature", Hs256(Payload())[..(Hs256(Payload()).LastIndexOf('.') + 1)]),
            ("padded", Hs256(Payload()) + "="),
            ("four segments", Hs256(Payload()) + ".x"),
            ("not base64", "!!!.@@@.###"),
            ("empty", "."),
        };
        var headerless = Payload();
        corpus.Add(("exp missing", Hs256(System.Text.RegularExpressions.Regex.Replace(headerless, "\"exp\":[0-9]+,", string.Empty))));
        corpus.Add(("exp string", Hs256(System.Text.RegularExpressions.Regex.Replace(headerless, "\"exp\":([0-9]+)", "\"exp\":\"$1\""))));
        corpus.Add(("expired", Hs256(WithDate("exp", _keys.Time.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        corpus.Add(("not yet valid", Hs256(WithDate("nbf", _keys.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        corpus.Add(("too long", Hs256(Payload(",\"pad\":\"" + new string('a', 9000) + "\""))));

        foreach (var (name, token) in corpus)
        {
            await AssertSameAsync(name, token);
        }
    }

    [Fact]
    public async Task Key_and_algorithm_attacks_on_an_ec_pinned_scheme_give_the_same_answer()
    {
        string[] pinned = ["ES256"];
        var (host, client) = await StartHostAsync(pinned);
        try
        {
            using var attacker = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
            _keys.Ring.Add(new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(p384) { KeyId = "ec-384" });
            var claims = _keys.Claims();
            var embedded = TokenForge.Header("ES256", "ec-1");
            embedded["jwk"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromECDsaSecurityKey(
                new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(System.Security.Cryptography.ECDsa.Create(attacker.ExportParameters(false))))));
            var typed = TokenForge.Header("ES256", "ec-1");
            typed["typ"] = 7;
            var corpus = new List<(string Name, string Token)>
            {
                ("valid", _keys.Es256(claims)),
                ("no kid", _keys.Es256(claims, kid: null)),
                ("attacker key", TokenForge.Sign(TokenForge.Header("ES256", "ec-1"), claims, TokenForge.Ec(attacker, "ES256"))),
                ("attacker key embedded", TokenForge.Sign(embedded, claims, TokenForge.Ec(attacker, "ES256"))),
                ("p-384 key under ES256", TokenForge.Sign(TokenForge.Header("ES256", "ec-384"), claims, TokenForge.Ec(p384, "ES256"))),
                ("HS256 with the RSA public key", TokenForge.Sign(TokenForge.Header("HS256", "rsa-1"), claims, TokenForge.Hmac(Encoding.ASCII.GetBytes(_keys.Rsa.ExportSubjectPublicKeyInfoPem()), "HS256"))),
                ("HS256 with the EC kid", TokenForge.Sign(TokenForge.Header("HS256", "ec-1"), claims, TokenForge.Hmac(_keys.Secret, "HS256"))),
                ("RS256 where ES256 is pinned", TokenForge.Sign(TokenForge.Header("RS256", "rsa-1"), claims, TokenForge.Rsa(_keys.Rsa, "RS256"))),
                ("ES256 under the hmac kid", TokenForge.Sign(TokenForge.Header("ES256", "hmac-1"), claims, TokenForge.Ec(_keys.Ec, "ES256"))),
                ("numeric typ", _keys.Es256(typed, claims)),
            };
            foreach (var (name, token) in corpus)
            {
                await AssertSameAsync(name, token, pinned, client);
            }

            _keys.Ring.Revoke("ec-1");
            await AssertSameAsync("revoked key", _keys.Es256(claims), pinned, client);
        }
        finally
        {
            client.Dispose();
            await host.StopAsync();
            host.Dispose();
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Generated_headers_and_payloads_give_the_same_answer(int seed)
    {
        var random = new Random(seed);
        var now = _keys.Time.GetUtcNow();
        var fixedPayload = Payload();
        for (int i = 0; i < 250; i++)
        {
            var payload = new ReaderEquivalenceTests.JsonGenerator(random, now).Payload();
            await AssertSameAsync("payload " + payload, Hs256(payload));
            var header = new ReaderEquivalenceTests.JsonGenerator(random, now).Header();
            await AssertSameAsync("header " + header, Hs256(fixedPayload, header));
        }
    }
}
