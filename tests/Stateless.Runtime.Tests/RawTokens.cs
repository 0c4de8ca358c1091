using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Stateless.Runtime.Tests;

/// <summary>HS256 tokens from raw header and payload bytes, for JSON the JsonNode-based forge cannot write (duplicates, escapes, bad UTF-8).</summary>
internal static class RawTokens
{
    public const string Header = """{"alg":"HS256","kid":"hmac-1","typ":"JWT"}""";

    public static string Hs256(byte[] secret, string header, string payload) =>
        Hs256(secret, Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(payload));

    public static string Hs256(byte[] secret, byte[] header, byte[] payload)
    {
        var input = TokenForge.B64(header) + "." + TokenForge.B64(payload);
        return input + "." + TokenForge.B64(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>
    /// A payload with every required claim valid at <paramref name="now"/>; <c>{exp}</c>, <c>{nbf}</c> and <c>{iat}</c> in
    /// <paramref name="template"/> become NumericDates (exp 10 minutes ahead).
    /// </summary>
    public static string Fill(string template, DateTimeOffset now) => template
        .Replace("{exp}", now.AddMinutes(10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{nbf}", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{iat}", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The members of a valid payload, without braces, to embed in a test's own object.</summary>
    public const string Required = "\"iss\":\"https://issuer.example\",\"sub\":\"alice\",\"aud\":\"api://orders\",\"exp\":{exp},\"nbf\":{nbf},\"iat\":{iat},\"jti\":\"jti-1\"";

    /// <summary>A claim as a caller sees it: type, value, value type, issuer, original issuer.</summary>
    public static (string, string, string, string, string) Shape(Claim claim) =>
        (claim.Type, claim.Value, claim.ValueType, claim.Issuer, claim.OriginalIssuer);
}
