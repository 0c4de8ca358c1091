using System;
using System.Globalization;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>Durations as messages and fixes spell them (<c>10 minutes</c>, <c>TimeSpan.FromMinutes(5)</c>).</summary>
internal static class Durations
{
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.MaxValue)
        {
            return "TimeSpan.MaxValue";
        }

        if (value.Ticks % TimeSpan.TicksPerDay == 0 && value.Ticks != 0)
        {
            return Plural((long)value.TotalDays, "day");
        }

        if (value.Ticks % TimeSpan.TicksPerHour == 0 && value.Ticks != 0)
        {
            return Plural((long)value.TotalHours, "hour");
        }

        if (value.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return Plural((long)value.TotalMinutes, "minute");
        }

        if (value.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return Plural((long)value.TotalSeconds, "second");
        }

        return value.ToString("c", CultureInfo.InvariantCulture);
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

    private static string Plural(long amount, string unit) =>
        amount.ToString(CultureInfo.InvariantCulture) + " " + unit + (amount == 1 ? string.Empty : "s");
}
