using System;

namespace Stateless.Runtime;

/// <summary>
/// The access-token lifetime trade-off: every active session refreshes once per lifetime, so the refresh load is
/// <c>N / TTL</c>, and the shortest lifetime a token service sustaining <c>Q_max</c> refreshes per second allows is
/// <c>N / Q_max</c>. Shorter lifetimes shrink the window in which a stolen or revoked token still works.
/// </summary>
public static class TokenLifetimePlanner
{
    /// <summary>The shortest lifetime the refresh endpoint can sustain: <c>TTL ≥ N / Q_max</c>.</summary>
    /// <param name="activeSessions">N, concurrently active sessions.</param>
    /// <param name="maxRefreshesPerSecond">Q_max, the refresh rate the token service sustains.</param>
    public static TimeSpan MinimumLifetime(long activeSessions, double maxRefreshesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activeSessions);
        if (!(maxRefreshesPerSecond > 0) || double.IsInfinity(maxRefreshesPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRefreshesPerSecond), maxRefreshesPerSecond, "The refresh capacity must be a positive, finite rate.");
        }

        return TimeSpan.FromSeconds(activeSessions / maxRefreshesPerSecond);
    }

    /// <summary>The steady refresh load, per second, of <paramref name="activeSessions"/> sessions whose tokens live <paramref name="lifetime"/>: <c>N / TTL</c>.</summary>
    public static double RefreshRate(long activeSessions, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(activeSessions);
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The lifetime must be positive.");
        }

        return activeSessions / lifetime.TotalSeconds;
    }
}
