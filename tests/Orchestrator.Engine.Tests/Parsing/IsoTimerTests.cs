using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Tests.Parsing;

public class IsoTimerTests
{
    [Theory]
    [InlineData("P45D", 0, 0, 45, 0)]
    [InlineData("PT24H", 0, 0, 0, 24 * 3600)]
    [InlineData("P1Y2M3DT4H5M6S", 1, 2, 3, (4 * 3600) + (5 * 60) + 6)]
    [InlineData("P2W", 0, 0, 14, 0)]
    [InlineData("PT0.5S", 0, 0, 0, 0.5)]
    [InlineData(" PT90M ", 0, 0, 0, 5400)]
    public void Valid_durations(string text, int years, int months, int days, double seconds)
    {
        Assert.True(IsoTimer.TryParseDuration(text, out var d));
        Assert.Equal(new IsoDuration(years, months, days, TimeSpan.FromSeconds(seconds)), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("45D")]
    [InlineData("P1DT")]
    [InlineData("-P1D")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P99999999999D")]
    [InlineData("0 0 9 * * ?")]
    [InlineData(null)]
    public void Invalid_durations(string? text) => Assert.False(IsoTimer.TryParseDuration(text, out _));

    [Theory]
    [InlineData("2026-01-31T09:00:00Z", "2026-01-31T09:00:00+00:00")]
    [InlineData("2026-01-31T09:00:00+01:00", "2026-01-31T08:00:00+00:00")]
    [InlineData("2026-01-31T09:00:00.250Z", "2026-01-31T09:00:00.25+00:00")]
    [InlineData("2026-01-31T09:00", "2026-01-31T09:00:00+00:00")]
    [InlineData("2026-01-31", "2026-01-31T00:00:00+00:00")]
    public void Valid_date_times(string text, string expected)
    {
        Assert.True(IsoTimer.TryParseDateTime(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("31/01/2026")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("tomorrow")]
    [InlineData("P1D")]
    public void Invalid_date_times(string text) => Assert.False(IsoTimer.TryParseDateTime(text, out _));

    [Fact]
    public void Cycle_forever()
    {
        Assert.True(IsoTimer.TryParseCycle("R/P14D", out var cycle));
        Assert.Null(cycle.Repetitions);
        Assert.Null(cycle.Start);
        Assert.Equal(14, cycle.Interval.Days);
        var created = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal([created.AddDays(14), created.AddDays(28), created.AddDays(42)], cycle.Occurrences(created).Take(3));
    }

    [Fact]
    public void Cycle_with_repetitions()
    {
        Assert.True(IsoTimer.TryParseCycle("R3/PT24H", out var cycle));
        Assert.Equal(3, cycle.Repetitions);
        var created = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal([created.AddDays(1), created.AddDays(2), created.AddDays(3)], cycle.Occurrences(created));
        Assert.Null(cycle.NextDue(created.AddDays(3), 3));
    }

    [Fact]
    public void Cycle_with_start()
    {
        Assert.True(IsoTimer.TryParseCycle("R3/2026-01-01T09:00:00Z/P1D", out var cycle));
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(start, cycle.Start);
        Assert.Equal([start, start.AddDays(1), start.AddDays(2)], cycle.Occurrences(start.AddDays(-10)));
    }

    [Fact]
    public void Cycle_with_end()
    {
        Assert.True(IsoTimer.TryParseCycle("R/P1D/2026-01-03T00:00:00Z", out var cycle));
        var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([created.AddDays(1), created.AddDays(2)], cycle.Occurrences(created));
    }

    [Fact]
    public void Zero_repetitions_never_fire() =>
        Assert.True(IsoTimer.TryParseCycle("R0/P1D", out var cycle) && cycle.FirstDue(DateTimeOffset.UnixEpoch) is null);

    [Theory]
    [InlineData("P14D")]
    [InlineData("R")]
    [InlineData("R/")]
    [InlineData("Rx/P1D")]
    [InlineData("R/PT0S")]
    [InlineData("R3/2026-01-01T09:00:00Z")]
    [InlineData("R3/P1D/P2D")]
    [InlineData("0 0 9 * * ?")]
    [InlineData("R/P1D/2026-01-01T00:00:00Z/x")]
    public void Invalid_cycles(string text) => Assert.False(IsoTimer.TryParseCycle(text, out _));

    [Fact]
    public void Months_are_calendar_months()
    {
        Assert.True(IsoTimer.TryParseDuration("P1M", out var month));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero), month.AddTo(new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("P1M", month.ToString());
    }

    [Fact]
    public void Cycle_with_start_in_the_past_fires_only_what_is_still_to_come()
    {
        Assert.True(IsoTimer.TryParseCycle("R3/2026-01-01T09:00:00Z/P1D", out var cycle));
        var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal([start.AddDays(2)], cycle.Occurrences(start.AddHours(36)));
        Assert.Null(cycle.FirstDue(start.AddDays(5)));
        Assert.Null(cycle.NextDue(start.AddDays(2), 1));
    }

    [Fact]
    public void Weekly_cycle_forever_from_a_past_start_picks_the_next_slot()
    {
        Assert.True(IsoTimer.TryParseCycle("R/2026-01-05T09:00:00Z/P7D", out var cycle));
        var deployed = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero); // a Sunday
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), cycle.FirstDue(deployed));
    }

    [Fact]
    public void Monthly_cycle_from_a_past_start()
    {
        Assert.True(IsoTimer.TryParseCycle("R12/2026-01-15T08:00:00Z/P1M", out var cycle));
        var created = new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 8, 0, 0, TimeSpan.Zero), cycle.FirstDue(created));
        Assert.Equal(8, cycle.Occurrences(created).Count());
    }

    [Fact]
    public void Far_future_cycles_end_instead_of_overflowing()
    {
        Assert.True(IsoTimer.TryParseCycle("R/9999-12-01T00:00:00Z/P1M", out var cycle));
        Assert.Single(cycle.Occurrences(new DateTimeOffset(9999, 11, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Huge_durations_saturate_instead_of_throwing()
    {
        Assert.True(IsoTimer.TryParseDuration("P999999Y", out var d));
        Assert.Equal(DateTimeOffset.MaxValue, d.AddTo(DateTimeOffset.UnixEpoch));
    }
}
