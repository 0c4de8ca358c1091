using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime;

/// <summary>
/// The public verification material of one ring key, taken out of whatever <see cref="SecurityKey"/> form it was
/// added in, with the facts the key policy needs (family, size, curve, declared <c>alg</c>/<c>use</c>/<c>key_ops</c>).
/// Verification runs on System.Security.Cryptography; instances of <see cref="RSA"/>/<see cref="ECDsa"/> are pooled
/// so concurrent verifications never share one.
/// </summary>
internal sealed class VerificationKey : IDisposable
{
    private const int MaxPooled = 16;

    private readonly byte[]? _secret;
    private readonly RSAParameters _rsa;
    private readonly ECParameters _ec;
    private readonly ConcurrentBag<AsymmetricAlgorithm> _pool = new();

    // Keyed HMAC contexts by hash size (256, 384, 512): reusing one skips the key set-up a one-shot HMAC repeats on
    // every call, which is most of the cost of a short signing input. Created on first use.
    private readonly ConcurrentBag<IncrementalHash>?[] _hmacPools = new ConcurrentBag<IncrementalHash>?[3];

    private VerificationKey(KeyFamily family, int keySizeBits, string? curve, byte[]? secret, RSAParameters rsa, ECParameters ec)
    {
        Family = family;
        KeySizeBits = keySizeBits;
        Curve = curve;
        _secret = secret;
        _rsa = rsa;
        _ec = ec;
    }

    public KeyFamily Family { get; }

    public int KeySizeBits { get; }

    /// <summary>"P-256", "P-384", "P-521", or another name for an unsupported curve; null unless EC.</summary>
    public string? Curve { get; }

    /// <summary>The key's own <c>alg</c> (JWK only): when present it must equal the token's (RFC 8725 §3.1).</summary>
    public string? DeclaredAlgorithm { get; private init; }

    /// <summary>The key's own <c>use</c> (JWK only): when present it must be <c>sig</c>.</summary>
    public string? Use { get; private init; }

    /// <summary>The key's own <c>key_ops</c> (JWK only): when present it must include <c>verify</c>.</summary>
    public IReadOnlyList<string> KeyOperations { get; private init; } = Array.Empty<string>();

    /// <summary>The RSA modulus carries the ROCA fingerprint (computed once, when the key is added).</summary>
    public bool RocaWeak { get; private init; }

    /// <summary>RSA public exponent as an integer when it fits (else long.MaxValue); 0 unless RSA.</summary>
    public long RsaExponent { get; private init; }

    /// <summary>Why the key cannot verify <paramref name="algorithm"/>, or null when it fits.</summary>
    public string? Misfit(JwsAlgorithm algorithm)
    {
        if (DeclaredAlgorithm is not null && !string.Equals(DeclaredAlgorithm, algorithm.Name, StringComparison.Ordinal))
        {
            return $"the key is bound to {DeclaredAlgorithm}";
        }

        if (Use is not null && !string.Equals(Use, "sig", StringComparison.Ordinal))
        {
            return $"the key's use is '{Use}'";
        }

        if (KeyOperations.Count > 0 && !KeyOperations.Contains("verify", StringComparer.Ordinal))
        {
            return "the key's key_ops exclude 'verify'";
        }

        if (Family != algorithm.Family)
        {
            return $"a {Family} key cannot verify {algorithm.Name}";
        }

        switch (Family)
        {
            case KeyFamily.EllipticCurve when !string.Equals(Curve, algorithm.Curve, StringComparison.Ordinal):
                return $"{algorithm.Name} needs {algorithm.Curve}, the key is on {Curve}";
            case KeyFamily.Rsa when KeySizeBits < algorithm.MinimumKeyBits:
            case KeyFamily.Hmac when KeySizeBits < algorithm.MinimumKeyBits:
                return $"{algorithm.Name} needs a key of at least {algorithm.MinimumKeyBits} bits, the key has {KeySizeBits}";
            case KeyFamily.Rsa when RsaExponent < 3 || (_rsa.Exponent![^1] & 1) == 0:
                return "the RSA public exponent is not an odd number of at least 3";
            case KeyFamily.Rsa when RocaWeak:
                return "the RSA modulus has the ROCA fingerprint (CVE-2017-15361): its private key can be recovered";
            default:
                return null;
        }
    }

