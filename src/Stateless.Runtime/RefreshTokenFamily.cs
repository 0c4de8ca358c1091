using System;

namespace Stateless.Runtime;

/// <summary>One login's chain of refresh tokens, as a store keeps it.</summary>
public sealed class RefreshTokenFamily
{
    /// <summary>The family's random id (base64url, 128 bits); the prefix of each of its tokens.</summary>
    public required string FamilyId { get; init; }

    /// <summary>The user or client the family was issued to.</summary>
    public required string Subject { get; init; }

    /// <summary>When the family was started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the family stops rotating, however often it rotated (<see cref="RefreshTokenOptions.AbsoluteLifetime"/>).</summary>
    public required DateTimeOffset AbsoluteExpiresAt { get; init; }
}
