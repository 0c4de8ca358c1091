using System;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Tests.Infrastructure;

/// <summary>
/// One spelling of a duration for every message: the two formatters this replaced printed 90 minutes as
/// "1 hour 30 minutes" (STL3002, asserted by its tests) and "90 minutes" (STL2007).
/// </summary>
public class DurationsTests
{
    [Theory]
    [InlineData(90 * 60, "1 hour 30 minutes")]
    [InlineData(90, "1 minute 30 seconds")]
    [InlineData(3600, "1 hour")]
    [InlineData(5 * 60, "5 minutes")]
    [InlineData(30 * 86400, "30 days")]
    [InlineData(86400 + 1, "1 day 1 second")]
    [InlineData(1, "1 second")]
    public void Formats_whole_parts_largest_first(int seconds, string expected) =>
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Formats_less_than_a_second_in_milliseconds() =>
        Assert.Equal("500 ms", Durations.Format(TimeSpan.FromMilliseconds(500)));

    [Fact]
    public void Names_the_maximum() =>
        Assert.Equal("TimeSpan.MaxValue", Durations.Format(TimeSpan.MaxValue));

    [Theory]
    [InlineData(5 * 60, "FromMinutes", 5)]
    [InlineData(90, "FromSeconds", 90)]
    [InlineData(2 * 3600, "FromMinutes", 120)]
    public void Factory_builds_the_value_exactly(int seconds, string method, long amount) =>
        Assert.Equal((method, amount), Durations.Factory(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Factory_falls_back_to_ticks() =>
        Assert.Equal(("FromTicks", 5_000_000L), Durations.Factory(TimeSpan.FromMilliseconds(500)));
}
