using System;
using System.IO;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>
/// The signature and key-policy layer (header rules, key by kid, key fits algorithm, signature) over the Wycheproof
/// JOSE vectors. Every case where our verdict differs from the vector's label is listed here and in docs/runtime.md.
/// </summary>
public sealed class WycheproofTests
{
    private static readonly string s_dir = Path.Combine(AppContext.BaseDirectory, "TestData", "wycheproof");

    /// <summary>tcId → why we refuse a case labelled valid (or accept one labelled invalid).</summary>
    private static readonly Dictionary<int, string> s_signatureDeviations = new()
    {
        [346] = "RFC 7520 key declares alg PS256, header says PS384: the key's alg is bound to the token's (RFC 8725 §3.1)",
        [347] = "RFC 7520 key declares alg ES521 (no such algorithm), header says ES512: alg binding",
        [350] = "as 346, with key_ops",
        [351] = "as 347, with key_ops",
        [367] = "byte-identical to tcId 357 (labelled valid); upstream issue #236",
        [370] = "byte-identical to tcId 357 (labelled valid); upstream issue #236",
        [372] = "contains a literal '?', not a base64url character: strict base64url refuses it",
        [373] = "contains a literal '?', not a base64url character: strict base64url refuses it",
    };

    private static readonly Dictionary<int, string> s_keyDeviations = new()
    {
        [1] = "a ring may hold HMAC and EC keys side by side (needed to migrate between families); pinning one family per verifier and binding keys to algorithms prevents the confusion this vector targets",
    };

    private static KeyFamily FamilyOf(JsonWebKey key) => key.Kty switch
    {
        "oct" => KeyFamily.Hmac,
        "RSA" => KeyFamily.Rsa,
        _ => KeyFamily.EllipticCurve,
    };

    private static IReadOnlyDictionary<string, JwsAlgorithm> Pinned(KeyFamily family) =>
        StatelessTokenVerifierOptions.PinAlgorithms(family switch
        {
            KeyFamily.Hmac => ["HS256", "HS384", "HS512"],
            KeyFamily.Rsa => ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"],
            _ => ["ES256", "ES384", "ES512"],
        });

    private static bool Accepts(JsonElement jws, SigningKeyRing ring, KeyFamily family)
    {
        // JSON serialization is not a compact JWS: we hand its text to the verifier, which must refuse it.
        string token = jws.ValueKind == JsonValueKind.String ? jws.GetString()! : jws.GetRawText();
        return CompactJws.Verify(token, StatelessTokenDefaults.MaxTokenLength, Pinned(family), ring, out _) == TokenFailure.None;
    }

    [Fact]
    public void Json_web_signature_vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_dir, "json_web_signature_test.json")));
        var deviations = new SortedDictionary<int, string>();
        int cases = 0;
        foreach (var group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var keyJson = group.TryGetProperty("public", out var pub) ? pub : group.GetProperty("private");
            var key = new JsonWebKey(keyJson.GetRawText());
            var ring = new SigningKeyRing();
            bool keyAccepted = true;
            try
            {
                ring.Add(key);
            }
            catch (ArgumentException)
            {
                keyAccepted = false;
            }

            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                cases++;
                int id = test.GetProperty("tcId").GetInt32();
                bool expectedValid = test.GetProperty("result").GetString() == "valid";
                bool accepted = keyAccepted && Accepts(test.GetProperty("jws"), ring, FamilyOf(key));
                if (accepted != expectedValid)
                {
                    deviations[id] = $"{test.GetProperty("comment").GetString()}: expected {(expectedValid ? "valid" : "invalid")}";
                }
            }
        }

        Assert.Equal(401, cases);
        Assert.True(s_signatureDeviations.Keys.Order().SequenceEqual(deviations.Keys), string.Join("\n", deviations.Select(d => d.Key + ": " + d.Value)));

        // Every deviation refuses a case labelled valid (never accepts one labelled invalid), except the
        // mislabelled duplicates of tcId 357, which we accept like 357 itself.
        Assert.All(deviations.Where(d => d.Key is not 367 and not 370), d => Assert.EndsWith("expected valid", d.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Json_web_key_vectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_dir, "json_web_key_test.json")));
        var deviations = new SortedDictionary<int, string>();
        int cases = 0;
        foreach (var group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var keySet = group.TryGetProperty("public", out var pub) ? pub : group.GetProperty("private");
            var keys = keySet.GetProperty("keys").EnumerateArray().Select(k => new JsonWebKey(k.GetRawText())).ToList();
            var ring = new SigningKeyRing();
            bool setAccepted = true;
            try
            {
                foreach (var key in keys)
                {
                    ring.Add(key);
                }
            }
            catch (ArgumentException)
            {
                setAccepted = false;
            }

            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                cases++;
                int id = test.GetProperty("tcId").GetInt32();
                bool expectedValid = test.GetProperty("result").GetString() == "valid";
                bool accepted = setAccepted && Accepts(test.GetProperty("jws"), ring, FamilyOf(keys[0]));
                if (accepted != expectedValid)
                {
                    deviations[id] = $"{test.GetProperty("comment").GetString()}: expected {(expectedValid ? "valid" : "invalid")}";
                }
            }
        }

        Assert.Equal(26, cases);
        Assert.True(s_keyDeviations.Keys.Order().SequenceEqual(deviations.Keys), string.Join("\n", deviations.Select(d => d.Key + ": " + d.Value)));
    }

    [Fact]
    public void Valid_vectors_really_verify_so_the_runner_cannot_pass_by_refusing_everything()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_dir, "json_web_signature_test.json")));
        int accepted = 0;
        foreach (var group in doc.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var key = new JsonWebKey((group.TryGetProperty("public", out var pub) ? pub : group.GetProperty("private")).GetRawText());
            var ring = new SigningKeyRing();
            ring.Add(key);
            accepted += group.GetProperty("tests").EnumerateArray().Count(t => Accepts(t.GetProperty("jws"), ring, FamilyOf(key)));
        }

        // 46 labelled valid, minus the 6 valid-labelled refusals, plus the 2 accepted duplicates of tcId 357.
        Assert.Equal(46 - 6 + 2, accepted);
    }

    [Fact]
    public void Roca_fingerprint_flags_the_vector_key_and_not_fresh_keys()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_dir, "json_web_key_test.json")));
        var roca = doc.RootElement.GetProperty("testGroups").EnumerateArray()
            .Single(g => g.GetProperty("comment").GetString() == "jws_rsa_roca_key")
            .GetProperty("private").GetProperty("keys")[0].GetProperty("n").GetString()!;
        var modulus = Base64UrlEncoder.DecodeBytes(roca);

        Assert.True(RocaFingerprint.Matches(modulus));
        Assert.True(modulus.Length * 8 >= 2048 - 8, "the ROCA vector is refused for its fingerprint, not its size");
        for (int i = 0; i < 3; i++)
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            Assert.False(RocaFingerprint.Matches(rsa.ExportParameters(false).Modulus!));
        }
    }
}