    /// <summary>Whether some supported algorithm fits the key: whether the ring would ever verify a token with it.</summary>
    public bool VerifiesAny()
    {
        foreach (var algorithm in JwsAlgorithm.All)
        {
            if (Misfit(algorithm) is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="signingInput"/>; false on any mismatch or malformed signature.</summary>
    public bool Verify(JwsAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        switch (Family)
        {
            case KeyFamily.Hmac:
                return VerifyHmac(algorithm, signingInput, signature);
            case KeyFamily.Rsa:
                if (signature.Length != (KeySizeBits + 7) / 8)
                {
                    return false;
                }

                var rsa = Rent();
                try
                {
                    var padding = algorithm.Pss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                    return ((RSA)rsa).VerifyData(signingInput, signature, algorithm.Hash, padding);
                }
                catch (CryptographicException)
                {
                    return false;
                }
                finally
                {
                    Return(rsa);
                }
            case KeyFamily.EllipticCurve:
                if (signature.Length != 2 * algorithm.FieldBytes)
                {
                    return false;
                }

                var ec = Rent();
                try
                {
                    return ((ECDsa)ec).VerifyData(signingInput, signature, algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }
                catch (CryptographicException)
                {
                    return false;
                }
                finally
                {
                    Return(ec);
                }
            default:
                return false;
        }
    }

    private bool VerifyHmac(JwsAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        (int slot, HashAlgorithmName hash) = algorithm.HashBits switch
        {
            256 => (0, HashAlgorithmName.SHA256),
            384 => (1, HashAlgorithmName.SHA384),
            512 => (2, HashAlgorithmName.SHA512),
            _ => (-1, default),
        };

        if (slot < 0 || _secret is null)
        {
            return false;
        }

        var pool = Volatile.Read(ref _hmacPools[slot]) ?? InitializePool(slot);
        if (!pool.TryTake(out var hmac))
        {
            hmac = IncrementalHash.CreateHMAC(hash, _secret);
        }

        Span<byte> mac = stackalloc byte[64];
        int written;
        try
        {
            hmac.AppendData(signingInput);
            written = hmac.GetHashAndReset(mac);
        }
        catch
        {
            hmac.Dispose();
            throw;
        }

        if (pool.Count < MaxPooled)
        {
            pool.Add(hmac);
        }
        else
        {
            hmac.Dispose();
        }

        return written > 0 && signature.Length == written && CryptographicOperations.FixedTimeEquals(mac[..written], signature);
    }

    private ConcurrentBag<IncrementalHash> InitializePool(int slot)
    {
        Interlocked.CompareExchange(ref _hmacPools[slot], new ConcurrentBag<IncrementalHash>(), null);
        return _hmacPools[slot]!;
    }

    private AsymmetricAlgorithm Rent()
    {
        if (_pool.TryTake(out var pooled))
        {
            return pooled;
        }

        return Family == KeyFamily.Rsa ? CreateRsa(_rsa) : ECDsa.Create(_ec);
    }

    private void Return(AsymmetricAlgorithm instance)
    {
        if (_pool.Count < MaxPooled)
        {
            _pool.Add(instance);
        }
        else
        {
            instance.Dispose();
        }
    }

    private static RSA CreateRsa(RSAParameters parameters)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(parameters);
        return rsa;
    }

    public void Dispose()
    {
        while (_pool.TryTake(out var pooled))
        {
            pooled.Dispose();
        }

        foreach (var pool in _hmacPools)
        {
            while (pool is not null && pool.TryTake(out var hmac))
            {
                hmac.Dispose();
            }
        }
    }

    /// <summary>
    /// The key's public parts as a JWK (never a secret or private part), or null when it must not be published: an HMAC
    /// key, or a key no algorithm fits (too small, ROCA-weak, declared for encryption or without <c>verify</c> in its
    /// <c>key_ops</c>, bound to an algorithm of another family). <c>use</c> is <c>sig</c>, the only use the ring makes of
    /// it; declared <c>key_ops</c> are kept as what the public key can do (<c>verify</c>); <c>alg</c> is the declared one
    /// or, for EC, the curve's.
    /// </summary>
    public JsonWebKey? ToPublicJwk(string keyId)
    {
        if (Family == KeyFamily.Hmac || !VerifiesAny())
        {
            return null;
        }

        var jwk = new JsonWebKey { Kid = keyId, Use = JsonWebKeyUseNames.Sig };
        if (KeyOperations.Count > 0)
        {
            jwk.KeyOps.Add("verify");
        }

        if (Family == KeyFamily.Rsa)
        {
            jwk.Kty = JsonWebAlgorithmsKeyTypes.RSA;
            jwk.N = Base64Url.EncodeToString(_rsa.Modulus);
            jwk.E = Base64Url.EncodeToString(_rsa.Exponent);
            jwk.Alg = DeclaredAlgorithm;
            return jwk;
        }

        jwk.Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve;
        jwk.Crv = Curve;
        jwk.X = Base64Url.EncodeToString(_ec.Q.X);
        jwk.Y = Base64Url.EncodeToString(_ec.Q.Y);
        jwk.Alg = DeclaredAlgorithm ?? Curve switch
        {
            "P-256" => SecurityAlgorithms.EcdsaSha256,
            "P-384" => SecurityAlgorithms.EcdsaSha384,
            "P-521" => SecurityAlgorithms.EcdsaSha512,
            _ => null,
        };
        return jwk;
    }

    /// <summary>Takes the public verification material out of <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key is of an unsupported type or its material is invalid.</exception>
    public static VerificationKey From(SecurityKey key)
    {
        try
        {
            return key switch
            {
                JsonWebKey jwk => FromJwk(jwk),
                SymmetricSecurityKey symmetric => FromSecret(symmetric.Key),
                RsaSecurityKey rsa => FromRsa(rsa.Rsa is not null ? rsa.Rsa.ExportParameters(false) : rsa.Parameters),
                ECDsaSecurityKey ec => FromEc(ec.ECDsa.ExportParameters(false)),
                X509SecurityKey x509 => FromCertificate(x509),
                _ => throw new ArgumentException($"Keys of type {key.GetType().Name} are not supported; use a JsonWebKey, SymmetricSecurityKey, RsaSecurityKey, ECDsaSecurityKey or X509SecurityKey.", nameof(key)),
            };
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"The key '{key.KeyId}' is not a valid key: {ex.Message}", nameof(key), ex);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The key '{key.KeyId}' is not a valid key: {ex.Message}", nameof(key), ex);
        }
    }

    private static VerificationKey FromCertificate(X509SecurityKey key)
    {
        using var rsa = key.Certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return FromRsa(rsa.ExportParameters(false));
        }

        using var ec = key.Certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            return FromEc(ec.ExportParameters(false));
        }

        throw new ArgumentException("The certificate holds neither an RSA nor an EC public key.", nameof(key));
    }

