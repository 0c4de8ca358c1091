using System;
using System.Text;
using System.Text.Json;

namespace Stateless.Runtime;

/// <summary>The RFC 7519 §4.1 claims the verifier checks.</summary>
internal enum RegisteredClaim
{
    None,
    Expires,
    NotBefore,
    IssuedAt,
    Issuer,
    Subject,
    Audience,
    TokenId,
}

/// <summary>A registered string claim as read: its JSON kind (<see cref="JsonValueKind.Undefined"/> when absent) and its value when a string.</summary>
internal readonly record struct RegisteredString(JsonValueKind Kind, string? Value)
{
    /// <summary>Present and not null (RFC 7519: a null claim is treated as absent).</summary>
    public bool Present => Kind is not (JsonValueKind.Undefined or JsonValueKind.Null);
}

/// <summary>A NumericDate claim (RFC 7519 §2) as read: its JSON kind and, for a finite number, its instant.</summary>
internal readonly record struct RegisteredDate(JsonValueKind Kind, bool Valid, DateTimeOffset Value)
{
    public bool Present => Kind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    /// <summary>Reads the value the reader is on: a number of seconds since the epoch, clamped to the range of <see cref="DateTimeOffset"/>.</summary>
    public static RegisteredDate Read(ref Utf8JsonReader reader, JsonValueKind kind)
    {
        if (kind != JsonValueKind.Number || !reader.TryGetDouble(out double seconds) || double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            return new RegisteredDate(kind, false, default);
        }

        const double MinSeconds = -62135596800d; // 0001-01-01
        const double MaxSeconds = 253402300799d; // 9999-12-31T23:59:59
        var value = seconds <= MinSeconds ? DateTimeOffset.MinValue
            : seconds >= MaxSeconds ? DateTimeOffset.MaxValue
            : DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return new RegisteredDate(kind, true, value);
    }
}

/// <summary>Claim type strings for names read as UTF-8: common names come from a table, so they are not allocated per token.</summary>
internal static class ClaimNames
{
    private static readonly string[] s_common =
    [
        "role", "roles", "scope", "scp", "name", "email", "azp", "client_id", "tid", "oid", "sid", "nonce", "auth_time", "amr", "acr",
    ];

    private static readonly byte[][] s_commonUtf8 = Array.ConvertAll(s_common, Encoding.UTF8.GetBytes);

    public static RegisteredClaim Registered(ReadOnlySpan<byte> name) => name.Length != 3 ? RegisteredClaim.None
        : name.SequenceEqual("exp"u8) ? RegisteredClaim.Expires
        : name.SequenceEqual("nbf"u8) ? RegisteredClaim.NotBefore
        : name.SequenceEqual("iat"u8) ? RegisteredClaim.IssuedAt
        : name.SequenceEqual("iss"u8) ? RegisteredClaim.Issuer
        : name.SequenceEqual("sub"u8) ? RegisteredClaim.Subject
        : name.SequenceEqual("aud"u8) ? RegisteredClaim.Audience
        : name.SequenceEqual("jti"u8) ? RegisteredClaim.TokenId
        : RegisteredClaim.None;

    /// <summary>The claim type for <paramref name="name"/> (unescaped, valid UTF-8).</summary>
    public static string TypeOf(ReadOnlySpan<byte> name, RegisteredClaim registered)
    {
        if (registered != RegisteredClaim.None)
        {
            return Registered(registered);
        }

        for (int i = 0; i < s_commonUtf8.Length; i++)
        {
            if (name.SequenceEqual(s_commonUtf8[i]))
            {
                return s_common[i];
            }
        }

        return Encoding.UTF8.GetString(name);
    }

    private static string Registered(RegisteredClaim claim) => claim switch
    {
        RegisteredClaim.Expires => "exp",
        RegisteredClaim.NotBefore => "nbf",
        RegisteredClaim.IssuedAt => "iat",
        RegisteredClaim.Issuer => "iss",
        RegisteredClaim.Subject => "sub",
        RegisteredClaim.Audience => "aud",
        _ => "jti",
    };
}
