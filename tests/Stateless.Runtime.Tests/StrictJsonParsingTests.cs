using System.Security.Claims;
using System.Text;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>
/// The header and payload JSON rules, each with its exact <see cref="TokenFailure"/>: duplicates (also through escapes
/// and at any depth), depth, UTF-8, trailing data, whitespace, numbers, <c>aud</c> shapes and escaped surrogates.
/// </summary>
public sealed class StrictJsonParsingTests : IDisposable
{
    private readonly Keys _keys = new();

    public void Dispose() => _keys.Dispose();

    private string Payload(string template) => RawTokens.Fill(template, _keys.Time.GetUtcNow());

    private Task<TokenVerificationResult> VerifyRaw(string header, string payloadTemplate) =>
        _keys.Verifier(null, "HS256").VerifyAsync(RawTokens.Hs256(_keys.Secret, header, Payload(payloadTemplate))).AsTask();

    private async Task<TokenFailure> Header(string header) => (await VerifyRaw(header, "{" + RawTokens.Required + "}")).Failure;

    private async Task<TokenFailure> Claims(string payloadTemplate) => (await VerifyRaw(RawTokens.Header, payloadTemplate)).Failure;

    [Theory]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","\u006bid":"hmac-1"}""")]
    [InlineData("""{"alg":"HS256","\u0061\u006c\u0067":"HS256","kid":"hmac-1"}""")]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","kid":"other"}""")]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","jwk":{"kty":"oct","k\u0074y":"RSA"}}""")]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","x5c":[{"a":1,"a":2}]}""")]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","\u00e9":1,"é":2}""")]
    public async Task Duplicate_header_names_are_malformed_even_through_escapes_and_nesting(string header)
    {
        Assert.Equal(TokenFailure.Malformed, await Header(header));
    }

    [Theory]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","\u0062":1,"b2":2,"a":3}""")]
    [InlineData("""{"\u0061lg":"HS\u0032\u0035\u0036","\u006bid":"hmac\u002d1"}""")]
    [InlineData(" \t\r\n{ \"alg\" : \"HS256\" ,\n \"kid\" :\t\"hmac-1\" } \r\n")]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","jwk":{"kty":"oct"},"x5c":["a","b"],"typ":"\ud800"}""")]
    public async Task Escaped_spaced_and_ignored_header_members_verify(string header)
    {
        Assert.Equal(TokenFailure.None, await Header(header));
    }

    [Theory]
    [InlineData("""{"alg":"HS256","kid":"hmac-1"} x""", TokenFailure.Malformed)]
    [InlineData("""{"alg":"HS256","kid":"hmac-1"}{}""", TokenFailure.Malformed)]
    [InlineData("""{"alg":"HS256","kid":"hmac-1"},""", TokenFailure.Malformed)]
    [InlineData("""{"alg":"HS256","kid":"hmac-1",}""", TokenFailure.Malformed)]
    [InlineData("""{"alg":"HS256","kid":"hmac-1"/*c*/}""", TokenFailure.Malformed)]
    [InlineData("""["alg","HS256"]""", TokenFailure.Malformed)]
    [InlineData("\"HS256\"", TokenFailure.Malformed)]
    [InlineData("", TokenFailure.Malformed)]
    [InlineData("""{"alg":null,"kid":"hmac-1"}""", TokenFailure.Malformed)]
    [InlineData("""{"alg":["HS256"],"kid":"hmac-1"}""", TokenFailure.Malformed)]
    [InlineData("""{"alg":"hs256","kid":"hmac-1"}""", TokenFailure.AlgorithmNotAllowed)]
    [InlineData("""{"alg":"HS256 ","kid":"hmac-1"}""", TokenFailure.AlgorithmNotAllowed)]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","crit":null}""", TokenFailure.Malformed)]
    [InlineData("""{"alg":"HS256","kid":7}""", TokenFailure.UnknownKey)]
    [InlineData("""{"alg":"HS256","kid":""}""", TokenFailure.UnknownKey)]
    [InlineData("""{"alg":"HS256"}""", TokenFailure.UnknownKey)]
    [InlineData("""{"alg":"HS256","kid":"hmac-1","\ud800":1}""", TokenFailure.Malformed)]
    [InlineData("""{"alg":"\udc00","kid":"hmac-1"}""", TokenFailure.Malformed)]
    [InlineData("""{"alg":"HS256","kid":"\ud800"}""", TokenFailure.Malformed)]
    public async Task Header_json_is_strict(string header, TokenFailure expected)
    {
        Assert.Equal(expected, await Header(header));
    }

    [Fact]
    public async Task Header_nesting_deeper_than_32_levels_is_malformed()
    {
        static string Nested(int depth) => """{"alg":"HS256","kid":"hmac-1","x":""" + new string('[', depth) + new string(']', depth) + "}";
        Assert.Equal(TokenFailure.None, await Header(Nested(31)));
        Assert.Equal(TokenFailure.Malformed, await Header(Nested(32)));
        Assert.Equal(TokenFailure.Malformed, await Header(Nested(500)));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public async Task Invalid_utf8_in_header_or_payload_is_malformed(byte[] bad)
    {
        static byte[] With(string before, byte[] bad, string after) => [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];
        var verifier = _keys.Verifier(null, "HS256");
        var goodPayload = Encoding.UTF8.GetBytes(Payload("{" + RawTokens.Required + "}"));

        var badHeader = With("""{"alg":"HS256","kid":"hmac-1","typ":"JWT""", bad, "\"}");
        Assert.Equal(TokenFailure.Malformed, (await verifier.VerifyAsync(RawTokens.Hs256(_keys.Secret, badHeader, goodPayload))).Failure);

        var badPayload = With(Payload("{" + RawTokens.Required + ",\"name\":\"x"), bad, "\"}");
        Assert.Equal(TokenFailure.Malformed, (await verifier.VerifyAsync(RawTokens.Hs256(_keys.Secret, Encoding.UTF8.GetBytes(RawTokens.Header), badPayload))).Failure);

        var badName = With(Payload("{" + RawTokens.Required + ",\"n"), bad, "\":1}");
        Assert.Equal(TokenFailure.Malformed, (await verifier.VerifyAsync(RawTokens.Hs256(_keys.Secret, Encoding.UTF8.GetBytes(RawTokens.Header), badName))).Failure);
    }

    [Fact]
    public async Task A_byte_order_mark_is_malformed()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var payload = Encoding.UTF8.GetBytes(Payload("{" + RawTokens.Required + "}"));
        var verifier = _keys.Verifier(null, "HS256");
        Assert.Equal(TokenFailure.Malformed, (await verifier.VerifyAsync(RawTokens.Hs256(_keys.Secret, [.. bom, .. Encoding.UTF8.GetBytes(RawTokens.Header)], payload))).Failure);
        Assert.Equal(TokenFailure.Malformed, (await verifier.VerifyAsync(RawTokens.Hs256(_keys.Secret, Encoding.UTF8.GetBytes(RawTokens.Header), [.. bom, .. payload]))).Failure);
    }

    [Theory]
    [InlineData("""{REQ,"sub":"admin"}""")]
    [InlineData("""{REQ,"\u0073ub":"admin"}""")]
    [InlineData("""{REQ,"\u0073\u0075\u0062":"admin"}""")]
    [InlineData("""{REQ,"role":"a","ro\u006ce":"b"}""")]
    [InlineData("""{REQ,"address":{"city":"x","c\u0069ty":"y"}}""")]
    [InlineData("""{REQ,"groups":[{"id":1},{"id":2,"id":3}]}""")]
    [InlineData("""{REQ,"deep":{"a":{"b":{"c":1,"c":2}}}}""")]
    public async Task Duplicate_claim_names_are_malformed_even_through_escapes_and_nesting(string template)
    {
        Assert.Equal(TokenFailure.Malformed, await Claims(template.Replace("REQ", RawTokens.Required, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Objects_with_many_members_still_refuse_duplicates()
    {
        // More than 16 names in one object takes the hashed path.
        var many = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"c{i}\":{i}"));
        var ok = await VerifyRaw(RawTokens.Header, "{" + RawTokens.Required + "," + many + "}");
        Assert.Equal(TokenFailure.None, ok.Failure);
        Assert.Equal(47, ok.Principal!.Claims.Count());

        Assert.Equal(TokenFailure.Malformed, await Claims("{" + RawTokens.Required + "," + many + ",\"c\\u0033\":3}"));
        Assert.Equal(TokenFailure.Malformed, await Claims("{" + RawTokens.Required + "," + many + ",\"jti\":\"again\"}"));
        Assert.Equal(TokenFailure.Malformed, await Claims("{" + RawTokens.Required + ",\"nested\":{" + many + ",\"c39\":0}}"));
        Assert.Equal(TokenFailure.None, await Claims("{" + RawTokens.Required + ",\"n1\":{" + many + "},\"n2\":{" + many + "}}"));

        var manyHeader = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"h{i}\":{i}"));
        Assert.Equal(TokenFailure.None, await Header("""{"alg":"HS256","kid":"hmac-1",""" + manyHeader + "}"));
        Assert.Equal(TokenFailure.Malformed, await Header("""{"alg":"HS256","kid":"hmac-1",""" + manyHeader + ",\"h\\u0031\":1}"));
    }

    [Fact]
    public async Task Same_name_in_sibling_objects_is_not_a_duplicate()
    {
        var result = await VerifyRaw(RawTokens.Header, "{" + RawTokens.Required + ""","a":{"x":1},"b":{"x":2},"c":[{"x":3},{"x":4}]}""");
        Assert.Equal(TokenFailure.None, result.Failure);
    }

    [Fact]
    public async Task Payload_nesting_deeper_than_32_levels_is_malformed()
    {
        string Nested(int depth) => "{" + RawTokens.Required + ",\"x\":" + new string('[', depth) + new string(']', depth) + "}";
        Assert.Equal(TokenFailure.None, await Claims(Nested(31)));
        Assert.Equal(TokenFailure.Malformed, await Claims(Nested(32)));
        Assert.Equal(TokenFailure.Malformed, await Claims(Nested(1000)));
    }

    [Theory]
    [InlineData("{REQ} x")]
    [InlineData("{REQ}{}")]
    [InlineData("{REQ},")]
    [InlineData("{REQ}]")]
    [InlineData("{REQ}\"\"")]
    [InlineData("{REQ,}")]
    [InlineData("{REQ")]
    [InlineData("{REQ}\u0000")]
    [InlineData("{REQ//c\n}")]
    [InlineData("[{REQ}]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Trailing_or_missing_data_around_the_payload_is_malformed(string template)
    {
        Assert.Equal(TokenFailure.Malformed, await Claims(template.Replace("REQ", RawTokens.Required, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(" {REQ} ")]
    [InlineData("\r\n\t{REQ}\r\n\t")]
    [InlineData("{ \"iss\" : \"https://issuer.example\" ,\n\t\"sub\":\"alice\",\r\n\"aud\" :[ \"api://orders\" ] ,\"exp\" : {exp} , \"jti\"\t:\t\"jti-1\" }")]
    public async Task Json_whitespace_anywhere_is_accepted(string template)
    {
        Assert.Equal(TokenFailure.None, await Claims(template.Replace("REQ", RawTokens.Required, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("1e10", TokenFailure.None)]
    [InlineData("1E+10", TokenFailure.None)]
    [InlineData("253402300799", TokenFailure.None)]
    [InlineData("253402300800", TokenFailure.Malformed)]
    [InlineData("99999999999999999999999999", TokenFailure.Malformed)]
    [InlineData("1e300", TokenFailure.Malformed)]
    [InlineData("-1", TokenFailure.Expired)]
    [InlineData("-0", TokenFailure.Expired)]
    [InlineData("1.5", TokenFailure.Expired)]
    [InlineData("-62135596800", TokenFailure.Expired)]
    [InlineData("-62135596801", TokenFailure.Malformed)]
    [InlineData("-1e300", TokenFailure.Malformed)]
    [InlineData("1e400", TokenFailure.Malformed)]
    [InlineData("-1e400", TokenFailure.Malformed)]
    [InlineData("\"4102444800\"", TokenFailure.Malformed)]
    [InlineData("true", TokenFailure.Malformed)]
    [InlineData("{}", TokenFailure.Malformed)]
    [InlineData("[4102444800]", TokenFailure.Malformed)]
    [InlineData("null", TokenFailure.MissingClaim)]
    [InlineData("01", TokenFailure.Malformed)]
    [InlineData("1.", TokenFailure.Malformed)]
    [InlineData("+1", TokenFailure.Malformed)]
    [InlineData("NaN", TokenFailure.Malformed)]
    public async Task Exp_numbers_are_read_as_before(string exp, TokenFailure expected)
    {
        var template = """{"iss":"https://issuer.example","sub":"alice","aud":"api://orders","jti":"jti-1","exp":""" + exp + "}";
        Assert.Equal(expected, await Claims(template));
    }

    [Fact]
    public async Task Exp_far_in_the_future_is_reported_and_beyond_year_9999_is_malformed()
    {
        var result = await VerifyRaw(RawTokens.Header, """{"iss":"https://issuer.example","sub":"alice","aud":"api://orders","jti":"jti-1","exp":1e10}""");
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1e10), result.ExpiresAt);
        Assert.Equal(ClaimValueTypes.Double, result.Principal!.FindFirst("exp")!.ValueType);
        Assert.Equal("1e10", result.Principal.FindFirst("exp")!.Value);

        // No instant a DateTimeOffset (or IdentityModel, which refuses it with IDX14101) can hold: not "valid for ever".
        var huge = await VerifyRaw(RawTokens.Header, """{"iss":"https://issuer.example","sub":"alice","aud":"api://orders","jti":"jti-1","exp":1e300}""");
        Assert.Equal(TokenFailure.Malformed, huge.Failure);
    }

    [Theory]
    [InlineData("\"1\"", TokenFailure.Malformed)]
    [InlineData("1e400", TokenFailure.Malformed)]
    [InlineData("false", TokenFailure.Malformed)]
    [InlineData("null", TokenFailure.None)]
    [InlineData("1.5", TokenFailure.None)]
    [InlineData("-1", TokenFailure.None)]
    [InlineData("4102444800", TokenFailure.NotYetValid)]
    [InlineData("1e300", TokenFailure.Malformed)]
    [InlineData("-1e300", TokenFailure.Malformed)]
    public async Task Nbf_and_iat_numbers_are_read_as_before(string value, TokenFailure expected)
    {
        foreach (var claim in new[] { "nbf", "iat" })
        {
            var template = """{"iss":"https://issuer.example","sub":"alice","aud":"api://orders","jti":"jti-1","exp":{exp},""" + $"\"{claim}\":{value}}}";
            Assert.Equal(expected, await Claims(template));
        }
    }

    [Theory]
    [InlineData("""["api://orders"]""", TokenFailure.None)]
    [InlineData("""["other","api://orders"]""", TokenFailure.None)]
    [InlineData("""["","api://orders"]""", TokenFailure.None)]
    [InlineData("""["api:\/\/orders"]""", TokenFailure.None)]
    [InlineData("""["other"]""", TokenFailure.WrongAudience)]
    [InlineData("""[]""", TokenFailure.MissingClaim)]
    [InlineData("""[""]""", TokenFailure.MissingClaim)]
    [InlineData("""["",""]""", TokenFailure.MissingClaim)]
    [InlineData("\"\"", TokenFailure.MissingClaim)]
    [InlineData("null", TokenFailure.MissingClaim)]
    [InlineData("""["api://orders",1]""", TokenFailure.Malformed)]
    [InlineData("""["api://orders",null]""", TokenFailure.Malformed)]
    [InlineData("""["api://orders",true]""", TokenFailure.Malformed)]
    [InlineData("""[["api://orders"]]""", TokenFailure.Malformed)]
    [InlineData("""[{"aud":"api://orders"}]""", TokenFailure.Malformed)]
    [InlineData("""[1]""", TokenFailure.Malformed)]
    [InlineData("""{"0":"api://orders"}""", TokenFailure.Malformed)]
    [InlineData("42", TokenFailure.Malformed)]
    [InlineData("true", TokenFailure.Malformed)]
    public async Task Aud_is_a_string_or_an_array_of_strings(string aud, TokenFailure expected)
    {
        var template = """{"iss":"https://issuer.example","sub":"alice","exp":{exp},"jti":"jti-1","aud":""" + aud + "}";
        Assert.Equal(expected, await Claims(template));
    }

    [Theory]
    [InlineData("""{REQ,"name":"\ud800"}""")]
    [InlineData("""{REQ,"name":"\udc00\ud800"}""")]
    [InlineData("""{REQ,"\ud800":1}""")]
    [InlineData("""{REQ,"list":["ok","\ud83d"]}""")]
    [InlineData("""{REQ,"obj":{"\udfff":1}}""")]
    public async Task Escaped_lone_surrogates_are_malformed_not_an_exception(string template)
    {
        Assert.Equal(TokenFailure.Malformed, await Claims(template.Replace("REQ", RawTokens.Required, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Strings_inside_object_claims_stay_json_text_as_before()
    {
        // An object or array member is kept as its JSON text, never unescaped, so a lone surrogate there is just text.
        var result = await VerifyRaw(RawTokens.Header, "{" + RawTokens.Required + ""","obj":{"a":"\ud800"},"list":[["\udc00"]]}""");
        Assert.Equal(TokenFailure.None, result.Failure);
        Assert.Equal("""{"a":"\ud800"}""", result.Principal!.FindFirst("obj")!.Value);
        Assert.Equal("""["\udc00"]""", result.Principal.FindFirst("list")!.Value);
    }

    [Fact]
    public async Task An_unreadable_string_claim_does_not_hide_an_earlier_refusal()
    {
        // The previous code only unescaped ordinary claims when building the principal, after every check.
        Assert.Equal(TokenFailure.MissingClaim, await Claims("""{"iss":"","sub":"alice","aud":"api://orders","exp":{exp},"jti":"j","name":"\ud800"}"""));
        Assert.Equal(TokenFailure.Expired, await Claims("""{"iss":"https://issuer.example","sub":"alice","aud":"api://orders","exp":1,"jti":"j","name":"\ud800"}"""));
        Assert.Equal(TokenFailure.Malformed, await Claims("""{"iss":"https://issuer.example","sub":"\ud800","aud":"api://orders","exp":{exp},"jti":"j"}"""));
        Assert.Equal(TokenFailure.Malformed, await Claims("""{"iss":"https://issuer.example","sub":"alice","aud":["api://orders","\ud800"],"exp":1,"jti":"j"}"""));
    }

    [Fact]
    public async Task Escaped_surrogate_pairs_and_other_escapes_are_unescaped()
    {
        var result = await VerifyRaw(RawTokens.Header, "{" + RawTokens.Required + ""","name":"\ud83d\ude00 \u00e9\t\"q\" \/","\u0065mail":"a@b"}""");
        Assert.Equal(TokenFailure.None, result.Failure);
        Assert.Equal("😀 é\t\"q\" /", result.Principal!.FindFirst("name")!.Value);
        Assert.Equal("a@b", result.Principal.FindFirst("email")!.Value);
    }

    public static TheoryData<string, (string, string, string, string, string)[]> ClaimTable()
    {
        const string I = TokenForge.Issuer;
        const string Req = "\"iss\":\"https://issuer.example\",\"sub\":\"alice\",\"aud\":\"api://orders\",\"jti\":\"jti-1\",\"exp\":4102444800";
        (string, string, string, string, string)[] required =
        [
            ("iss", I, ClaimValueTypes.String, I, I),
            ("sub", "alice", ClaimValueTypes.String, I, I),
            ("aud", "api://orders", ClaimValueTypes.String, I, I),
            ("jti", "jti-1", ClaimValueTypes.String, I, I),
            ("exp", "4102444800", ClaimValueTypes.Integer64, I, I),
        ];
        return new TheoryData<string, (string, string, string, string, string)[]>
        {
            { "{" + Req + "}", required },
            {
                "{" + Req + ""","role":["reader","writer"],"n":-0.50,"big":12345678901234567890,"e":1E3,"t":true,"f":false,"z":null}""",
                [.. required,
                    ("role", "reader", ClaimValueTypes.String, I, I), ("role", "writer", ClaimValueTypes.String, I, I),
                    ("n", "-0.50", ClaimValueTypes.Double, I, I), ("big", "12345678901234567890", ClaimValueTypes.Double, I, I),
                    ("e", "1E3", ClaimValueTypes.Double, I, I), ("t", "true", ClaimValueTypes.Boolean, I, I), ("f", "false", ClaimValueTypes.Boolean, I, I)]
            },
            {
                "{" + Req + ""","address":{ "city" : "Oslo", "zip":[1,2] },"m":[[1, 2],{"a":null},"s",3,null,true],"empty":[],"eo":{}}""",
                [.. required,
                    ("address", """{ "city" : "Oslo", "zip":[1,2] }""", "JSON", I, I),
                    ("m", "[1, 2]", "JSON", I, I), ("m", """{"a":null}""", "JSON", I, I), ("m", "s", ClaimValueTypes.String, I, I),
                    ("m", "3", ClaimValueTypes.Integer64, I, I), ("m", "true", ClaimValueTypes.Boolean, I, I),
                    ("eo", "{}", "JSON", I, I)]
            },
            {
                """{"t\u0065nant":"t-\u0037","jti":"jti-1","aud":["x","api://orders"],"sub":"alice","exp":4102444800,"iss":"https:\/\/issuer.example"}""",
                [("tenant", "t-7", ClaimValueTypes.String, I, I), ("jti", "jti-1", ClaimValueTypes.String, I, I),
                    ("aud", "x", ClaimValueTypes.String, I, I), ("aud", "api://orders", ClaimValueTypes.String, I, I),
                    ("sub", "alice", ClaimValueTypes.String, I, I), ("exp", "4102444800", ClaimValueTypes.Integer64, I, I),
                    ("iss", I, ClaimValueTypes.String, I, I)]
            },
        };
    }

    [Theory]
    [MemberData(nameof(ClaimTable))]
    public async Task Principal_holds_every_claim_in_document_order(string payload, (string, string, string, string, string)[] expected)
    {
        var result = await VerifyRaw(RawTokens.Header, payload);
        Assert.Equal(TokenFailure.None, result.Failure);
        var identity = Assert.Single(result.Principal!.Identities);
        Assert.Equal(expected, identity.Claims.Select(RawTokens.Shape).ToArray());
        Assert.All(identity.Claims, c => Assert.Same(identity, c.Subject));
        Assert.Equal("Stateless", identity.AuthenticationType);
        Assert.Equal("sub", identity.NameClaimType);
        Assert.Equal("role", identity.RoleClaimType);
        Assert.Equal("alice", identity.Name);
        Assert.Equal(TokenForge.Issuer, result.Principal.FindFirst("iss")!.Value);
    }

    [Theory]
    [InlineData('é', 0, TokenFailure.Malformed)]
    [InlineData('\u2024', 0, TokenFailure.Malformed)]
    [InlineData('é', 1, TokenFailure.Malformed)]
    [InlineData('é', 2, TokenFailure.SignatureInvalid)]
    public async Task Characters_outside_ascii_are_refused_in_the_segment_they_are_in(char odd, int segment, TokenFailure expected)
    {
        var parts = RawTokens.Hs256(_keys.Secret, RawTokens.Header, Payload("{" + RawTokens.Required + "}")).Split('.');
        parts[segment] = parts[segment][..4] + odd + parts[segment][4..];
        Assert.Equal(expected, (await _keys.Verifier(null, "HS256").VerifyAsync(string.Join('.', parts))).Failure);

        // A surrogate pair is two characters, and still one refusal.
        parts = RawTokens.Hs256(_keys.Secret, RawTokens.Header, Payload("{" + RawTokens.Required + "}")).Split('.');
        parts[segment] = parts[segment][..4] + "😀" + parts[segment][4..];
        Assert.Equal(expected, (await _keys.Verifier(null, "HS256").VerifyAsync(string.Join('.', parts))).Failure);
    }

    [Fact]
    public async Task A_bad_payload_segment_does_not_hide_an_unknown_key()
    {
        var parts = RawTokens.Hs256(_keys.Secret, """{"alg":"HS256","kid":"nobody"}""", Payload("{" + RawTokens.Required + "}")).Split('.');
        Assert.Equal(TokenFailure.UnknownKey, (await _keys.Verifier(null, "HS256").VerifyAsync(parts[0] + ".é!" + parts[1] + "." + parts[2])).Failure);
    }
}
