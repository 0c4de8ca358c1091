using System;
using System.Collections.Generic;
using System.Globalization;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Durations and refresh rates as the STL3002 message states them.</summary>
internal static class DurationText
{
    public const long Sessions = 1_000_000;

    /// <summary>"30 days", "12 hours", "1 hour 30 minutes", "90 seconds".</summary>
    public static string Format(TimeSpan span)
    {
        var parts = new List<string>();
        Add(parts, (long)span.TotalDays, "day");
        Add(parts, span.Hours, "hour");
        Add(parts, span.Minutes, "minute");
        Add(parts, span.Seconds, "second");
        if (parts.Count == 0)
        {
            return span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
        }

        return string.Join(" ", parts);
    }

    /// <summary>Refreshes per second for <see cref="Sessions"/> active sessions at this lifetime (N / TTL), e.g. "~278/s".</summary>
    public static string RefreshRate(TimeSpan lifetime)
    {
        var perSecond = Sessions / lifetime.TotalSeconds;
        var format = perSecond >= 100 ? "#,0" : perSecond >= 10 ? "0.0" : perSecond >= 0.1 ? "0.##" : "0.####";
        return "~" + perSecond.ToString(format, CultureInfo.InvariantCulture) + " refreshes/s";
    }

    private static void Add(List<string> parts, long amount, string unit)
    {
        if (amount > 0)
        {
            parts.Add(amount.ToString(CultureInfo.InvariantCulture) + " " + unit + (amount == 1 ? string.Empty : "s"));
        }
    }
}
