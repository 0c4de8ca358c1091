using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace Stateless.Runtime;

/// <summary>The key type an algorithm needs. A verifier pins algorithms of one family only.</summary>
internal enum KeyFamily
{
    Hmac,
    Rsa,
    EllipticCurve,
}

/// <summary>One JWS signature algorithm (RFC 7518 §3) and what it demands of a key.</summary>
internal sealed class JwsAlgorithm
{
    private static readonly Dictionary<string, JwsAlgorithm> s_byName = new(StringComparer.Ordinal)
    {
        ["HS256"] = new("HS256", KeyFamily.Hmac, HashAlgorithmName.SHA256, 256, null, 0, pss: false),
        ["HS384"] = new("HS384", KeyFamily.Hmac, HashAlgorithmName.SHA384, 384, null, 0, pss: false),
        ["HS512"] = new("HS512", KeyFamily.Hmac, HashAlgorithmName.SHA512, 512, null, 0, pss: false),
        ["RS256"] = new("RS256", KeyFamily.Rsa, HashAlgorithmName.SHA256, 256, null, 0, pss: false),
        ["RS384"] = new("RS384", KeyFamily.Rsa, HashAlgorithmName.SHA384, 384, null, 0, pss: false),
        ["RS512"] = new("RS512", KeyFamily.Rsa, HashAlgorithmName.SHA512, 512, null, 0, pss: false),
        ["PS256"] = new("PS256", KeyFamily.Rsa, HashAlgorithmName.SHA256, 256, null, 0, pss: true),
        ["PS384"] = new("PS384", KeyFamily.Rsa, HashAlgorithmName.SHA384, 384, null, 0, pss: true),
        ["PS512"] = new("PS512", KeyFamily.Rsa, HashAlgorithmName.SHA512, 512, null, 0, pss: true),
        ["ES256"] = new("ES256", KeyFamily.EllipticCurve, HashAlgorithmName.SHA256, 256, "P-256", 32, pss: false),
        ["ES384"] = new("ES384", KeyFamily.EllipticCurve, HashAlgorithmName.SHA384, 384, "P-384", 48, pss: false),
        ["ES512"] = new("ES512", KeyFamily.EllipticCurve, HashAlgorithmName.SHA512, 512, "P-521", 66, pss: false),
    };

    private JwsAlgorithm(string name, KeyFamily family, HashAlgorithmName hash, int hashBits, string? curve, int fieldBytes, bool pss)
    {
        Name = name;
        Utf8Name = System.Text.Encoding.ASCII.GetBytes(name);
        Family = family;
        Hash = hash;
        HashBits = hashBits;
        Curve = curve;
        FieldBytes = fieldBytes;
        Pss = pss;
    }

    /// <summary>The <c>alg</c> value, case-sensitive as RFC 7515 requires.</summary>
    public string Name { get; }

    /// <summary><see cref="Name"/> as UTF-8, to compare with a header's bytes.</summary>
    public byte[] Utf8Name { get; }

    public KeyFamily Family { get; }

    public HashAlgorithmName Hash { get; }

    public int HashBits { get; }

    /// <summary>The only curve an ES algorithm accepts (RFC 7518 §3.4).</summary>
    public string? Curve { get; }

    /// <summary>Bytes of each of r and s in an ES signature.</summary>
    public int FieldBytes { get; }

    /// <summary>RSASSA-PSS rather than PKCS #1 v1.5.</summary>
    public bool Pss { get; }

    /// <summary>The smallest key in bits: RSA 2048, HMAC the hash size (never below 256), EC the curve's.</summary>
    public int MinimumKeyBits => Family switch
    {
        KeyFamily.Rsa => 2048,
        KeyFamily.Hmac => Math.Max(256, HashBits),
        _ => 0,
    };

    /// <summary>Every supported algorithm.</summary>
    public static IEnumerable<JwsAlgorithm> All => s_byName.Values;

    public static bool TryGet(string? name, out JwsAlgorithm algorithm)
    {
        if (name is not null && s_byName.TryGetValue(name, out var found))
        {
            algorithm = found;
            return true;
        }

        algorithm = null!;
        return false;
    }

    public override string ToString() => Name;
}
