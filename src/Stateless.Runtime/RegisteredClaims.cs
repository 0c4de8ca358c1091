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

    /// <summary>The first and last whole seconds a NumericDate may name: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.</summary>
    private const double MinSeconds = -62135596800d;
    private const double MaxSeconds = 253402300799d;

    /// <summary>
    /// Reads the value the reader is on: a number of seconds since the epoch. A number outside 0001-01-01T00:00:00Z to
    /// 9999-12-31T23:59:59Z names no instant a <see cref="DateTimeOffset"/> (or any other JWT library) can hold, so it is
    /// not <see cref="Valid"/>: the token is malformed, not valid for ever.
    /// </summary>
    public static RegisteredDate Read(ref Utf8JsonReader reader, JsonValueKind kind)
    {
        // An integer is converted rather than parsed again as a double: both round the same integer to the nearest
        // double, so the value is the one TryGetDouble gives, without a second, slower parse.
        double seconds;
        if (kind != JsonValueKind.Number)
        {
            return new RegisteredDate(kind, false, default);
        }

        if (reader.TryGetInt64(out long whole))
        {
            seconds = whole;
        }
        else if (!reader.TryGetDouble(out seconds) || !double.IsFinite(seconds))
        {
            return new RegisteredDate(kind, false, default);
        }

        if (seconds < MinSeconds || seconds > MaxSeconds)
        {
            return new RegisteredDate(kind, false, default);
        }

        // Whole seconds and the fraction apart: seconds * TicksPerSecond as one double would lose ticks near year 9999.
        double wholeSeconds = Math.Floor(seconds);
        long fractionTicks = (long)Math.Round((seconds - wholeSeconds) * TimeSpan.TicksPerSecond);
        return new RegisteredDate(kind, true, DateTimeOffset.UnixEpoch.AddTicks(((long)wholeSeconds * TimeSpan.TicksPerSecond) + fractionTicks));
    }
}

/// <summary>Claim type strings for names read as UTF-8: common names come from a table, so they are not allocated per token.</summary>
internal static class ClaimNames
{
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
    public static string TypeOf(ReadOnlySpan<byte> name, RegisteredClaim registered) =>
        registered != RegisteredClaim.None ? Registered(registered) : Common(name) ?? Encoding.UTF8.GetString(name);

    private static string? Common(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 => name.SequenceEqual("scp"u8) ? "scp" : name.SequenceEqual("azp"u8) ? "azp" : name.SequenceEqual("tid"u8) ? "tid"
            : name.SequenceEqual("oid"u8) ? "oid" : name.SequenceEqual("sid"u8) ? "sid" : name.SequenceEqual("amr"u8) ? "amr"
            : name.SequenceEqual("acr"u8) ? "acr" : null,
        4 => name.SequenceEqual("role"u8) ? "role" : name.SequenceEqual("name"u8) ? "name" : null,
        5 => name.SequenceEqual("roles"u8) ? "roles" : name.SequenceEqual("scope"u8) ? "scope" : name.SequenceEqual("email"u8) ? "email"
            : name.SequenceEqual("nonce"u8) ? "nonce" : null,
        9 => name.SequenceEqual("client_id"u8) ? "client_id" : name.SequenceEqual("auth_time"u8) ? "auth_time" : null,
        _ => null,
    };

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
