using System;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>Attacks on the access-token verifier; every case asserts the exact <see cref="TokenFailure"/>.</summary>
public sealed class VerifierAttackTests : IDisposable
{
    private readonly Keys _keys = new();

    public void Dispose() => _keys.Dispose();

    private async Task<TokenFailure> Verify(string token, params string[] algorithms) =>
        (await _keys.Verifier(null, algorithms).VerifyAsync(token)).Failure;

    [Fact]
    public async Task Valid_token_verifies_with_its_claims()
    {
        var result = await _keys.Verifier().VerifyAsync(_keys.Es256(_keys.Claims("t-42")));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(TokenFailure.None, result.Failure);
        Assert.Equal("alice", result.Subject);
        Assert.Equal("t-42", result.TokenId);
        Assert.Equal(TokenForge.Start.AddMinutes(10), result.ExpiresAt);
        Assert.Equal("alice", result.Principal!.FindFirst("sub")!.Value);
        Assert.Equal("alice", result.Principal.Identity!.Name);
    }

    [Fact]
    public async Task Non_canonical_base64url_spellings_are_refused()
    {
        var token = _keys.Es256(_keys.Claims());
        Assert.Equal(TokenFailure.None, await Verify(token));

        // An ES256 signature is 64 bytes: 86 characters whose last one carries 4 unused bits. Setting one of them
        // keeps the decoded bytes and changes the spelling, which must not verify.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token[^1];
        char sibling = Alphabet[Alphabet.IndexOf(last, StringComparison.Ordinal) | 1];
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token[..^1] + sibling));

        // Same for the payload segment when its length leaves unused bits.
        var parts = token.Split('.');
        if (parts[1].Length % 4 is 2 or 3)
        {
            char payloadLast = parts[1][^1];
            char payloadSibling = Alphabet[Alphabet.IndexOf(payloadLast, StringComparison.Ordinal) | 1];
            Assert.Equal(TokenFailure.Malformed, await Verify(parts[0] + "." + parts[1][..^1] + payloadSibling + "." + parts[2]));
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    public async Task Alg_none_is_refused(string alg)
    {
        var claims = TokenForge.B64(_keys.Claims().ToJsonString());
        var withKid = TokenForge.B64(TokenForge.Header(alg, "ec-1").ToJsonString()) + "." + claims + ".";
        var withoutKid = TokenForge.B64(TokenForge.Header(alg, null).ToJsonString()) + "." + claims + ".";

        Assert.Equal(TokenFailure.AlgorithmNotAllowed, await Verify(withKid));
        Assert.Equal(TokenFailure.AlgorithmNotAllowed, await Verify(withoutKid));
        Assert.Equal(TokenFailure.AlgorithmNotAllowed, await Verify(withKid, "HS256"));
    }

    [Fact]
    public void None_cannot_be_pinned()
    {
        Assert.Throws<ArgumentException>(() => _keys.Verifier(null, "none"));
        Assert.Throws<ArgumentException>(() => _keys.Verifier(null, "None"));
        Assert.Throws<ArgumentException>(() => _keys.Verifier(null, "ES256", "none"));
    }

    [Fact]
    public void Algorithm_families_cannot_be_mixed_and_unknown_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _keys.Verifier(null, "RS256", "HS256"));
        Assert.Throws<ArgumentException>(() => _keys.Verifier(null, "ES256", "RS256"));
        Assert.Throws<ArgumentException>(() => _keys.Verifier(null, "es256"));
        Assert.Throws<ArgumentException>(() => _keys.Verifier(null, "EdDSA"));
        Assert.Throws<ArgumentException>(() => new StatelessTokenVerifier(_keys.Options() is var o ? new StatelessTokenVerifierOptions { Issuer = o.Issuer, Audiences = o.Audiences, Algorithms = [], Keys = o.Keys } : null!));
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    [InlineData("der-pkcs1")]
    public async Task Hs256_signed_with_the_rsa_public_key_is_refused(string form)
    {
        byte[] secret = form switch
        {
            "pem" => Encoding.ASCII.GetBytes(_keys.Rsa.ExportSubjectPublicKeyInfoPem()),
            "der" => _keys.Rsa.ExportSubjectPublicKeyInfo(),
            _ => _keys.Rsa.ExportRSAPublicKey(),
        };
        var token = TokenForge.Sign(TokenForge.Header("HS256", "rsa-1"), _keys.Claims(), TokenForge.Hmac(secret, "HS256"));

        // Pinned to RSA: HS256 is not an allowed algorithm at all.
        Assert.Equal(TokenFailure.AlgorithmNotAllowed, await Verify(token, "RS256"));

        // Even a verifier pinned to HMAC never uses the RSA key under that kid as an HMAC secret.
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token, "HS256"));
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("ES512")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("HS256")]
    [InlineData("HS512")]
    [InlineData("es256")]
    [InlineData("EdDSA")]
    [InlineData("")]
    public async Task Algorithms_outside_the_pinned_set_are_refused(string alg)
    {
        var token = TokenForge.Sign(TokenForge.Header(alg, "ec-1"), _keys.Claims(), TokenForge.Ec(_keys.Ec, "ES256"));
        Assert.Equal(TokenFailure.AlgorithmNotAllowed, await Verify(token, "ES256"));
    }

    [Fact]
    public async Task Header_without_alg_or_with_a_non_string_alg_is_malformed()
    {
        var noAlg = new JsonObject { ["kid"] = "ec-1" };
        var numberAlg = new JsonObject { ["alg"] = 256, ["kid"] = "ec-1" };
        Assert.Equal(TokenFailure.Malformed, await Verify(_keys.Es256(noAlg, _keys.Claims())));
        Assert.Equal(TokenFailure.Malformed, await Verify(_keys.Es256(numberAlg, _keys.Claims())));
    }

    [Fact]
    public async Task Attacker_signed_token_with_a_known_kid_is_refused()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = TokenForge.Sign(TokenForge.Header("ES256", "ec-1"), _keys.Claims(), TokenForge.Ec(attacker, "ES256"));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token));

        using var rsaAttacker = RSA.Create(2048);
        var rsaToken = TokenForge.Sign(TokenForge.Header("RS256", "rsa-1"), _keys.Claims(), TokenForge.Rsa(rsaAttacker, "RS256"));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(rsaToken, "RS256"));

        var hmacToken = TokenForge.Sign(TokenForge.Header("HS256", "hmac-1"), _keys.Claims(), TokenForge.Hmac(RandomNumberGenerator.GetBytes(32), "HS256"));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(hmacToken, "HS256"));
    }

    [Fact]
    public async Task Tampered_payload_is_refused()
    {
        var token = _keys.Es256(_keys.Claims());
        var parts = token.Split('.');
        var forged = _keys.Claims();
        forged["sub"] = "admin";
        var tampered = parts[0] + "." + TokenForge.B64(forged.ToJsonString()) + "." + parts[2];

        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(tampered));
    }

    [Fact]
    public async Task Tampered_header_is_refused()
    {
        var token = _keys.Es256(_keys.Claims());
        var parts = token.Split('.');
        var header = TokenForge.Header("ES256", "ec-1");
        header["typ"] = "at+jwt";
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(TokenForge.B64(header.ToJsonString()) + "." + parts[1] + "." + parts[2]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(255)]
    [InlineData(511)]
    public async Task One_flipped_signature_bit_is_refused(int bit)
    {
        foreach (var (token, alg) in new[]
        {
            (_keys.Es256(_keys.Claims()), "ES256"),
            (TokenForge.Sign(TokenForge.Header("RS256", "rsa-1"), _keys.Claims(), TokenForge.Rsa(_keys.Rsa, "RS256")), "RS256"),
            (TokenForge.Sign(TokenForge.Header("HS256", "hmac-1"), _keys.Claims(), TokenForge.Hmac(_keys.Secret, "HS256")), "HS256"),
        })
        {
            Assert.Equal(TokenFailure.None, await Verify(token, alg));
            var parts = token.Split('.');
            var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
            signature[(bit / 8) % signature.Length] ^= (byte)(1 << (bit % 8));
            Assert.Equal(TokenFailure.SignatureInvalid, await Verify(parts[0] + "." + parts[1] + "." + TokenForge.B64(signature), alg));
        }
    }

    [Fact]
    public async Task Stripped_or_truncated_signature_is_refused()
    {
        var token = _keys.Es256(_keys.Claims());
        var signingInput = token[..token.LastIndexOf('.')];
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(signingInput + "."));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token[..^4]));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token + "AAAA"));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(signingInput + ".!!!"));
    }

    [Fact]
    public async Task Unknown_or_missing_kid_is_refused_without_trying_other_keys()
    {
        // Signed with the ring's own key but naming a kid the ring does not hold: no fallback to "try every key".
        Assert.Equal(TokenFailure.UnknownKey, await Verify(_keys.Es256(_keys.Claims(), kid: "ec-2")));
        Assert.Equal(TokenFailure.UnknownKey, await Verify(_keys.Es256(_keys.Claims(), kid: null)));
        Assert.Equal(TokenFailure.UnknownKey, await Verify(_keys.Es256(new JsonObject { ["alg"] = "ES256", ["kid"] = "" }, _keys.Claims())));
        Assert.Equal(TokenFailure.UnknownKey, await Verify(_keys.Es256(new JsonObject { ["alg"] = "ES256", ["kid"] = 1 }, _keys.Claims())));
        Assert.Equal(TokenFailure.UnknownKey, await Verify(_keys.Es256(_keys.Claims(), kid: "EC-1")));
    }

    [Fact]
    public async Task Retired_key_verifies_inside_its_window_and_is_unknown_after()
    {
        var token = _keys.Es256(_keys.Claims());
        _keys.Ring.Retire("ec-1", _keys.Time.GetUtcNow().AddMinutes(5));

        Assert.Equal(TokenFailure.None, await Verify(token));
        _keys.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TokenFailure.UnknownKey, await Verify(token));
    }

    [Fact]
    public async Task Revoked_key_is_refused_at_once()
    {
        var token = _keys.Es256(_keys.Claims());
        Assert.Equal(TokenFailure.None, await Verify(token));

        _keys.Ring.Revoke("ec-1");

        Assert.Equal(TokenFailure.KeyRevoked, await Verify(token));
    }

    [Theory]
    [InlineData("jwk")]
    [InlineData("jku")]
    [InlineData("x5u")]
    [InlineData("x5c")]
    public async Task Header_supplied_keys_are_never_used(string member)
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = attacker.ExportParameters(false);
        JsonNode value = member switch
        {
            "jwk" => new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = TokenForge.B64(p.Q.X!), ["y"] = TokenForge.B64(p.Q.Y!), ["kid"] = "ec-1" },
            "x5c" => new JsonArray(Convert.ToBase64String(attacker.ExportSubjectPublicKeyInfo())),
            _ => JsonValue.Create("https://attacker.example/keys.json")!,
        };

        // Signed by the attacker's key, carried in (or linked from) the header, naming a known kid.
        var withKnownKid = TokenForge.Header("ES256", "ec-1");
        withKnownKid[member] = value.DeepClone();
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(TokenForge.Sign(withKnownKid, _keys.Claims(), TokenForge.Ec(attacker, "ES256"))));

        // Without a kid there is no key at all.
        var withoutKid = TokenForge.Header("ES256", null);
        withoutKid[member] = value.DeepClone();
        Assert.Equal(TokenFailure.UnknownKey, await Verify(TokenForge.Sign(withoutKid, _keys.Claims(), TokenForge.Ec(attacker, "ES256"))));

        // A token really signed with the ring key verifies whatever the header carries: the header key is ignored.
        var legit = TokenForge.Header("ES256", "ec-1");
        legit[member] = value.DeepClone();
        Assert.Equal(TokenFailure.None, await Verify(_keys.Es256(legit, _keys.Claims())));
    }

    [Theory]
    [InlineData("[\"exp\"]")]
    [InlineData("[\"b64\"]")]
    [InlineData("[\"urn:example:unknown\"]")]
    [InlineData("[]")]
    [InlineData("\"b64\"")]
    public async Task Crit_header_is_refused(string crit)
    {
        var header = TokenForge.Header("ES256", "ec-1");
        header["crit"] = JsonNode.Parse(crit);
        header["urn:example:unknown"] = true;
        Assert.Equal(TokenFailure.Malformed, await Verify(_keys.Es256(header, _keys.Claims())));
    }

    [Theory]
    [InlineData("exp", "1e300")]
    [InlineData("exp", "253402300800")]
    [InlineData("exp", "253402300799.5")]
    [InlineData("exp", "1e19")]
    [InlineData("nbf", "1e300")]
    [InlineData("iat", "253402300800")]
    [InlineData("nbf", "-62135596801")]
    [InlineData("iat", "-1e300")]
    public async Task NumericDates_outside_years_1_to_9999_are_malformed(string claim, string value)
    {
        var payload = RawTokens.Fill("{" + RawTokens.Required + "}", _keys.Time.GetUtcNow());
        payload = System.Text.RegularExpressions.Regex.Replace(payload, "\"" + claim + "\":-?[0-9]+", "\"" + claim + "\":" + value);
        Assert.Contains(value, payload, StringComparison.Ordinal);
        Assert.Equal(TokenFailure.Malformed, await Verify(RawTokens.Hs256(_keys.Secret, RawTokens.Header, payload), "HS256"));
    }

    [Fact]
    public async Task The_last_NumericDate_of_year_9999_is_still_a_date()
    {
        var payload = RawTokens.Fill("{" + RawTokens.Required + "}", _keys.Time.GetUtcNow());
        payload = System.Text.RegularExpressions.Regex.Replace(payload, "\"exp\":[0-9]+", "\"exp\":253402300799");
        var result = await _keys.Verifier(null, "HS256").VerifyAsync(RawTokens.Hs256(_keys.Secret, RawTokens.Header, payload));
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), result.ExpiresAt);
    }

    [Theory]
    [InlineData("at+jwt", "at+jwt", true)]
    [InlineData("at+jwt", "AT+JWT", true)]
    [InlineData("at+jwt", "application/at+jwt", true)]
    [InlineData("application/at+jwt", "at+jwt", true)]
    [InlineData("at+jwt", "Application/At+Jwt", true)]
    [InlineData("at+jwt", "JWT", false)]
    [InlineData("at+jwt", "jwt", false)]
    [InlineData("at+jwt", "application/jwt", false)]
    [InlineData("at+jwt", "at+jwt ", false)]
    [InlineData("at+jwt", "text/at+jwt", false)]
    [InlineData("at+jwt", "application/application/at+jwt", false)]
    [InlineData("at+jwt", "", false)]
    [InlineData("at+jwt", null, false)]
    [InlineData("JWT", "jwt", true)]
    public async Task Required_type_compares_as_media_types(string required, string? typ, bool accepted)
    {
        var header = TokenForge.Header("ES256", "ec-1");
        header.Remove("typ");
        if (typ is not null)
        {
            header["typ"] = typ;
        }

        var options = _keys.Options("ES256");
        var verifier = new StatelessTokenVerifier(
            new StatelessTokenVerifierOptions { Issuer = options.Issuer, Audiences = options.Audiences, Algorithms = options.Algorithms, Keys = options.Keys, RequiredType = required },
            null,
            _keys.Time);
        var result = await verifier.VerifyAsync(_keys.Es256(header, _keys.Claims()));
        Assert.Equal(accepted ? TokenFailure.None : TokenFailure.WrongType, result.Failure);
        Assert.Equal(TokenFailure.None, await Verify(_keys.Es256(header, _keys.Claims())));
    }

    [Fact]
    public async Task Required_type_refuses_a_typ_that_is_not_a_string()
    {
        var header = TokenForge.Header("ES256", "ec-1");
        header["typ"] = new JsonArray("at+jwt");
        var options = _keys.Options("ES256");
        var verifier = new StatelessTokenVerifier(
            new StatelessTokenVerifierOptions { Issuer = options.Issuer, Audiences = options.Audiences, Algorithms = options.Algorithms, Keys = options.Keys, RequiredType = "at+jwt" },
            null,
            _keys.Time);
        Assert.Equal(TokenFailure.WrongType, (await verifier.VerifyAsync(_keys.Es256(header, _keys.Claims()))).Failure);
    }

    [Fact]
    public async Task Expired_token_is_refused_after_the_skew()
    {
        var token = _keys.Es256(_keys.Claims());
        _keys.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(29));
        Assert.Equal(TokenFailure.None, await Verify(token));
        _keys.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenFailure.Expired, await Verify(token));
        _keys.Time.Advance(TimeSpan.FromDays(365));
        Assert.Equal(TokenFailure.Expired, await Verify(token));
    }

    [Fact]
    public async Task Not_yet_valid_token_is_refused_until_nbf_minus_skew()
    {
        var claims = _keys.Claims();
        claims["nbf"] = _keys.Time.GetUtcNow().AddMinutes(2).ToUnixTimeSeconds();
        var token = _keys.Es256(claims);

        Assert.Equal(TokenFailure.NotYetValid, await Verify(token));
        _keys.Time.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(TokenFailure.NotYetValid, await Verify(token));
        _keys.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenFailure.None, await Verify(token));
    }

    [Fact]
    public async Task Issued_in_the_future_is_refused()
    {
        var claims = _keys.Claims();
        claims.Remove("nbf");
        claims["iat"] = _keys.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        Assert.Equal(TokenFailure.NotYetValid, await Verify(_keys.Es256(claims)));
    }

    [Fact]
    public async Task Skew_is_capped_at_five_minutes()
    {
        var options = _keys.Options();
        var generous = new StatelessTokenVerifierOptions { Issuer = options.Issuer, Audiences = options.Audiences, Algorithms = options.Algorithms, Keys = options.Keys, ClockSkew = TimeSpan.FromHours(1) };
        var verifier = new StatelessTokenVerifier(generous, null, _keys.Time);
        Assert.Equal(TimeSpan.FromMinutes(5), generous.EffectiveClockSkew);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ClockSkew);

        var token = _keys.Es256(_keys.Claims());
        _keys.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(TokenFailure.None, (await verifier.VerifyAsync(token)).Failure);
        _keys.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TokenFailure.Expired, (await verifier.VerifyAsync(token)).Failure);
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("aud")]
    [InlineData("iss")]
    [InlineData("jti")]
    [InlineData("sub")]
    public async Task Missing_required_claim_is_refused(string claim)
    {
        var claims = _keys.Claims();
        claims.Remove(claim);
        Assert.Equal(TokenFailure.MissingClaim, await Verify(_keys.Es256(claims)));

        var nulled = _keys.Claims();
        nulled[claim] = null;
        Assert.Equal(TokenFailure.MissingClaim, await Verify(_keys.Es256(nulled)));
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("jti")]
    [InlineData("sub")]
    [InlineData("aud")]
    public async Task Empty_required_claim_is_refused(string claim)
    {
        var claims = _keys.Claims();
        claims[claim] = "";
        Assert.Equal(TokenFailure.MissingClaim, await Verify(_keys.Es256(claims)));
    }

    [Fact]
    public async Task Wrong_issuer_or_audience_is_refused()
    {
        var claims = _keys.Claims();
        claims["iss"] = "https://evil.example";
        Assert.Equal(TokenFailure.WrongIssuer, await Verify(_keys.Es256(claims)));

        claims = _keys.Claims();
        claims["iss"] = TokenForge.Issuer + "/";
        Assert.Equal(TokenFailure.WrongIssuer, await Verify(_keys.Es256(claims)));

        claims = _keys.Claims();
        claims["aud"] = "api://payments";
        Assert.Equal(TokenFailure.WrongAudience, await Verify(_keys.Es256(claims)));

        claims = _keys.Claims();
        claims["aud"] = TokenForge.Audience.ToUpperInvariant();
        Assert.Equal(TokenFailure.WrongAudience, await Verify(_keys.Es256(claims)));
    }

    [Fact]
    public async Task Audience_arrays_pass_when_one_member_matches()
    {
        var claims = _keys.Claims();
        claims["aud"] = new JsonArray("api://payments", TokenForge.Audience);
        Assert.Equal(TokenFailure.None, await Verify(_keys.Es256(claims)));

        claims["aud"] = new JsonArray("api://payments", "api://billing");
        Assert.Equal(TokenFailure.WrongAudience, await Verify(_keys.Es256(claims)));

        claims["aud"] = new JsonArray();
        Assert.Equal(TokenFailure.MissingClaim, await Verify(_keys.Es256(claims)));

        claims["aud"] = new JsonArray(TokenForge.Audience, 7);
        Assert.Equal(TokenFailure.Malformed, await Verify(_keys.Es256(claims)));

        claims["aud"] = 7;
        Assert.Equal(TokenFailure.Malformed, await Verify(_keys.Es256(claims)));
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("nbf")]
    [InlineData("iat")]
    public async Task Dates_as_strings_are_malformed(string claim)
    {
        var claims = _keys.Claims();
        claims[claim] = _keys.Time.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TokenFailure.Malformed, await Verify(_keys.Es256(claims)));
    }

    [Fact]
    public async Task Claims_of_the_wrong_type_or_duplicated_are_malformed()
    {
        var claims = _keys.Claims();
        claims["sub"] = 42;
        Assert.Equal(TokenFailure.Malformed, await Verify(_keys.Es256(claims)));

        claims = _keys.Claims();
        claims["exp"] = true;
        Assert.Equal(TokenFailure.Malformed, await Verify(_keys.Es256(claims)));

        // Two "sub" members: a parser that keeps the first and one that keeps the last would disagree.
        var json = _keys.Claims().ToJsonString().Replace("\"sub\":\"alice\"", "\"sub\":\"alice\",\"sub\":\"admin\"", StringComparison.Ordinal);
        var input = TokenForge.B64(TokenForge.Header("ES256", "ec-1").ToJsonString()) + "." + TokenForge.B64(json);
        var token = input + "." + TokenForge.B64(TokenForge.Ec(_keys.Ec, "ES256")(Encoding.ASCII.GetBytes(input)));
        Assert.Equal(TokenFailure.Malformed, await Verify(token));

        var payloadArray = TokenForge.Sign(TokenForge.Header("ES256", "ec-1"), new JsonArray(1, 2), TokenForge.Ec(_keys.Ec, "ES256"));
        Assert.Equal(TokenFailure.Malformed, await Verify(payloadArray));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("a.b.c.d.e")]
    [InlineData("!!!.@@@.###")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9")]
    [InlineData("bm90IGpzb24.bm90IGpzb24.c2ln")]
    [InlineData("W10.e30.c2ln")]
    [InlineData("eyJhbGciOiJFUzI1NiIsImtpZCI6ImVjLTEifQ==.e30.c2ln")]
    [InlineData(" eyJhbGciOiJFUzI1NiIsImtpZCI6ImVjLTEifQ.e30.c2ln")]
    public async Task Malformed_input_is_refused(string token)
    {
        Assert.Equal(TokenFailure.Malformed, await Verify(token));
    }

    [Fact]
    public async Task Null_input_is_malformed_not_an_exception()
    {
        Assert.Equal(TokenFailure.Malformed, (await _keys.Verifier().VerifyAsync(null!)).Failure);
    }

    [Fact]
    public async Task Two_and_five_segment_forms_of_a_real_token_are_malformed()
    {
        var parts = _keys.Es256(_keys.Claims()).Split('.');
        Assert.Equal(TokenFailure.Malformed, await Verify(parts[0] + "." + parts[1]));
        Assert.Equal(TokenFailure.Malformed, await Verify(string.Join('.', parts[0], parts[1], parts[2], parts[2], parts[2])));
        Assert.Equal(TokenFailure.Malformed, await Verify("." + parts[1] + "." + parts[2]));
    }

    [Fact]
    public async Task Payload_that_is_not_json_is_malformed_even_when_signed()
    {
        var input = TokenForge.B64(TokenForge.Header("ES256", "ec-1").ToJsonString()) + "." + TokenForge.B64("not json at all");
        var token = input + "." + TokenForge.B64(TokenForge.Ec(_keys.Ec, "ES256")(Encoding.ASCII.GetBytes(input)));
        Assert.Equal(TokenFailure.Malformed, await Verify(token));
    }

    [Fact]
    public async Task One_megabyte_token_is_refused_as_too_long_quickly()
    {
        var verifier = _keys.Verifier();
        var huge = new string('A', 1024 * 1024) + "." + new string('B', 10) + "." + new string('C', 10);
        await verifier.VerifyAsync(huge);

        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(TokenFailure.TooLong, (await verifier.VerifyAsync(huge)).Failure);
        }

        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 500, $"1000 rejections took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Max_token_length_is_inclusive_and_configurable()
    {
        var token = _keys.Es256(_keys.Claims());
        var o = _keys.Options();
        var exact = new StatelessTokenVerifier(new StatelessTokenVerifierOptions { Issuer = o.Issuer, Audiences = o.Audiences, Algorithms = o.Algorithms, Keys = o.Keys, MaxTokenLength = token.Length }, null, _keys.Time);
        var shorter = new StatelessTokenVerifier(new StatelessTokenVerifierOptions { Issuer = o.Issuer, Audiences = o.Audiences, Algorithms = o.Algorithms, Keys = o.Keys, MaxTokenLength = token.Length - 1 }, null, _keys.Time);

        Assert.Equal(8192, o.MaxTokenLength);
        Assert.Equal(TokenFailure.None, (await exact.VerifyAsync(token)).Failure);
        Assert.Equal(TokenFailure.TooLong, (await shorter.VerifyAsync(token)).Failure);
    }

    [Fact]
    public async Task Es256_with_a_p384_key_is_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        _keys.Ring.Add(new ECDsaSecurityKey(p384) { KeyId = "ec-384" });
        var token = TokenForge.Sign(TokenForge.Header("ES256", "ec-384"), _keys.Claims(), TokenForge.Ec(p384, "ES256"));

        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token, "ES256"));

        // The same key with its own algorithm is fine.
        var es384 = TokenForge.Sign(TokenForge.Header("ES384", "ec-384"), _keys.Claims(), TokenForge.Ec(p384, "ES384"));
        Assert.Equal(TokenFailure.None, await Verify(es384, "ES384"));
    }

    [Fact]
    public async Task Es512_needs_p521()
    {
        var token = TokenForge.Sign(TokenForge.Header("ES512", "ec-1"), _keys.Claims(), TokenForge.Ec(_keys.Ec, "ES512"));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token, "ES512"));
    }

    [Fact]
    public async Task Rsa_1024_key_is_refused()
    {
        using var weak = RSA.Create(1024);
        _keys.Ring.Add(new RsaSecurityKey(weak) { KeyId = "rsa-weak" });
        var token = TokenForge.Sign(TokenForge.Header("RS256", "rsa-weak"), _keys.Claims(), TokenForge.Rsa(weak, "RS256"));

        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token, "RS256"));
    }

    [Fact]
    public async Task Short_hmac_key_is_refused()
    {
        var shortSecret = RandomNumberGenerator.GetBytes(16);
        _keys.Ring.Add(new SymmetricSecurityKey(shortSecret) { KeyId = "hmac-short" });
        var token = TokenForge.Sign(TokenForge.Header("HS256", "hmac-short"), _keys.Claims(), TokenForge.Hmac(shortSecret, "HS256"));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token, "HS256"));

        // HS512 needs a 512-bit key (RFC 7518 §3.2): the 256-bit key is not enough.
        var hs512 = TokenForge.Sign(TokenForge.Header("HS512", "hmac-1"), _keys.Claims(), TokenForge.Hmac(_keys.Secret, "HS512"));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(hs512, "HS512"));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("PS384")]
    [InlineData("PS512")]
    public async Task Rsa_family_algorithms_verify_with_a_2048_bit_key(string alg)
    {
        var token = TokenForge.Sign(TokenForge.Header(alg, "rsa-1"), _keys.Claims(), TokenForge.Rsa(_keys.Rsa, alg));
        Assert.Equal(TokenFailure.None, await Verify(token, "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"));
        Assert.Equal(alg == "RS256" ? TokenFailure.None : TokenFailure.AlgorithmNotAllowed, await Verify(token, "RS256"));
    }

    [Fact]
    public async Task Pkcs1_signature_does_not_verify_as_pss_or_the_other_way()
    {
        var rs = TokenForge.Sign(TokenForge.Header("RS256", "rsa-1"), _keys.Claims(), TokenForge.Rsa(_keys.Rsa, "RS256"));
        var parts = rs.Split('.');
        var relabelled = TokenForge.B64(TokenForge.Header("PS256", "rsa-1").ToJsonString()) + "." + parts[1] + "." + parts[2];
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(relabelled, "PS256"));
    }

    [Fact]
    public async Task Denylist_is_consulted_last_and_fails_closed()
    {
        var denylist = new CountingDenylist();
        var verifier = _keys.Verifier(denylist);
        var token = _keys.Es256(_keys.Claims("t-1"));

        Assert.True((await verifier.VerifyAsync(token)).IsValid);
        await denylist.RevokeAsync("t-1", _keys.Time.GetUtcNow().AddMinutes(10));
        var revoked = await verifier.VerifyAsync(token);
        Assert.Equal(TokenFailure.Revoked, revoked.Failure);
        Assert.Equal("t-1", revoked.TokenId);

        // Not consulted for a token that fails earlier.
        int calls = denylist.Calls;
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await verifier.VerifyAsync(TokenForge.Sign(TokenForge.Header("ES256", "ec-1"), _keys.Claims("t-1"), TokenForge.Ec(attacker, "ES256")));
        Assert.Equal(calls, denylist.Calls);

        var down = new ThrowingDenylist();
        Assert.Equal(TokenFailure.StoreUnavailable, (await _keys.Verifier(down).VerifyAsync(token)).Failure);
        Assert.Equal(1, down.Calls);
    }

    [Fact]
    public async Task Random_mutations_never_throw_and_never_verify()
    {
        var verifier = _keys.Verifier(new CountingDenylist());
        var token = _keys.Es256(_keys.Claims());
        var random = new Random(7);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"\\\0\u00e9";
        for (int i = 0; i < 3000; i++)
        {
            var chars = token.ToCharArray();
            int edits = 1 + random.Next(3);
            for (int e = 0; e < edits; e++)
            {
                chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var mutated = new string(chars);
            var result = await verifier.VerifyAsync(mutated);
            if (mutated != token)
            {
                Assert.False(result.IsValid, mutated);
            }
        }

        for (int i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var garbage = Encoding.Latin1.GetString(bytes);
            Assert.NotEqual(TokenFailure.None, (await verifier.VerifyAsync(garbage)).Failure);
        }
    }

    [Fact]
    public async Task Key_is_the_one_under_kid_never_another_ring_key()
    {
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _keys.Ring.Add(new ECDsaSecurityKey(second) { KeyId = "ec-2" });

        // Signed with ec-2's key but naming ec-1: a verifier that tries every key would accept it.
        var token = TokenForge.Sign(TokenForge.Header("ES256", "ec-1"), _keys.Claims(), TokenForge.Ec(second, "ES256"));
        Assert.Equal(TokenFailure.SignatureInvalid, await Verify(token));
        Assert.Equal(TokenFailure.None, await Verify(TokenForge.Sign(TokenForge.Header("ES256", "ec-2"), _keys.Claims(), TokenForge.Ec(second, "ES256"))));
    }

    [Fact]
    public async Task Denylist_is_not_consulted_for_tokens_that_fail_their_claims()
    {
        var denylist = new CountingDenylist();
        var verifier = _keys.Verifier(denylist);
        var claims = _keys.Claims();
        claims["aud"] = "api://other";
        Assert.Equal(TokenFailure.WrongAudience, (await verifier.VerifyAsync(_keys.Es256(claims))).Failure);
        _keys.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TokenFailure.Expired, (await verifier.VerifyAsync(_keys.Es256(TokenForge.Claims(TokenForge.Start)))).Failure);
        Assert.Equal(0, denylist.Calls);
    }

    [Fact]
    public async Task Concurrent_verifications_share_keys_safely()
    {
        var verifier = _keys.Verifier(null, "RS256");
        var ecVerifier = _keys.Verifier();
        var rsaToken = TokenForge.Sign(TokenForge.Header("RS256", "rsa-1"), _keys.Claims(), TokenForge.Rsa(_keys.Rsa, "RS256"));
        var ecToken = _keys.Es256(_keys.Claims());
        var parts = rsaToken.Split('.');
        var badRsa = parts[0] + "." + parts[1] + "." + TokenForge.B64(new byte[256]);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            int wrong = 0;
            for (int i = 0; i < 200; i++)
            {
                wrong += (await verifier.VerifyAsync(rsaToken)).IsValid ? 0 : 1;
                wrong += (await ecVerifier.VerifyAsync(ecToken)).IsValid ? 0 : 1;
                wrong += (await verifier.VerifyAsync(badRsa)).Failure == TokenFailure.SignatureInvalid ? 0 : 1;
            }

            return wrong;
        })));

        Assert.All(results, wrong => Assert.Equal(0, wrong));
    }
}
