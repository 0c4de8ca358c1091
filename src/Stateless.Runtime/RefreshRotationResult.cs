using System;

namespace Stateless.Runtime;

/// <summary>The output of <see cref="IRefreshTokenStore.RotateAsync"/>.</summary>
public sealed class RefreshRotationResult
{
    /// <summary>What the store did.</summary>
    public required RefreshRotationOutcome Outcome { get; init; }

    /// <summary>The family's subject; null only for <see cref="RefreshRotationOutcome.NotFound"/>.</summary>
    public string? Subject { get; init; }

    /// <summary>
    /// For <see cref="RefreshRotationOutcome.Rotated"/>: the inserted successor's expiry (capped by the family's absolute expiry).
    /// For <see cref="RefreshRotationOutcome.GraceReplay"/>: the existing successor's expiry.
    /// </summary>
    public DateTimeOffset? SuccessorExpiresAt { get; init; }

    /// <summary>For <see cref="RefreshRotationOutcome.GraceReplay"/>: the sealed successor stored at the rotation.</summary>
    public ReadOnlyMemory<byte> SealedSuccessor { get; init; }
}
