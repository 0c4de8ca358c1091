using System;
using System.Collections.Generic;
using System.Globalization;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>Durations as every message and fix spells them (<c>1 hour 30 minutes</c>, <c>TimeSpan.FromMinutes(5)</c>).</summary>
internal static class Durations
{
    /// <summary>
    /// Whole days, hours, minutes and seconds, largest first, zero parts left out: "30 days", "12 hours", "1 hour 30 minutes",
    /// "90 seconds" is "1 minute 30 seconds". Less than a second is given in milliseconds ("500 ms"); <see cref="TimeSpan.MaxValue"/>
    /// by its name.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.MaxValue)
        {
            return "TimeSpan.MaxValue";
        }

        var parts = new List<string>();
        Add(parts, (long)value.TotalDays, "day");
        Add(parts, value.Hours, "hour");
        Add(parts, value.Minutes, "minute");
        Add(parts, value.Seconds, "second");
        if (parts.Count == 0)
        {
            return value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
        }

        return string.Join(" ", parts);
    }

    /// <summary>The <c>TimeSpan</c> factory and its argument that build the value exactly (<c>FromMinutes</c>, 5).</summary>
    public static (string Method, long Amount) Factory(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return ("FromMinutes", (long)value.TotalMinutes);
        }

        return value.Ticks % TimeSpan.TicksPerSecond == 0 ? ("FromSeconds", (long)value.TotalSeconds) : ("FromTicks", value.Ticks);
    }

    private static void Add(List<string> parts, long amount, string unit)
    {
        if (amount > 0)
        {
            parts.Add(amount.ToString(CultureInfo.InvariantCulture) + " " + unit + (amount == 1 ? string.Empty : "s"));
        }
    }
}
