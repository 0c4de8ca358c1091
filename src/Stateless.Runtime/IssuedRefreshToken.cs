using System;

namespace Stateless.Runtime;

/// <summary>
/// A refresh token handed to a client. <see cref="Token"/> is the only copy of the secret: the store keeps its
/// SHA-256 hash. Converts implicitly to its <see cref="Token"/> string.
/// </summary>
public sealed class IssuedRefreshToken
{
    /// <summary>Creates the value.</summary>
    public IssuedRefreshToken(string token, string familyId, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(familyId);
        Token = token;
        FamilyId = familyId;
        ExpiresAt = expiresAt;
    }

    /// <summary>The opaque token: <c>&lt;familyId&gt;.&lt;secret&gt;</c>, the secret 256 random bits in base64url.</summary>
    public string Token { get; }

    /// <summary>The family (one login's chain of rotations) this token belongs to.</summary>
    public string FamilyId { get; }

    /// <summary>When this token stops rotating: its own lifetime, capped by the family's absolute lifetime.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The token string.</summary>
    public static implicit operator string(IssuedRefreshToken issued) => issued?.Token!;

    /// <summary>The token string.</summary>
    public string ToToken() => Token;

    /// <summary>Describes the token without its secret.</summary>
    public override string ToString() => $"Refresh token of family {FamilyId}, expires {ExpiresAt:O}";
}
