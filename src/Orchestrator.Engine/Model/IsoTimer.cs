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
