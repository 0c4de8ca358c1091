using System;

namespace Stateless.Runtime;

/// <summary>One refresh token, as a store keeps it: its hash, never the token.</summary>
public sealed class RefreshTokenRecord
{
    /// <summary>SHA-256 of the token's UTF-8 bytes, base64url without padding (see <see cref="RefreshTokenHasher.Hash"/>).</summary>
    public required string TokenHash { get; init; }

    /// <summary>The family the token belongs to.</summary>
    public required string FamilyId { get; init; }

    /// <summary>When the token was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the token stops rotating (before any cap by the family's absolute expiry).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
