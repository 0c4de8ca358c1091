using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Stateless.Runtime;

/// <summary>
/// The signature and key-policy layer of <see cref="StatelessTokenVerifier"/>: splits a compact JWS, reads its
/// protected header (<see cref="JwsHeader"/>), enforces <c>alg</c>/<c>crit</c>/<c>kid</c> rules, picks the key by
/// <c>kid</c>, checks that it fits the algorithm and verifies the signature. Runs before any claim is looked at.
/// </summary>
/// <remarks>
/// The token is transcoded once: the characters of <c>header.payload</c> are narrowed into the caller's buffer (they
/// are the signing input), the header and the payload are decoded from those bytes, and the signature from its
/// characters, all into the same buffer, so nothing but the header's <c>kid</c> is allocated here.
/// </remarks>
internal static class CompactJws
{
    /// <summary>The longest token read whatever the options say, so <see cref="BufferSize"/> cannot overflow.</summary>
    public const int MaxSupportedLength = 256 * 1024 * 1024;

    /// <summary>The buffer <see cref="Verify(string?, int, ReadOnlySpan{JwsAlgorithm}, string?, SigningKeyRing, PropertyNameGuard, Span{byte}, out Range)"/> needs for a token of <paramref name="tokenLength"/> characters.</summary>
    public static int BufferSize(int tokenLength) => (2 * tokenLength) + 16;

    /// <summary>Verifies everything but the claims; on success <paramref name="payload"/> locates the decoded payload in <paramref name="buffer"/>.</summary>
    public static TokenFailure Verify(
        string? token,
        int maxLength,
        ReadOnlySpan<JwsAlgorithm> pinned,
        string? requiredType,
        SigningKeyRing ring,
        PropertyNameGuard names,
        Span<byte> buffer,
        out Range payload)
    {
        payload = default;
        if (string.IsNullOrEmpty(token))
        {
            return TokenFailure.Malformed;
        }

        // Length first: nothing proportional to an oversized input is read or allocated.
        if (token.Length > maxLength || token.Length > MaxSupportedLength)
        {
            return TokenFailure.TooLong;
        }

        int firstDot = token.IndexOf('.', StringComparison.Ordinal);
        int secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot < 0 || token.IndexOf('.', secondDot + 1) >= 0)
        {
            return TokenFailure.Malformed;
        }

        if (buffer.Length < BufferSize(token.Length))
        {
            throw new ArgumentException("The buffer is smaller than BufferSize(token.Length).", nameof(buffer));
        }

        // The signing input: one byte per character; a character outside ASCII becomes a byte no segment accepts.
        var signingInput = buffer[..secondDot];
        Narrow(token.AsSpan(0, secondDot), signingInput);
        var free = buffer[secondDot..];

        if (!Base64UrlStrict.TryDecode(signingInput[..firstDot], free, out int headerLength)
            || !JwsHeader.TryRead(free[..headerLength], pinned, names, requiredType, out var header)
            || header.AlgKind != JsonValueKind.String)
        {
            return TokenFailure.Malformed;
        }

        // The token may only name an algorithm the options pinned; "none" (any casing) is never pinned.
        if (header.Algorithm is not { } algorithm)
        {
            return TokenFailure.AlgorithmNotAllowed;
        }

        // No JWS extension is understood, so any crit entry is unknown and must be refused (RFC 7515 §4.1.11).
        if (header.HasCrit)
        {
            return TokenFailure.Malformed;
        }

        // Explicit typing (RFC 8725 §3.11): when a type is required, a token of another kind is refused before any key is looked up.
        if (!header.TypeMatches)
        {
            return TokenFailure.WrongType;
        }

        // jwk, jku, x5u, x5c are never read: the key comes from the ring under kid, nowhere else.
        if (header.KeyIdKind != JsonValueKind.String)
        {
            return TokenFailure.UnknownKey;
        }

        if (header.KeyId is not { } kid)
        {
            return TokenFailure.Malformed; // a kid whose escapes are not valid UTF-16
        }

        if (kid.Length == 0)
        {
            return TokenFailure.UnknownKey;
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
        if (!Base64UrlStrict.TryDecode(signingInput[(firstDot + 1)..], free, out int payloadLength))
        {
            return TokenFailure.Malformed;
        }

        var signatureSegment = token.AsSpan(secondDot + 1);
        var signature = free[payloadLength..];
        if (signatureSegment.IsEmpty || !Base64UrlStrict.TryDecode(signatureSegment, signature, out int signatureLength))
        {
            return TokenFailure.SignatureInvalid;
        }

        if (!key.Verify(algorithm, signingInput, signature[..signatureLength]))
        {
            return TokenFailure.SignatureInvalid;
        }

        payload = new Range(secondDot, secondDot + payloadLength);
        return TokenFailure.None;
    }

    /// <summary>Verifies everything but the claims with its own buffers; for callers off the hot path (and tests).</summary>
    public static TokenFailure Verify(string? token, int maxLength, IReadOnlyDictionary<string, JwsAlgorithm> pinned, SigningKeyRing ring, out byte[] payload)
    {
        payload = Array.Empty<byte>();
        var buffer = new byte[BufferSize(Math.Min(token?.Length ?? 0, maxLength))];
        var failure = Verify(token, maxLength, pinned.Values.ToArray(), null, ring, new PropertyNameGuard(), buffer, out var range);
        if (failure == TokenFailure.None)
        {
            payload = buffer[range];
        }

        return failure;
    }

    private static void Narrow(ReadOnlySpan<char> characters, Span<byte> bytes)
    {
        if (Ascii.FromUtf16(characters, bytes, out int written) == OperationStatus.Done)
        {
            return;
        }

        for (int i = written; i < characters.Length; i++)
        {
            char c = characters[i];
            bytes[i] = c < 0x80 ? (byte)c : (byte)'!';
        }
    }
}
