using System;
using System.Buffers;
using System.Buffers.Text;

namespace Stateless.Runtime;

/// <summary>
/// Strict base64url (RFC 7515 §2): only the 64 URL-safe characters, no padding, no whitespace, and the canonical
/// encoding only (unused trailing bits zero), so one byte string has exactly one accepted spelling.
/// </summary>
internal static class Base64UrlStrict
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly SearchValues<char> s_chars = SearchValues.Create(Alphabet);
    private static readonly SearchValues<byte> s_bytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    /// <summary>Decodes <paramref name="segment"/> into a new array; false unless it is strict, canonical base64url.</summary>
    public static bool TryDecode(ReadOnlySpan<char> segment, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        var buffer = new byte[Base64Url.GetMaxDecodedLength(segment.Length)];
        if (!TryDecode(segment, buffer, out int written))
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }

    /// <summary>Decodes the characters of <paramref name="segment"/> into <paramref name="destination"/> (at least <see cref="Base64Url.GetMaxDecodedLength"/> bytes).</summary>
    public static bool TryDecode(ReadOnlySpan<char> segment, Span<byte> destination, out int written)
    {
        written = 0;
        if (segment.Length % 4 == 1 || segment.ContainsAnyExcept(s_chars))
        {
            return false;
        }

        return Base64Url.DecodeFromChars(segment, destination, out int consumed, out written) == OperationStatus.Done
            && consumed == segment.Length
            && (segment.IsEmpty || IsCanonical(segment.Length, Sextet(segment[^1])));
    }

    /// <summary>Decodes the ASCII bytes of <paramref name="segment"/> into <paramref name="destination"/> (at least <see cref="Base64Url.GetMaxDecodedLength"/> bytes).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> segment, Span<byte> destination, out int written)
    {
        written = 0;
        if (segment.Length % 4 == 1 || segment.ContainsAnyExcept(s_bytes))
        {
            return false;
        }

        return Base64Url.DecodeFromUtf8(segment, destination, out int consumed, out written) == OperationStatus.Done
            && consumed == segment.Length
            && (segment.IsEmpty || IsCanonical(segment.Length, Sextet((char)segment[^1])));
    }

    // Canonical form: the unused low bits of the last character must be zero (re-encoding would give back the same
    // characters); 2 leftover characters carry 4 unused bits, 3 carry 2, a full quantum (or an empty segment) none.
    private static bool IsCanonical(int length, int lastSextet)
    {
        int unusedBits = (length % 4) switch { 2 => 4, 3 => 2, _ => 0 };
        return unusedBits == 0 || (lastSextet & ((1 << unusedBits) - 1)) == 0;
    }

    private static int Sextet(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };
}
