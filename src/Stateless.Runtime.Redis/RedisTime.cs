using System;
using System.Globalization;

namespace Stateless.Runtime.Redis;

/// <summary>
/// Instants as the scripts keep them: <see cref="DateTimeOffset.UtcTicks"/> as 19 decimal digits, zero-padded, so a
/// script compares them exactly (Lua numbers are doubles and would round ticks) and the store returns exactly the
/// instant it was given. Durations for <c>PEXPIRE</c>/<c>PX</c> are whole milliseconds, rounded up.
/// </summary>
internal static class RedisTime
{
    /// <summary>
    /// Lua helpers shared by the scripts: <c>before(a, b)</c> is a &lt; b for two encoded instants (compared as two exact
    /// halves), <c>ttl(untilTicks, nowTicks)</c> the milliseconds from now until then, at least 1.
    /// </summary>
    public const string LuaHelpers = """
        local function before(a, b)
          local ah, bh = tonumber(string.sub(a, 1, 10)), tonumber(string.sub(b, 1, 10))
          if ah ~= bh then return ah < bh end
          return tonumber(string.sub(a, 11)) < tonumber(string.sub(b, 11))
        end
        local function ttl(untilTicks, nowTicks)
          local high = tonumber(string.sub(untilTicks, 1, 10)) - tonumber(string.sub(nowTicks, 1, 10))
          local low = tonumber(string.sub(untilTicks, 11)) - tonumber(string.sub(nowTicks, 11))
          local ms = math.ceil((high * 1000000000 + low) / 10000)
          if ms < 1 then ms = 1 end
          return ms
        end

        """;

    public static string Encode(DateTimeOffset instant) => instant.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static bool TryDecode(string? encoded, out DateTimeOffset instant)
    {
        if (encoded is { Length: 19 }
            && long.TryParse(encoded, NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks)
        {
            instant = new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }

        instant = default;
        return false;
    }

    public static DateTimeOffset Decode(string? encoded) =>
        TryDecode(encoded, out var instant) ? instant : throw new FormatException($"'{encoded}' is not an instant this store wrote.");

    /// <summary>Milliseconds from <paramref name="now"/> until <paramref name="until"/>, rounded up; zero or less when already past.</summary>
    public static long MillisecondsUntil(DateTimeOffset until, DateTimeOffset now)
    {
        long ticks = until.UtcTicks - now.UtcTicks;
        return ticks <= 0 ? 0 : (ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
    }

    /// <summary><paramref name="instant"/> plus <paramref name="duration"/>, saturating at <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static DateTimeOffset AddSaturating(DateTimeOffset instant, TimeSpan duration) =>
        DateTimeOffset.MaxValue - instant <= duration ? DateTimeOffset.MaxValue : instant + duration;

    /// <summary><paramref name="instant"/> minus <paramref name="duration"/>, saturating at <see cref="DateTimeOffset.MinValue"/>.</summary>
    public static DateTimeOffset SubtractSaturating(DateTimeOffset instant, TimeSpan duration) =>
        instant - DateTimeOffset.MinValue <= duration ? DateTimeOffset.MinValue : instant - duration;
}
