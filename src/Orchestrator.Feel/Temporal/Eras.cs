namespace Orchestrator.Feel.Temporal;

/// <summary>
/// Dates and date-times beyond the years 1-9999 of <see cref="DateOnly"/> and <see cref="DateTime"/>: the Gregorian
/// calendar repeats every 400 years (146,097 days, a whole number of weeks), so a year Y outside 1-9999 is held as the
/// year of the same position in 2000-2399 and a count of 400-year cycles. Values in 1-9999 always have 0 cycles, so
/// (cycles, held value) orders and compares every value as the real calendar does. Time zones of such values follow
/// the zone's rules of the held year (the rules of 2000-2399), not its local mean time of the past.
/// </summary>
internal static class Eras
{
    public const int CycleYears = 400;

    public const long CycleDays = 146_097;

    /// <summary>The held year and cycles of a real year.</summary>
    public static (int HeldYear, long Cycles) Split(long year)
    {
        if (year is >= 1 and <= 9999)
        {
            return ((int)year, 0);
        }

        var cycles = FloorDiv(year - 2000, CycleYears);
        return ((int)(year - (cycles * CycleYears)), cycles);
    }

    /// <summary>Whether the real year is one FEEL allows (-999,999,999 to 999,999,999).</summary>
    public static bool IsFeelYear(long year) => year is >= -999_999_999 and <= 999_999_999;

    /// <summary>A date of a real year, month and day, or null when there is no such day.</summary>
    public static FeelDate? Date(long year, int month, int day)
    {
        if (!IsFeelYear(year) || month is < 1 or > 12 || day < 1)
        {
            return null;
        }

        var (held, cycles) = Split(year);
        return day > DateTime.DaysInMonth(held, month) ? null : new FeelDate(new DateOnly(held, month, day)) { Cycles = cycles };
    }

    /// <summary>The date a held date and its cycles stand for, held canonically (0 cycles within 1-9999).</summary>
    public static FeelDate? Date(DateOnly held, long cycles) =>
        cycles == 0 ? new FeelDate(held) : Date(held.Year + (cycles * CycleYears), held.Month, held.Day);

    /// <summary>The same wall-clock value in canonical form (after arithmetic moved a held value across a year bound).</summary>
    public static (DateTime Held, long Cycles)? Normalize(DateTime held, long cycles)
    {
        if (cycles == 0)
        {
            return (held, 0);
        }

        var year = held.Year + (cycles * CycleYears);
        if (!IsFeelYear(year))
        {
            return null;
        }

        var (y, c) = Split(year);
        return (held.AddYears(y - held.Year), c);
    }

    /// <summary>
    /// A held value of 1-9999 moved to the same place in 2000-2399, with the cycles that undo it (not canonical: for
    /// arithmetic that would leave 1-9999, whose result <see cref="Normalize"/> makes canonical again).
    /// </summary>
    public static (DateTime Held, long Cycles) Working(DateTime value)
    {
        var cycles = FloorDiv(value.Year - 2000L, CycleYears);
        return (value.AddYears((int)(-cycles * CycleYears)), cycles);
    }

    /// <summary>The days from 0001-01-01 to the date (negative before it).</summary>
    public static long AbsoluteDay(FeelDate date) => date.Value.DayNumber + (date.Cycles * CycleDays);

    /// <summary>The date of an absolute day, or null beyond FEEL's years.</summary>
    public static FeelDate? FromAbsoluteDay(long day)
    {
        var cycles = FloorDiv(day - new DateOnly(2000, 1, 1).DayNumber, CycleDays);
        var held = DateOnly.FromDayNumber((int)(day - (cycles * CycleDays)));
        return Date(held, cycles);
    }

    /// <summary>The ticks from 0001-01-01T00:00 to a held value with cycles (decimal: far beyond <see cref="long"/>'s ticks).</summary>
    public static decimal Ticks(DateTime held, long cycles) => held.Ticks + ((decimal)cycles * CycleDays * TimeSpan.TicksPerDay);

    /// <summary>The real year of a held year and its cycles.</summary>
    public static long Year(int heldYear, long cycles) => heldYear + (cycles * CycleYears);

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}
