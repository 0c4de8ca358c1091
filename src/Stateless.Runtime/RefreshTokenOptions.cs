using System;

namespace Stateless.Runtime;

/// <summary>Lifetimes of refresh tokens and their families.</summary>
public sealed class RefreshTokenOptions
{
    /// <summary>How long one refresh token may be rotated after it is issued. Default 14 days.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a family (one login and all its rotations) lives from its first token, however often it rotates;
    /// after it the user signs in again. Default 90 days.
    /// </summary>
    public TimeSpan AbsoluteLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How long after a rotation the same (now spent) token may be presented again and receive the successor
    /// already issued for it, instead of being treated as reuse: covers a client that lost the response to a
    /// network failure. Default zero (any second presentation is reuse). Keep it to seconds.
    /// </summary>
    public TimeSpan ReuseGracePeriod { get; init; } = TimeSpan.Zero;

    internal void Validate()
    {
        if (Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Lifetime), Lifetime, "The refresh-token lifetime must be positive.");
        }

        if (AbsoluteLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AbsoluteLifetime), AbsoluteLifetime, "The family lifetime must be positive.");
        }

        if (ReuseGracePeriod < TimeSpan.Zero || ReuseGracePeriod > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(ReuseGracePeriod), ReuseGracePeriod, "The reuse grace period must be between zero and 5 minutes.");
        }
    }
}
