using System;

namespace Stateless.Runtime;

/// <summary>The input of <see cref="IRefreshTokenStore.RotateAsync"/>.</summary>
public sealed class RefreshRotationRequest
{
    /// <summary>The family id taken from the presented token's prefix.</summary>
    public required string FamilyId { get; init; }

    /// <summary>SHA-256 of the presented token (see <see cref="RefreshTokenHasher.Hash"/>).</summary>
    public required string PresentedTokenHash { get; init; }

    /// <summary>The successor to insert when the presented token is current; <see cref="RefreshTokenRecord.FamilyId"/> equals <see cref="FamilyId"/>.</summary>
    public required RefreshTokenRecord Successor { get; init; }

    /// <summary>
    /// The successor token sealed (AES-GCM) under a key derived from the presented token, kept with the spent record
    /// and returned for a grace-period retry. Opaque to the store, which cannot open it without the presented token.
    /// </summary>
    public required ReadOnlyMemory<byte> SealedSuccessor { get; init; }

    /// <summary>The instant of the request, from the rotator's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>How long after its rotation a spent token may be replayed to receive its successor; zero disables.</summary>
    public required TimeSpan ReuseGracePeriod { get; init; }
}
