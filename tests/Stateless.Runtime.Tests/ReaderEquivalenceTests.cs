using System.Globalization;
using System.Security.Claims;
using System.Text;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>
/// Differential tests: thousands of generated headers and payloads (duplicates through escapes, nesting, odd
/// numbers, wrong types, whitespace, lone surrogates) verified by <see cref="StatelessTokenVerifier"/> and judged by
/// <see cref="LegacyVerifierOracle"/>, the previous JsonDocument-based code. Same failure for every input, and for a
/// valid token the same claims (type, value, value type, issuers) in the same order. Where the previous code threw
/// (escaped lone surrogates), the verifier must refuse the token as <see cref="TokenFailure.Malformed"/>.
/// </summary>
public sealed class ReaderEquivalenceTests : IDisposable
{
    private static readonly string[] s_pinned = ["HS256", "HS384"];
    private readonly Keys _keys = new();

    public void Dispose() => _keys.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Generated_payloads_give_the_previous_failure_and_claims(int seed)
    {
        var random = new Random(seed);
        var verifier = _keys.Verifier(null, s_pinned);
        var now = _keys.Time.GetUtcNow();
        var outcomes = new Dictionary<TokenFailure, int>();
        for (int i = 0; i < 600; i++)
        {
            var payload = new JsonGenerator(random, now).Payload();
            var bytes = Encoding.UTF8.GetBytes(payload);
            var result = await verifier.VerifyAsync(RawTokens.Hs256(_keys.Secret, Encoding.UTF8.GetBytes(RawTokens.Header), bytes));

            TokenFailure expected;
            List<Claim> claims;
            try
            {
                expected = LegacyVerifierOracle.CheckPayload(bytes, now, TimeSpan.FromSeconds(30), TokenForge.Issuer, [TokenForge.Audience], out claims);
            }
            catch (InvalidOperationException)
            {
                expected = TokenFailure.Malformed;
                claims = [];
            }

            Assert.True(expected == result.Failure, $"payload {payload}: expected {expected}, got {result.Failure}");
            if (expected == TokenFailure.None)
            {
                Assert.Equal(claims.Select(RawTokens.Shape), result.Principal!.Claims.Select(RawTokens.Shape));
                Assert.Equal(claims.First(c => c.Type == "sub").Value, result.Subject);
                Assert.Equal(claims.First(c => c.Type == "jti").Value, result.TokenId);
            }

            outcomes[expected] = outcomes.GetValueOrDefault(expected) + 1;
        }

        // The generator must reach valid tokens and the interesting refusals, or this test proves little.
        Assert.True(outcomes.GetValueOrDefault(TokenFailure.None) > 50, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(TokenFailure.Malformed) > 50, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(TokenFailure.MissingClaim) > 5, string.Join(", ", outcomes));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Generated_headers_give_the_previous_failure(int seed)
    {
        var random = new Random(seed);
        var verifier = _keys.Verifier(null, s_pinned);
        var payload = Encoding.UTF8.GetBytes(RawTokens.Fill("{" + RawTokens.Required + "}", _keys.Time.GetUtcNow()));
        var outcomes = new Dictionary<TokenFailure, int>();
        for (int i = 0; i < 600; i++)
        {
            var header = new JsonGenerator(random, _keys.Time.GetUtcNow()).Header();
            var bytes = Encoding.UTF8.GetBytes(header);
            var result = await verifier.VerifyAsync(RawTokens.Hs256(_keys.Secret, bytes, payload));

            TokenFailure expected;
            try
            {
                expected = LegacyVerifierOracle.CheckHeader(bytes, s_pinned, out var kid);
                if (expected == TokenFailure.None)
                {
                    // Only hmac-1 is in the ring among the kids the generator writes; the token is HS256-signed with it.
                    expected = kid == "hmac-1" ? TokenFailure.None : TokenFailure.UnknownKey;
                }
            }
            catch (InvalidOperationException)
            {
                expected = TokenFailure.Malformed;
            }

            Assert.True(expected == result.Failure, $"header {header}: expected {expected}, got {result.Failure}");
            outcomes[expected] = outcomes.GetValueOrDefault(expected) + 1;
        }

        Assert.True(outcomes.GetValueOrDefault(TokenFailure.None) > 30, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(TokenFailure.Malformed) > 30, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(TokenFailure.AlgorithmNotAllowed) > 10, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(TokenFailure.UnknownKey) > 10, string.Join(", ", outcomes));
    }

    [Fact]
    public async Task Non_utf8_payloads_give_the_previous_failure()
    {
        var random = new Random(99);
        for (int i = 0; i < 300; i++)
        {
            var text = RawTokens.Fill("{" + RawTokens.Required + ",\"name\":\"xy\"}", _keys.Time.GetUtcNow());
            var bytes = Encoding.UTF8.GetBytes(text);
            bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
            var token = RawTokens.Hs256(_keys.Secret, Encoding.UTF8.GetBytes(RawTokens.Header), bytes);
            var expected = LegacyVerifierOracle.CheckPayload(bytes, _keys.Time.GetUtcNow(), TimeSpan.FromSeconds(30), TokenForge.Issuer, [TokenForge.Audience], out _);
            Assert.Equal(expected, (await _keys.Verifier(null, s_pinned).VerifyAsync(token)).Failure);
        }
    }

    /// <summary>Random JSON in the shapes tokens take, with the mistakes attackers and broken issuers make.</summary>
    internal sealed class JsonGenerator(Random random, DateTimeOffset now)
    {
        private static readonly string[] s_extraNames = ["role", "ro\\u006ce", "tenant", "name", "\\u006eame", "scope", "email", "groups", "a", "\\u0061", "é", "\\u00e9", "\\ud83d\\ude00", "x y", "", "nested"];
        private static readonly string[] s_cleanNames = ["role", "tenant", "name", "scope", "email", "groups", "a", "é", "\\ud83d\\ude00", "x y", "", "nested"];
        private static readonly string[] s_cleanStrings = ["", "alice", "api://orders", "api:\\/\\/orders", "t-7", "\\u00e9t\\u00e9", "\\ud83d\\ude00", "tab\\tnl\\n", "q\\\"q", "é"];
        private static readonly string[] s_strings = ["", "alice", "api://orders", "api:\\/\\/orders", "https://issuer.example", "https:\\/\\/issuer.example", "t-7", "\\u00e9t\\u00e9", "\\ud83d\\ude00", "tab\\tnl\\n", "q\\\"q", "é", "\\ud800", "\\udc00x"];
        private static readonly string[] s_numbers = ["0", "-0", "1", "-1", "1.5", "1e10", "1E+2", "-1e-7", "123456789012345678901234", "9223372036854775807", "9223372036854775808", "1e400", "0.0000001"];

        // Half the documents make no deliberate mistake (distinct names, readable strings, required claims well typed),
        // so valid tokens are compared claim by claim, not just refused.
        private bool _clean;

        private string[] Names => _clean ? s_cleanNames : s_extraNames;

        private string[] Strings => _clean ? s_cleanStrings : s_strings;

        public string Payload()
        {
            _clean = random.Next(2) == 0;
            var members = new List<string>();
            AddRequired(members, "iss", () => Str(random.Next(4) == 0 ? s_strings[random.Next(s_strings.Length)] : "https://issuer.example"));
            AddRequired(members, "sub", () => Str(random.Next(5) == 0 ? s_strings[random.Next(s_strings.Length)] : "alice"));
            AddRequired(members, "jti", () => Str(random.Next(5) == 0 ? s_strings[random.Next(s_strings.Length)] : "jti-" + random.Next(1000)));
            AddRequired(members, "aud", Audience);
            AddRequired(members, "exp", () => Date(600));
            if (random.Next(2) == 0)
            {
                AddRequired(members, "nbf", () => Date(0));
            }

            if (random.Next(2) == 0)
            {
                AddRequired(members, "iat", () => Date(0));
            }

            int extras = random.Next(random.Next(8) == 0 ? 30 : 6);
            var extraNames = Enumerable.Range(0, extras).Select(_ => Names[random.Next(Names.Length)]);
            foreach (var name in _clean ? extraNames.Distinct() : extraNames)
            {
                members.Add(Name(name) + Ws() + ":" + Ws() + Value(random.Next(4)));
            }

            if (!_clean && random.Next(12) == 0)
            {
                // A registered name again, possibly spelled with an escape.
                members.Add(Name(random.Next(2) == 0 ? "sub" : "\\u0073ub") + ":\"mallory\"");
            }

            Shuffle(members);
            var json = Ws() + "{" + Ws() + string.Join("," + Ws(), members) + Ws() + "}" + Ws();
            return _clean ? json : random.Next(20) switch
            {
                0 => json + "x",
                1 => json + "{}",
                2 => "[" + json + "]",
                _ => json,
            };
        }

        public string Header()
        {
            _clean = random.Next(3) == 0;
            var members = new List<string>();
            if (_clean)
            {
                members.Add(Name(random.Next(4) == 0 ? "\\u0061lg" : "alg") + ":" + (random.Next(4) == 0 ? "\"HS\\u0032\\u0035\\u0036\"" : "\"HS256\""));
                members.Add(Name("kid") + ":" + (random.Next(4) == 0 ? "\"hmac\\u002d1\"" : "\"hmac-1\""));
                foreach (var name in new[] { "typ", "jwk", "x5c", "cty" }.Where(_ => random.Next(2) == 0))
                {
                    members.Add(Name(name) + ":" + Value(random.Next(3)));
                }

                Shuffle(members);
                return Ws() + "{" + string.Join("," + Ws(), members) + "}" + Ws();
            }

            if (random.Next(10) != 0)
            {
                string[] algs = ["\"HS256\"", "\"HS256\"", "\"HS512\"", "\"HS\\u0032\\u0035\\u0036\"", "\"hs256\"", "\"RS256\"", "\"none\"", "null", "1", "[\"HS256\"]", "\"\\udc00\"", "\"HS256\\u0000\""];
                members.Add(Name(random.Next(6) == 0 ? "\\u0061lg" : "alg") + ":" + algs[random.Next(algs.Length)]);
            }

            if (random.Next(8) != 0)
            {
                string[] kids = ["\"hmac-1\"", "\"hmac-1\"", "\"hmac\\u002d1\"", "\"\"", "7", "null", "\"nobody\"", "\"\\ud800\"", "{\"kid\":\"hmac-1\"}"];
                members.Add(Name(random.Next(6) == 0 ? "k\\u0069d" : "kid") + ":" + kids[random.Next(kids.Length)]);
            }

            if (random.Next(10) == 0)
            {
                members.Add("\"crit\":" + (random.Next(2) == 0 ? "[\"exp\"]" : "[]"));
            }

            int extras = random.Next(5);
            for (int i = 0; i < extras; i++)
            {
                string[] names = ["typ", "jwk", "jku", "x5u", "x5c", "cty", "\\u0074yp", "alg", "kid", "\\ud800"];
                members.Add(Name(names[random.Next(names.Length)]) + ":" + Value(random.Next(3)));
            }

            Shuffle(members);
            return Ws() + "{" + string.Join("," + Ws(), members) + "}" + Ws() + (random.Next(40) == 0 ? "]" : string.Empty);
        }

        private void AddRequired(List<string> members, string name, Func<string> value)
        {
            switch (_clean ? 3 : random.Next(30))
            {
                case 0:
                    return;
                case 1:
                    members.Add(Name(name) + ":null");
                    return;
                case 2:
                    members.Add(Name(name) + ":" + Value(2));
                    return;
                default:
                    members.Add(Name(name) + Ws() + ":" + Ws() + value());
                    return;
            }
        }

        private string Audience() => (_clean ? 7 + random.Next(3) : random.Next(10)) switch
        {
            0 => "[]",
            1 => "[\"api://orders\", 1]",
            2 => "[\"\", \"\"]",
            3 => "[\"other\"]",
            4 => "\"other\"",
            5 => "[\"x\"," + Ws() + "\"api://orders\"]",
            6 => "[[\"api://orders\"]]",
            _ => random.Next(2) == 0 ? "\"api://orders\"" : "[\"api://orders\"]",
        };

        private string Date(int offsetSeconds)
        {
            long seconds = now.ToUnixTimeSeconds() + offsetSeconds;
            return (_clean ? 6 : random.Next(12)) switch
            {
                0 => s_numbers[random.Next(s_numbers.Length)],
                1 => "\"" + seconds.ToString(CultureInfo.InvariantCulture) + "\"",
                2 => seconds.ToString(CultureInfo.InvariantCulture) + ".25",
                3 => (seconds - 10_000).ToString(CultureInfo.InvariantCulture),
                4 => (seconds + 10_000).ToString(CultureInfo.InvariantCulture),
                5 => seconds.ToString("0.###e0", CultureInfo.InvariantCulture),
                _ => seconds.ToString(CultureInfo.InvariantCulture),
            };
        }

        private string Value(int depth)
        {
            int pick = random.Next(depth > 0 ? 9 : 6);
            switch (pick)
            {
                case 0:
                case 1:
                    return Str(Strings[random.Next(Strings.Length)]);
                case 2:
                    return s_numbers[random.Next(s_numbers.Length)];
                case 3:
                    return random.Next(2) == 0 ? "true" : "false";
                case 4:
                    return "null";
                case 5:
                    return random.Next(30) == 0 ? new string('[', 32) + new string(']', 32) : "[]";
                case 6:
                case 7:
                {
                    var items = Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth - 1));
                    return "[" + Ws() + string.Join("," + Ws(), items) + Ws() + "]";
                }

                default:
                {
                    var names = Enumerable.Range(0, random.Next(4)).Select(_ => Names[random.Next(Names.Length)]);
                    names = _clean ? names.Distinct() : names;
                    return "{" + string.Join(",", names.Select(n => Name(n) + ":" + Ws() + Value(depth - 1))) + "}";
                }
            }
        }

        private static string Name(string name) => "\"" + name + "\"";

        private static string Str(string value) => "\"" + value + "\"";

        private string Ws() => random.Next(6) switch
        {
            0 => " ",
            1 => "\n\t",
            2 => "\r\n  ",
            _ => string.Empty,
        };

        private void Shuffle(List<string> items)
        {
            for (int i = items.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }
}