    private static VerificationKey FromJwk(JsonWebKey jwk)
    {
        var key = jwk.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.Octet => FromSecret(Decode(jwk.K, "k")),
            JsonWebAlgorithmsKeyTypes.RSA => FromRsa(new RSAParameters { Modulus = Decode(jwk.N, "n"), Exponent = Decode(jwk.E, "e") }),
            JsonWebAlgorithmsKeyTypes.EllipticCurve => FromEc(new ECParameters
            {
                Curve = jwk.Crv switch
                {
                    "P-256" => ECCurve.NamedCurves.nistP256,
                    "P-384" => ECCurve.NamedCurves.nistP384,
                    "P-521" => ECCurve.NamedCurves.nistP521,
                    _ => throw new ArgumentException($"Unsupported curve '{jwk.Crv}'.", nameof(jwk)),
                },
                Q = new ECPoint { X = Decode(jwk.X, "x"), Y = Decode(jwk.Y, "y") },
            }),
            _ => throw new ArgumentException($"Unsupported key type '{jwk.Kty}'.", nameof(jwk)),
        };

        return new VerificationKey(key.Family, key.KeySizeBits, key.Curve, key._secret, key._rsa, key._ec)
        {
            DeclaredAlgorithm = string.IsNullOrEmpty(jwk.Alg) ? null : jwk.Alg,
            Use = string.IsNullOrEmpty(jwk.Use) ? null : jwk.Use,
            KeyOperations = jwk.KeyOps?.ToArray() ?? Array.Empty<string>(),
            RsaExponent = key.RsaExponent,
            RocaWeak = key.RocaWeak,
        };
    }

    private static byte[] Decode(string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"The JWK has no '{member}'.", member);
        }

        return Base64Url.DecodeFromChars(value);
    }

    private static VerificationKey FromSecret(byte[] secret)
    {
        if (secret is null || secret.Length == 0)
        {
            throw new ArgumentException("An HMAC key needs a non-empty secret.", nameof(secret));
        }

        return new VerificationKey(KeyFamily.Hmac, secret.Length * 8, null, (byte[])secret.Clone(), default, default);
    }

    private static VerificationKey FromRsa(RSAParameters parameters)
    {
        var modulus = parameters.Modulus;
        var exponent = parameters.Exponent;
        if (modulus is null || modulus.Length == 0 || exponent is null || exponent.Length == 0)
        {
            throw new ArgumentException("An RSA key needs a modulus and a public exponent.", nameof(parameters));
        }

        int leadingZeros = 0;
        while (leadingZeros < modulus.Length && modulus[leadingZeros] == 0)
        {
            leadingZeros++;
        }

        modulus = modulus[leadingZeros..];
        if (modulus.Length == 0)
        {
            throw new ArgumentException("The RSA modulus is zero.", nameof(parameters));
        }

        int bits = (modulus.Length * 8) - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) + 24;
        long e = 0;
        foreach (byte b in exponent)
        {
            e = e > (long.MaxValue >> 8) ? long.MaxValue : (e << 8) | b;
        }

        var publicOnly = new RSAParameters { Modulus = modulus, Exponent = exponent };
        var key = new VerificationKey(KeyFamily.Rsa, bits, null, null, publicOnly, default) { RsaExponent = e, RocaWeak = RocaFingerprint.Matches(modulus) };
        return key;
    }

    private static VerificationKey FromEc(ECParameters parameters)
    {
        string curve = CurveName(parameters.Curve);
        var publicOnly = new ECParameters { Curve = parameters.Curve, Q = parameters.Q };
        publicOnly.Validate();
        var key = new VerificationKey(KeyFamily.EllipticCurve, 0, curve, null, default, publicOnly);

        // Importing checks the point lies on the curve; a key that fails never enters a ring.
        var probe = ECDsa.Create(publicOnly);
        key._pool.Add(probe);
        return key;
    }

    private static string CurveName(ECCurve curve)
    {
        var oid = curve.Oid;
        return oid?.Value switch
        {
            "1.2.840.10045.3.1.7" => "P-256",
            "1.3.132.0.34" => "P-384",
            "1.3.132.0.35" => "P-521",
            _ => oid?.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" or "secp256r1" => "P-256",
                "nistP384" or "ECDSA_P384" or "secp384r1" => "P-384",
                "nistP521" or "ECDSA_P521" or "secp521r1" => "P-521",
                var other => other ?? "unknown",
            },
        };
    }
}
