using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Engine.Model;

/// <summary>
/// ISO 8601 timer values as BPMN timers write them when they are not FEEL: a date-time
/// (<c>2026-01-31T09:00:00Z</c>), a duration (<c>P45D</c>, <c>PT24H</c>, <c>P1Y2M</c>) or a repeating
/// interval (<c>R/P14D</c>, <c>R3/PT24H</c>, <c>R3/2026-01-01T09:00:00Z/P1D</c>, <c>R/P1D/2026-12-31T00:00:00Z</c>).
/// Used by the validator to check literal timers and by the runtime to schedule them.
/// </summary>
public static partial class IsoTimer
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    private static readonly string[] DurationGroups = ["y", "mo", "w", "d", "h", "mi", "s"];

    [GeneratedRegex(@"^P(?:(?<y>\d{1,6})Y)?(?:(?<mo>\d{1,6})M)?(?:(?<w>\d{1,6})W)?(?:(?<d>\d{1,7})D)?(?:T(?:(?<h>\d{1,8})H)?(?:(?<mi>\d{1,9})M)?(?:(?<s>\d{1,10}(?:[.,]\d{1,9})?)S)?)?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DurationPattern();

    /// <summary>
    /// Parses an ISO 8601 duration such as <c>P45D</c>, <c>PT24H</c>, <c>P1Y2M3DT4H5M6.5S</c> or <c>P2W</c>.
    /// Negative durations are refused.
    /// </summary>
    /// <param name="text">The text (surrounding white space is ignored).</param>
    /// <param name="duration">The duration when the text is valid.</param>
    /// <returns>Whether the text is a valid duration.</returns>
    public static bool TryParseDuration(string? text, out IsoDuration duration)
    {
        duration = default;
        if (text is null)
        {
            return false;
        }

        var t = text.Trim();
        if (t.Length < 2 || t.Length > 100 || t.EndsWith('T'))
        {
            return false;
        }

        Match m;
        try
        {
            m = DurationPattern().Match(t);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }

        if (!m.Success)
        {
            return false;
        }

        static int Int(Group g) => g.Success ? int.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        static long Long(Group g) => g.Success ? long.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

        var anyPart = DurationGroups.Any(g => m.Groups[g].Success);
        if (!anyPart)
        {
            return false;
        }

        try
        {
            var seconds = m.Groups["s"].Success ? decimal.Parse(m.Groups["s"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;
            var time = TimeSpan.FromHours(Long(m.Groups["h"])) + TimeSpan.FromMinutes(Long(m.Groups["mi"])) + TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
            duration = new IsoDuration(Int(m.Groups["y"]), Int(m.Groups["mo"]), checked((Int(m.Groups["w"]) * 7) + Int(m.Groups["d"])), time);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>
    /// Parses an ISO 8601 date-time (<c>2026-01-31T09:00:00Z</c>, <c>2026-01-31T09:00:00+01:00</c>) or a date
    /// (<c>2026-01-31</c>, midnight). A value without an offset is taken as UTC.
    /// </summary>
    /// <param name="text">The text (surrounding white space is ignored).</param>
    /// <param name="value">The instant when the text is valid.</param>
    /// <returns>Whether the text is a valid date-time.</returns>
    public static bool TryParseDateTime(string? text, out DateTimeOffset value) => TryParseDateTime(text, null, out value);

    /// <summary>
    /// Parses an ISO 8601 date-time or date; a value without an offset is wall-clock time in <paramref name="zone"/>
    /// (its offset on that date, daylight saving time included), or UTC when <paramref name="zone"/> is <c>null</c>.
    /// </summary>
    /// <param name="text">The text (surrounding white space is ignored).</param>
    /// <param name="zone">The zone of values written without an offset; <c>null</c> for UTC.</param>
    /// <param name="value">The instant when the text is valid.</param>
    /// <returns>Whether the text is a valid date-time.</returns>
    public static bool TryParseDateTime(string? text, TimeZoneInfo? zone, out DateTimeOffset value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var t = text.Trim();
        if (!DateTimeOffset.TryParseExact(t, DateTimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return false;
        }

        if (zone is not null && !HasOffset(t))
        {
            value = InZone(value.UtcDateTime, zone);
        }

        return true;
    }

    /// <summary>
    /// The instant of a wall-clock date and time in a zone. A time skipped by a daylight saving change moves forward
    /// by the gap; one that happens twice takes the earlier instant (as java.time and the FEEL library do).
    /// </summary>
    /// <param name="local">The wall-clock value (its kind is ignored).</param>
    /// <param name="zone">The zone.</param>
    public static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return Orchestrator.Feel.FeelDateTime.InZone(wall, zone, zone.Id).Instant!.Value;
    }

    /// <summary>
    /// Reads a date-time as FEEL writes one with a zone id, <c>2029-01-03T12:19:11@America/Mexico_City</c> (the engine's
    /// clock does: <c>now()</c>, <c>date and time(…)</c>), as the instant it names.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="instant">The instant, when the text is such a value.</param>
    /// <returns>Whether it was: a wall-clock date-time without offset, <c>@</c>, and a zone id this system knows.</returns>
    public static bool TryParseZoned(string? text, out DateTimeOffset instant)
    {
        instant = default;
        var at = text?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (at <= 0
            || !DateTime.TryParse(text.AsSpan(0, at), CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Kind != DateTimeKind.Unspecified
            || !TimeZoneInfo.TryFindSystemTimeZoneById(text![(at + 1)..], out var zone))
        {
            return false;
        }

        instant = InZone(local, zone);
        return true;
    }

    /// <summary>Whether a date-time text carries its own offset (<c>Z</c>, <c>+01:00</c>, <c>-0500</c>); a date never does.</summary>
    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
        {
            return false;
        }

        var time = text.AsSpan(t + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.Contains('+') || time.Contains('-');
    }

    /// <summary>
    /// Parses an ISO 8601 repeating interval: <c>R[n]/duration</c>, <c>R[n]/start/duration</c> or
    /// <c>R[n]/duration/end</c>. Without <c>n</c> (<c>R/P14D</c>) it repeats forever.
    /// </summary>
    /// <param name="text">The text (surrounding white space is ignored).</param>
    /// <param name="cycle">The cycle when the text is valid.</param>
    /// <returns>Whether the text is a valid cycle.</returns>
    public static bool TryParseCycle(string? text, out IsoCycle cycle) => TryParseCycle(text, null, out cycle);

    /// <summary>
    /// Parses an ISO 8601 repeating interval; a start or end without an offset is wall-clock time in <paramref name="zone"/>
    /// (UTC when <c>null</c>).
    /// </summary>
    /// <param name="text">The text (surrounding white space is ignored).</param>
    /// <param name="zone">The zone of dates written without an offset; <c>null</c> for UTC.</param>
    /// <param name="cycle">The cycle when the text is valid.</param>
    /// <returns>Whether the text is a valid cycle.</returns>
    public static bool TryParseCycle(string? text, TimeZoneInfo? zone, out IsoCycle cycle)
    {
        cycle = null!;
        if (text is null)
        {
            return false;
        }

        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[0][0] != 'R')
        {
            return false;
        }

        int? repetitions = null;
        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }

            repetitions = n;
        }

        IsoDuration interval;
        if (parts.Length == 2)
        {
            if (!TryParseDuration(parts[1], out interval) || interval.IsZero)
            {
                return false;
            }

            cycle = new IsoCycle(repetitions, null, interval, null);
            return true;
        }

        if (TryParseDateTime(parts[1], zone, out var start) && TryParseDuration(parts[2], out interval) && !interval.IsZero)
        {
            cycle = new IsoCycle(repetitions, start, interval, null);
            return true;
        }

        if (TryParseDuration(parts[1], out interval) && !interval.IsZero && TryParseDateTime(parts[2], zone, out var end))
        {
            cycle = new IsoCycle(repetitions, null, interval, end);
            return true;
        }

        return false;
    }
}

/// <summary>An ISO 8601 duration: calendar years, months and days, and an exact time of day part.</summary>
/// <param name="Years">Calendar years.</param>
/// <param name="Months">Calendar months.</param>
/// <param name="Days">Calendar days (weeks are counted as 7 days).</param>
/// <param name="Time">Hours, minutes and seconds.</param>
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    /// <summary>Whether every part is zero (<c>PT0S</c>).</summary>
    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>
    /// Adds the duration to an instant: years, then months, then days (calendar arithmetic), then the time
    /// part. A result beyond the year 9999 is <see cref="DateTimeOffset.MaxValue"/> (a timer that never fires), not an exception.
    /// </summary>
    /// <param name="instant">The instant to start from.</param>
    /// <returns>The instant the duration later.</returns>
    public DateTimeOffset AddTo(DateTimeOffset instant)
    {
        try
        {
            return instant.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.MaxValue;
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var date = (Years > 0 ? $"{Years}Y" : string.Empty) + (Months > 0 ? $"{Months}M" : string.Empty) + (Days > 0 ? $"{Days}D" : string.Empty);
        var whole = (long)Time.TotalHours;
        var time = (whole > 0 ? $"{whole}H" : string.Empty) + (Time.Minutes > 0 ? $"{Time.Minutes}M" : string.Empty)
            + (Time.Seconds > 0 || Time.Milliseconds > 0 ? $"{(Time.Seconds + (Time.Milliseconds / 1000m)).ToString(CultureInfo.InvariantCulture)}S" : string.Empty);
        return "P" + date + (time.Length > 0 ? "T" + time : string.Empty) + (date.Length == 0 && time.Length == 0 ? "T0S" : string.Empty);
    }
}

/// <summary>
/// An ISO 8601 repeating interval, as a timer cycle. With a <see cref="Start"/>, occurrences are
/// <c>Start</c>, <c>Start + Interval</c>, … (<see cref="Repetitions"/> of them); a timer created after
/// some of them only fires the ones still to come, like Camunda. Without one, the first occurrence is
/// one interval after the timer is created. Nothing falls due after <see cref="End"/>.
/// </summary>
/// <param name="Repetitions">How many times the timer fires in all; <c>null</c> repeats forever.</param>
/// <param name="Start">When the first occurrence falls due; <c>null</c> means one interval after the timer is created.</param>
/// <param name="Interval">The time between occurrences.</param>
/// <param name="End">No occurrence after this instant (the <c>R/duration/end</c> form); <c>null</c> for no end.</param>
public sealed record IsoCycle(int? Repetitions, DateTimeOffset? Start, IsoDuration Interval, DateTimeOffset? End)
{
    /// <summary>The first due instant for a timer created at <paramref name="created"/>; <c>null</c> when it never fires (<c>R0</c>, or every occurrence is past or after the end).</summary>
    /// <param name="created">When the timer was created (the element was entered, the process deployed).</param>
    /// <returns>The first due instant, or <c>null</c>.</returns>
    public DateTimeOffset? FirstDue(DateTimeOffset created)
    {
        if (Repetitions == 0)
        {
            return null;
        }

        DateTimeOffset due;
        if (Start is { } start)
        {
            if (FirstAtOrAfter(start, created) is not { } first || (Repetitions is { } n && first.Index >= n))
            {
                return null;
            }

            due = first.Due;
        }
        else if (Add(created) is { } next)
        {
            due = next;
        }
        else
        {
            return null;
        }

        return End is { } end && due > end ? null : due;
    }

    /// <summary>The occurrence after one that fell due; <c>null</c> when the cycle is over.</summary>
    /// <param name="previousDue">When the previous occurrence fell due.</param>
    /// <param name="firedSoFar">How many occurrences have fallen due, the previous one included (used when there is no <see cref="Start"/>; with one, the position in the schedule counts).</param>
    /// <returns>The next due instant, or <c>null</c>.</returns>
    public DateTimeOffset? NextDue(DateTimeOffset previousDue, int firedSoFar)
    {
        if (Repetitions is { } n)
        {
            long done = firedSoFar;
            if (Start is { } start && FirstAtOrAfter(start, previousDue) is { } position)
            {
                done = position.Index + 1;
            }

            if (done >= n)
            {
                return null;
            }
        }

        return Add(previousDue) is { } due && !(End is { } end && due > end) ? due : null;
    }

    /// <summary>Every due instant in order, for a timer created at <paramref name="created"/> (infinite for <c>R/…</c> without end).</summary>
    /// <param name="created">When the timer was created.</param>
    /// <returns>The due instants, lazily.</returns>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset created)
    {
        var due = FirstDue(created);
        var fired = 0;
        while (due is { } d)
        {
            yield return d;
            fired++;
            due = NextDue(d, fired);
        }
    }

    /// <summary>
    /// The cycle as ISO 8601 text with its start or end as an instant with its offset, so that reading it again
    /// gives the same schedule whatever default zone the reader uses.
    /// </summary>
    public override string ToString()
    {
        var r = "R" + (Repetitions is { } n ? n.ToString(CultureInfo.InvariantCulture) : string.Empty);
        static string At(DateTimeOffset d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        return Start is { } s ? $"{r}/{At(s)}/{Interval}"
            : End is { } e ? $"{r}/{Interval}/{At(e)}"
            : $"{r}/{Interval}";
    }

    private DateTimeOffset? Add(DateTimeOffset instant)
    {
        var next = Interval.AddTo(instant);
        return next == DateTimeOffset.MaxValue ? null : next; // beyond year 9999
    }

    /// <summary>The first occurrence of the schedule from <paramref name="start"/> at or after <paramref name="instant"/>, and its 0-based index.</summary>
    private (DateTimeOffset Due, long Index)? FirstAtOrAfter(DateTimeOffset start, DateTimeOffset instant)
    {
        if (instant <= start)
        {
            return (start, 0);
        }

        if (Interval.Years == 0 && Interval.Months == 0)
        {
            // Fixed length (days are 24 hours on the UTC time line): arithmetic, not a loop.
            var step = TimeSpan.FromDays(Interval.Days) + Interval.Time;
            var k = ((instant - start).Ticks + step.Ticks - 1) / step.Ticks;
            try
            {
                return (start + TimeSpan.FromTicks(checked(k * step.Ticks)), k);
            }
            catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        // Calendar months: at most twelve steps a year.
        var due = start;
        long index = 0;
        while (due < instant)
        {
            if (Add(due) is not { } next)
            {
                return null;
            }

            due = next;
            index++;
        }

        return (due, index);
    }
}
