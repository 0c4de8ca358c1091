using Microsoft.Extensions.Logging;

namespace Stateless.Runtime;

/// <summary>The <see cref="EventId"/>s Stateless.Runtime logs.</summary>
public static class RuntimeEvents
{
    /// <summary>A signing key was revoked in an emergency.</summary>
    public static readonly EventId KeyRevoked = new(7001, nameof(KeyRevoked));

    /// <summary>A signing key was retired.</summary>
    public static readonly EventId KeyRetired = new(7002, nameof(KeyRetired));

    /// <summary>A rotated refresh token was presented again; its family was revoked.</summary>
    public static readonly EventId RefreshTokenReuseDetected = new(7003, nameof(RefreshTokenReuseDetected));

    /// <summary>A refresh-token family was revoked.</summary>
    public static readonly EventId RefreshFamilyRevoked = new(7004, nameof(RefreshFamilyRevoked));

    /// <summary>The refresh-token store or the jti denylist could not be reached.</summary>
    public static readonly EventId StoreUnavailable = new(7005, nameof(StoreUnavailable));
}
