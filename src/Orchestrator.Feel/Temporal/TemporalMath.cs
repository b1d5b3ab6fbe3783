namespace Orchestrator.Feel.Temporal;

/// <summary>Small helpers for calendar arithmetic that the operators and built-ins share.</summary>
internal static class TemporalMath
{
    public static TimeSpan WrapDay(TimeSpan t)
    {
        var ticks = t.Ticks % TimeSpan.TicksPerDay;
        if (ticks < 0)
        {
            ticks += TimeSpan.TicksPerDay;
        }

        return new TimeSpan(ticks);
    }

    /// <summary>Adds months, clamping the day to the month's end (Jan 31 + 1 month = Feb 28/29); null when out of range.</summary>
    public static DateTime? AddMonths(DateTime value, long months)
    {
        if (months is > 120_000 or < -120_000)
        {
            return null;
        }

        var total = ((value.Year - 1) * 12L) + (value.Month - 1) + months;
        if (total < 0 || total >= 9999 * 12)
        {
            return null;
        }

        return value.AddMonths((int)months);
    }

    public static DateTime? Add(DateTime value, TimeSpan d)
    {
        var ticks = (decimal)value.Ticks + d.Ticks;
        return ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks ? null : value.Add(d);
    }

    public static DateTimeOffset? Add(DateTimeOffset value, TimeSpan d)
    {
        var ticks = (decimal)value.UtcTicks + d.Ticks;
        var local = (decimal)value.Ticks + d.Ticks;
        return ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks || local < DateTime.MinValue.Ticks || local > DateTime.MaxValue.Ticks ? null : value.Add(d);
    }

    /// <summary>A number of ticks as a TimeSpan, or null when out of range.</summary>
    public static TimeSpan? Ticks(decimal ticks)
    {
        ticks = decimal.Round(ticks, 0, MidpointRounding.ToEven);
        return ticks < TimeSpan.MinValue.Ticks || ticks > TimeSpan.MaxValue.Ticks ? null : new TimeSpan((long)ticks);
    }

    /// <summary>Whole months from one date-time to another, as java.time's Period.between counts them (incomplete months do not count).</summary>
    public static long MonthsBetween(DateTime from, DateTime to) => MonthsBetween(from, 0, to, 0);

    /// <summary>The same, for held values of years outside 1-9999 (<see cref="Eras"/>): the real years count.</summary>
    public static long MonthsBetween(DateTime from, long fromCycles, DateTime to, long toCycles)
    {
        var months = ((Eras.Year(to.Year, toCycles) - Eras.Year(from.Year, fromCycles)) * 12L) + (to.Month - from.Month);
        var dayAndTime = (to.Day, to.TimeOfDay).CompareTo((from.Day, from.TimeOfDay));
        if (months > 0 && dayAndTime < 0)
        {
            months--;
        }
        else if (months < 0 && dayAndTime > 0)
        {
            months++;
        }

        return months;
    }
}
