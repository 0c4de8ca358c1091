using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Stateless.Runtime;

/// <summary>The one way a refresh token becomes the key a store keeps: SHA-256 of its UTF-8 bytes, base64url.</summary>
public static class RefreshTokenHasher
{
    /// <summary>SHA-256 of <paramref name="token"/>'s UTF-8 bytes, base64url without padding (43 characters).</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Base64Url.EncodeToString(digest);
    }
}
