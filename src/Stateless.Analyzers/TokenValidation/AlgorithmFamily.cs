using System;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>The JWA signature algorithm families a key can be used with.</summary>
internal enum AlgorithmFamily
{
    /// <summary>Not a signature algorithm the rules know (a key-wrap URI, a typo, EdDSA, ...).</summary>
    Unknown = 0,

    /// <summary><c>none</c>: no signature at all.</summary>
    None,

    /// <summary>HMAC with a shared secret: HS256/384/512 and the xmldsig <c>hmac-sha*</c> URIs.</summary>
    Hmac,

    /// <summary>RSA PKCS#1 v1.5 and PSS: RS*, PS* and the xmldsig <c>rsa-sha*</c>/<c>sha*-rsa-MGF1</c> URIs.</summary>
    Rsa,

    /// <summary>ECDSA: ES256/384/512 and the xmldsig <c>ecdsa-sha*</c> URIs.</summary>
    Ecdsa,
}

/// <summary>
/// Classifies algorithm names the way <c>Microsoft.IdentityModel.Tokens.SecurityAlgorithms</c> spells them: the JWA
/// short names (<c>HS256</c>, <c>RS256</c>, <c>PS256</c>, <c>ES256</c>, <c>none</c>) and the long xmldsig URIs
/// (<c>http://www.w3.org/2001/04/xmldsig-more#hmac-sha256</c>, ...).
/// </summary>
internal static class AlgorithmFamilies
{
    public static AlgorithmFamily Classify(string? algorithm)
    {
        if (algorithm is null)
        {
            return AlgorithmFamily.Unknown;
        }

        var text = algorithm.Trim();
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return AlgorithmFamily.None;
        }

        if (text.Length == 5 && IsDigits(text, 2))
        {
            switch (text.Substring(0, 2).ToUpperInvariant())
            {
                case "HS": return AlgorithmFamily.Hmac;
                case "RS":
                case "PS": return AlgorithmFamily.Rsa;
                case "ES": return AlgorithmFamily.Ecdsa;
            }
        }

        var hash = text.LastIndexOf('#');
        if (hash >= 0)
        {
            var fragment = text.Substring(hash + 1).ToLowerInvariant();
            if (fragment.StartsWith("hmac-sha", StringComparison.Ordinal))
            {
                return AlgorithmFamily.Hmac;
            }

            if (fragment.StartsWith("rsa-sha", StringComparison.Ordinal) || fragment.EndsWith("-rsa-mgf1", StringComparison.Ordinal))
            {
                return AlgorithmFamily.Rsa;
            }

            if (fragment.StartsWith("ecdsa-sha", StringComparison.Ordinal))
            {
                return AlgorithmFamily.Ecdsa;
            }
        }

        return AlgorithmFamily.Unknown;
    }

    public static bool IsSymmetric(AlgorithmFamily family) => family == AlgorithmFamily.Hmac;

    public static bool IsAsymmetric(AlgorithmFamily family) => family is AlgorithmFamily.Rsa or AlgorithmFamily.Ecdsa;

    /// <summary>The <c>SecurityAlgorithms</c> member a fix pins a family to.</summary>
    public static string DefaultAlgorithmMember(AlgorithmFamily family) => family switch
    {
        AlgorithmFamily.Hmac => "HmacSha256",
        AlgorithmFamily.Rsa => "RsaSha256",
        AlgorithmFamily.Ecdsa => "EcdsaSha256",
        _ => string.Empty,
    };

    /// <summary>How messages and fix titles name a family.</summary>
    public static string DisplayName(AlgorithmFamily family) => family switch
    {
        AlgorithmFamily.Hmac => "HMAC",
        AlgorithmFamily.Rsa => "RSA",
        AlgorithmFamily.Ecdsa => "ECDSA",
        AlgorithmFamily.None => "none",
        _ => "unknown",
    };

    private static bool IsDigits(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
