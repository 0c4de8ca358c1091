using System;
using System.Globalization;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Refresh rates as the STL3002 message states them; the durations beside them are <see cref="Infrastructure.Durations"/>.</summary>
internal static class DurationText
{
    public const long Sessions = 1_000_000;

    /// <summary>Refreshes per second for <see cref="Sessions"/> active sessions at this lifetime (N / TTL), e.g. "~278/s".</summary>
    public static string RefreshRate(TimeSpan lifetime)
    {
        var perSecond = Sessions / lifetime.TotalSeconds;
        var format = perSecond >= 100 ? "#,0" : perSecond >= 10 ? "0.0" : perSecond >= 0.1 ? "0.##" : "0.####";
        return "~" + perSecond.ToString(format, CultureInfo.InvariantCulture) + " refreshes/s";
    }
}
