using System.Globalization;
using System.Text;

namespace Orchestrator.Feel.Temporal;

/// <summary>ISO 8601 / XML Schema text of temporal values, as FEEL's <c>string()</c> writes them.</summary>
internal static class TemporalFormat
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date; a year outside 1-9999 is written with its sign and at least four digits (<c>-2021-01-01</c>, <c>999999999-12-31</c>).</summary>
    public static string Date(FeelDate date) =>
        date.Cycles == 0 ? Date(date.Value) : Year(Eras.Year(date.Value.Year, date.Cycles)) + date.Value.ToString("-MM-dd", CultureInfo.InvariantCulture);

    private static string Year(long year) =>
        year < 0 ? "-" + (-year).ToString("0000", CultureInfo.InvariantCulture) : year.ToString("0000", CultureInfo.InvariantCulture);

    public static string Time(FeelTime time)
    {
        var sb = new StringBuilder(24);
        AppendTimeOfDay(sb, time.TimeOfDay);
        AppendSuffix(sb, time.Offset, time.Zone);
        return sb.ToString();
    }

    public static string DateTime(FeelDateTime value)
    {
        var sb = new StringBuilder(40);
        sb.Append(value.Cycles == 0
            ? value.LocalDateTime.ToString("yyyy-MM-dd'T'", CultureInfo.InvariantCulture)
            : Year(Eras.Year(value.LocalDateTime.Year, value.Cycles)) + value.LocalDateTime.ToString("-MM-dd'T'", CultureInfo.InvariantCulture));
        AppendTimeOfDay(sb, value.LocalDateTime.TimeOfDay);
        AppendSuffix(sb, value.Offset, value.Zone);
        return sb.ToString();
    }

    private static void AppendTimeOfDay(StringBuilder sb, TimeSpan t)
    {
        sb.Append(t.Hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(t.Minutes.ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(t.Seconds.ToString("00", CultureInfo.InvariantCulture));
        AppendFraction(sb, t.Ticks % TimeSpan.TicksPerSecond);
    }

    private static void AppendFraction(StringBuilder sb, long ticks)
    {
        if (ticks != 0)
        {
            sb.Append('.').Append(ticks.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
    }

    private static void AppendSuffix(StringBuilder sb, TimeSpan? offset, string? zone)
    {
        if (zone is not null)
        {
            sb.Append('@').Append(zone);
        }
        else if (offset is { } o)
        {
            sb.Append(Offset(o));
        }
    }

    public static string Offset(TimeSpan o)
    {
        if (o == TimeSpan.Zero)
        {
            return "Z";
        }

        var abs = o.Duration();
        var text = (o < TimeSpan.Zero ? "-" : "+") + abs.Hours.ToString("00", CultureInfo.InvariantCulture) + ":" + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
        return abs.Seconds != 0 ? text + ":" + abs.Seconds.ToString("00", CultureInfo.InvariantCulture) : text;
    }

    /// <summary>Canonical days-and-time duration: <c>P1DT2H3M4.5S</c>, <c>PT0S</c> for zero, <c>-</c> in front when negative.</summary>
    public static string Duration(TimeSpan d)
    {
        if (d == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var sb = new StringBuilder(24);
        // TimeSpan.MinValue has no positive counterpart; go through decimal ticks.
        decimal ticks = d.Ticks;
        if (ticks < 0)
        {
            sb.Append('-');
            ticks = -ticks;
        }

        sb.Append('P');
        var days = decimal.Truncate(ticks / TimeSpan.TicksPerDay);
        ticks -= days * TimeSpan.TicksPerDay;
        var hours = decimal.Truncate(ticks / TimeSpan.TicksPerHour);
        ticks -= hours * TimeSpan.TicksPerHour;
        var minutes = decimal.Truncate(ticks / TimeSpan.TicksPerMinute);
        ticks -= minutes * TimeSpan.TicksPerMinute;
        var seconds = decimal.Truncate(ticks / TimeSpan.TicksPerSecond);
        var fraction = (long)(ticks - (seconds * TimeSpan.TicksPerSecond));
        if (days != 0)
        {
            sb.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (hours != 0 || minutes != 0 || seconds != 0 || fraction != 0)
        {
            sb.Append('T');
            if (hours != 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes != 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (seconds != 0 || fraction != 0)
            {
                sb.Append(seconds.ToString(CultureInfo.InvariantCulture));
                AppendFraction(sb, fraction);
                sb.Append('S');
            }
        }

        return sb.ToString();
    }

    /// <summary>Canonical years-and-months duration: <c>P1Y2M</c>, <c>P0M</c> for zero.</summary>
    public static string Duration(int totalMonths)
    {
        if (totalMonths == 0)
        {
            return "P0M";
        }

        long m = totalMonths;
        var sign = m < 0 ? "-" : string.Empty;
        m = Math.Abs(m);
        var years = m / 12;
        var months = m % 12;
        var text = sign + "P";
        if (years != 0)
        {
            text += years.ToString(CultureInfo.InvariantCulture) + "Y";
        }

        if (months != 0)
        {
            text += months.ToString(CultureInfo.InvariantCulture) + "M";
        }

        return text;
    }
}
