namespace Orchestrator.Workflows;

/// <summary>
/// How the inbox counts days for its due views: the organisation's time zone (so "today" is the same day for everyone)
/// and the first day of the week of the person's language (es-MX and en: Sunday).
/// </summary>
/// <param name="Zone">The time zone.</param>
/// <param name="FirstDayOfWeek">The first day of the week.</param>
public sealed record InboxCalendar(TimeZoneInfo Zone, DayOfWeek FirstDayOfWeek)
{
    /// <summary>The calendar of a time zone id and a culture (its <c>DateTimeFormat.FirstDayOfWeek</c>).</summary>
    /// <param name="timeZoneId">An IANA time zone id.</param>
    /// <param name="culture">The culture whose week to use.</param>
    /// <returns>The calendar.</returns>
    public static InboxCalendar Of(string timeZoneId, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return new InboxCalendar(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), culture.DateTimeFormat.FirstDayOfWeek);
    }

    /// <summary>The end of the day of <paramref name="now"/> in <see cref="Zone"/> (the next local midnight).</summary>
    /// <param name="now">An instant.</param>
    /// <returns>The instant the next day starts.</returns>
    public DateTimeOffset EndOfDay(DateTimeOffset now) => StartOf(LocalDate(now).AddDays(1));

    /// <summary>The end of the week of <paramref name="now"/> (the next local midnight that starts a week).</summary>
    /// <param name="now">An instant.</param>
    /// <returns>The instant the next week starts.</returns>
    public DateTimeOffset EndOfWeek(DateTimeOffset now)
    {
        var today = LocalDate(now);
        var intoWeek = ((int)today.DayOfWeek - (int)FirstDayOfWeek + 7) % 7;
        return StartOf(today.AddDays(7 - intoWeek));
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant a local date starts (its first valid local time, for zones whose midnight is skipped by a change of offset).</summary>
    private DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
