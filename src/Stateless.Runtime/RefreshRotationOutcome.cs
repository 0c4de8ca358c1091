namespace Stateless.Runtime;

/// <summary>What <see cref="IRefreshTokenStore.RotateAsync"/> did.</summary>
public enum RefreshRotationOutcome
{
    /// <summary>The presented token was current; it is spent and the successor is current.</summary>
    Rotated,

    /// <summary>The presented token was spent inside the grace period; its sealed successor is returned, nothing written.</summary>
    GraceReplay,

    /// <summary>The presented token was spent; the family is now revoked.</summary>
    ReuseDetected,

    /// <summary>No record with that hash in that family.</summary>
    NotFound,

    /// <summary>The token's or the family's lifetime has ended.</summary>
    Expired,

    /// <summary>The family is revoked.</summary>
    Revoked,
}
