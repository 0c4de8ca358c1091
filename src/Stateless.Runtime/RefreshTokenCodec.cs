using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Stateless.Runtime;

/// <summary>
/// Refresh-token format and the sealing of a successor for the grace-period retry.
/// A token is <c>&lt;familyId&gt;.&lt;secret&gt;</c>: 128 random bits of family id and 256 random bits of secret, both base64url.
/// </summary>
internal static class RefreshTokenCodec
{
    public const int FamilyIdBytes = 16;
    public const int SecretBytes = 32;
    private const int FamilyIdChars = 22;
    private const int SecretChars = 43;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] s_sealInfo = Encoding.ASCII.GetBytes("Stateless.Runtime refresh successor v1");

    public static string NewFamilyId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(FamilyIdBytes));

    public static string NewToken(string familyId) => familyId + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The family id of a well-formed token; false for anything else (checked before any store call).</summary>
    public static bool TryParse(string? token, out string familyId)
    {
        familyId = string.Empty;
        if (token is null || token.Length != FamilyIdChars + 1 + SecretChars || token[FamilyIdChars] != '.')
        {
            return false;
        }

        if (!Base64UrlStrict.TryDecode(token.AsSpan(0, FamilyIdChars), out var id) || id.Length != FamilyIdBytes
            || !Base64UrlStrict.TryDecode(token.AsSpan(FamilyIdChars + 1), out var secret) || secret.Length != SecretBytes)
        {
            return false;
        }

        familyId = token[..FamilyIdChars];
        return true;
    }

    /// <summary>Seals <paramref name="successor"/> with AES-256-GCM under a key only the holder of <paramref name="presented"/> can derive.</summary>
    public static byte[] Seal(string presented, string successor, string familyId)
    {
        var key = DeriveKey(presented);
        var plaintext = Encoding.UTF8.GetBytes(successor);
        var sealedBytes = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(familyId));
        CryptographicOperations.ZeroMemory(key);
        return sealedBytes;
    }

    /// <summary>Opens what <see cref="Seal"/> produced; null when it does not open (tampered, or another token).</summary>
    public static string? Open(string presented, ReadOnlySpan<byte> sealedBytes, string familyId)
    {
        if (sealedBytes.Length <= NonceBytes + TagBytes)
        {
            return null;
        }

        var key = DeriveKey(presented);
        try
        {
            int length = sealedBytes.Length - NonceBytes - TagBytes;
            var plaintext = new byte[length];
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes.Slice(NonceBytes, length), sealedBytes[(NonceBytes + length)..], plaintext, Encoding.UTF8.GetBytes(familyId));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] DeriveKey(string presented) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(presented), 32, salt: Array.Empty<byte>(), info: s_sealInfo);
}
