namespace Stateless.Runtime;

/// <summary>The outcome of <see cref="RefreshTokenRotator.RotateAsync"/>.</summary>
public enum RefreshStatus
{
    /// <summary>
    /// The presented token was current and is now spent; <see cref="RefreshResult.NewToken"/> is its successor.
    /// Also returned, with the successor already issued, for a retry inside <see cref="RefreshTokenOptions.ReuseGracePeriod"/>.
    /// </summary>
    Rotated,

    /// <summary>The presented token had already been rotated: its whole family is now revoked, the newest token included.</summary>
    ReuseDetected,

    /// <summary>The token is unknown, malformed, or was never issued by this store.</summary>
    Invalid,

    /// <summary>The token's own lifetime or its family's absolute lifetime has ended.</summary>
    Expired,

    /// <summary>The token's family was revoked (by reuse detection, <c>RevokeFamilyAsync</c> or <c>RevokeSubjectAsync</c>).</summary>
    Revoked,

    /// <summary>The store could not be reached; nothing was rotated (fail closed).</summary>
    StoreUnavailable,
}
