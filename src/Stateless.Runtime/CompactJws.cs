using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Stateless.Runtime;

/// <summary>
/// The signature and key-policy layer of <see cref="StatelessTokenVerifier"/>: splits a compact JWS, reads its
/// protected header with System.Text.Json, enforces <c>alg</c>/<c>crit</c>/<c>kid</c> rules, picks the key by
/// <c>kid</c>, checks that it fits the algorithm and verifies the signature. Runs before any claim is looked at.
/// </summary>
internal static class CompactJws
{
    internal static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
        AllowDuplicateProperties = false,
    };

    /// <summary>Verifies everything but the claims; on success returns the decoded payload bytes and the header's kid.</summary>
    public static TokenFailure Verify(
        string? token,
        int maxLength,
        IReadOnlyDictionary<string, JwsAlgorithm> pinned,
        SigningKeyRing ring,
        out byte[] payload)
    {
        payload = Array.Empty<byte>();
        if (string.IsNullOrEmpty(token))
        {
            return TokenFailure.Malformed;
        }

        // Length first: nothing proportional to an oversized input is read or allocated.
        if (token.Length > maxLength)
        {
            return TokenFailure.TooLong;
        }

        int firstDot = token.IndexOf('.', StringComparison.Ordinal);
        int secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return TokenFailure.Malformed;
        }

        var headerSegment = token.AsSpan(0, firstDot);
        var payloadSegment = token.AsSpan(firstDot + 1, secondDot - firstDot - 1);
        var signatureSegment = token.AsSpan(secondDot + 1);

        if (!TryDecode(headerSegment, out var headerBytes) || !Utf8.IsValid(headerBytes))
        {
            return TokenFailure.Malformed;
        }

        JwsAlgorithm algorithm;
        string kid;
        try
        {
            using var header = JsonDocument.Parse(headerBytes, JsonOptions);
            var root = header.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return TokenFailure.Malformed;
            }

            if (!root.TryGetProperty("alg"u8, out var alg) || alg.ValueKind != JsonValueKind.String)
            {
                return TokenFailure.Malformed;
            }

            // The token may only name an algorithm the options pinned; "none" (any casing) is never pinned.
            if (!pinned.TryGetValue(alg.GetString()!, out algorithm!))
            {
                return TokenFailure.AlgorithmNotAllowed;
            }

            // No JWS extension is understood, so any crit entry is unknown and must be refused (RFC 7515 §4.1.11).
            if (root.TryGetProperty("crit"u8, out _))
            {
                return TokenFailure.Malformed;
            }

            // jwk, jku, x5u, x5c are never read: the key comes from the ring under kid, nowhere else.
            if (!root.TryGetProperty("kid"u8, out var kidElement) || kidElement.ValueKind != JsonValueKind.String || kidElement.GetString() is not { Length: > 0 } kidValue)
            {
                return TokenFailure.UnknownKey;
            }

            kid = kidValue;
        }
        catch (JsonException)
        {
            return TokenFailure.Malformed;
        }

        switch (ring.Resolve(kid, out var key))
        {
            case KeyLookup.Revoked:
                return TokenFailure.KeyRevoked;
            case KeyLookup.Unknown:
                return TokenFailure.UnknownKey;
        }

        if (key!.Misfit(algorithm) is not null)
        {
            return TokenFailure.SignatureInvalid;
        }

        // The payload is decoded (strictly) before the signature is checked, so the signing input is pure base64url
        // ASCII; its content is still not looked at until the signature verifies.
        if (!TryDecode(payloadSegment, out var payloadBytes))
        {
            return TokenFailure.Malformed;
        }

        if (signatureSegment.IsEmpty || !TryDecode(signatureSegment, out var signature))
        {
            return TokenFailure.SignatureInvalid;
        }

        // The signing input is ASCII (base64url characters and one dot), so its UTF-8 bytes are its characters.
        var rented = ArrayPool<byte>.Shared.Rent(secondDot);
        try
        {
            int length = Encoding.ASCII.GetBytes(token, 0, secondDot, rented, 0);
            if (!key.Verify(algorithm, rented.AsSpan(0, length), signature))
            {
                return TokenFailure.SignatureInvalid;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        payload = payloadBytes;
        return TokenFailure.None;
    }

    /// <summary>
    /// Strict base64url (RFC 7515 §2): only the 64 URL-safe characters, no padding, no whitespace, and the
    /// canonical encoding only (unused trailing bits zero), so one byte string has exactly one accepted spelling.
    /// </summary>
    internal static bool TryDecode(ReadOnlySpan<char> segment, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        if (segment.Length % 4 == 1)
        {
            return false;
        }

        foreach (char c in segment)
        {
            if (!(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(segment.Length)];
        int written;
        try
        {
            // TryDecodeFromChars still throws for some inputs (e.g. a final quantum that cannot be completed).
            if (!Base64Url.TryDecodeFromChars(segment, buffer, out written))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer[..written];

        // Canonical form: the unused low bits of the last character must be zero (re-encoding would give back the
        // same characters); 2 leftover characters carry 4 unused bits, 3 carry 2, a full quantum none.
        int unusedBits = (segment.Length % 4) switch { 2 => 4, 3 => 2, _ => 0 };
        return unusedBits == 0 || (Sextet(segment[^1]) & ((1 << unusedBits) - 1)) == 0;
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
