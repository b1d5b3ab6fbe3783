namespace Orchestrator.Feel.Temporal;

/// <summary>
/// Hand-written parsers for the ISO 8601 / XML Schema forms FEEL accepts. They run on every
/// <c>date(x)</c> call of a hot condition, so they avoid regexes, substrings and exceptions.
/// </summary>
internal static class TemporalParser
{
    /// <summary><c>YYYY-MM-DD</c> (years 1-9999).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var y) || !Digits(s, 5, 2, out var m) || !Digits(s, 8, 2, out var d))
        {
            return false;
        }

        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>
    /// <c>[-]YYYY-MM-DD</c> with a year of 4 to 9 digits (FEEL's years -999,999,999 to 999,999,999); years outside
    /// 1-9999 are held as <see cref="Eras"/> says.
    /// </summary>
    public static FeelDate? ParseDate(ReadOnlySpan<char> s)
    {
        if (TryParseDate(s, out var plain))
        {
            return new FeelDate(plain);
        }

        var negative = s.Length > 0 && s[0] == '-';
        var body = negative ? s[1..] : s;
        var yearDigits = body.IndexOf('-');
        if (yearDigits is < 4 or > 9 || body.Length != yearDigits + 6 || body[yearDigits + 3] != '-'
            || (yearDigits > 4 && body[0] == '0'))
        {
            return null;
        }

        if (!Digits(body, 0, yearDigits, out var y) || !Digits(body, yearDigits + 1, 2, out var m) || !Digits(body, yearDigits + 4, 2, out var d))
        {
            return null;
        }

        return Eras.Date(negative ? -(long)y : y, m, d);
    }

    /// <summary><c>hh:mm[:ss[.fff]]</c> followed by nothing, <c>Z</c>, <c>±hh:mm</c> or <c>@Zone/Id</c>.</summary>
    public static FeelTime? ParseTime(ReadOnlySpan<char> s)
    {
        if (!TryTimeOfDay(s, out var tod, out var used))
        {
            return null;
        }

        if (!TrySuffix(s[used..], out var offset, out var zoneId, out _))
        {
            return null;
        }

        tod = TemporalMath.WrapDay(tod); // 24:00:00 is 00:00:00
        if (zoneId is not null)
        {
            return new FeelTime(tod, null, zoneId);
        }

        return new FeelTime(tod, offset, null);
    }

    /// <summary><c>YYYY-MM-DDThh:mm:ss[.fff][suffix]</c>; a bare date means its midnight (local).</summary>
    public static FeelDateTime? ParseDateTime(ReadOnlySpan<char> s)
    {
        // The date part ends at the T (a year may have more than four digits, or a sign).
        var t = s.IndexOf('T');
        if (t >= 0 && (t < 10 || !char.IsAsciiDigit(s[t - 1])))
        {
            return null;
        }

        if (ParseDate(t < 0 ? s : s[..t]) is not { } parsed)
        {
            return null;
        }

        if (parsed.Cycles != 0)
        {
            return ParseDateTime(s, t, parsed.Value) is { } held ? held.InCycles(parsed.Cycles) : null;
        }

        return ParseDateTime(s, t, parsed.Value);
    }

    private static FeelDateTime? ParseDateTime(ReadOnlySpan<char> s, int t, DateOnly date)
    {
        if (t < 0)
        {
            return FeelDateTime.Local(date.ToDateTime(TimeOnly.MinValue));
        }

        if (!TryTimeOfDay(s[(t + 1)..], out var tod, out var used))
        {
            return null;
        }

        if (tod.Ticks >= TimeSpan.TicksPerDay && date == DateOnly.MaxValue)
        {
            return null; // 9999-12-31T24:00:00 is beyond the supported years
        }

        var local = date.ToDateTime(TimeOnly.MinValue).Add(tod);
        if (!TrySuffix(s[(t + 1 + used)..], out var offset, out var zoneId, out var zone))
        {
            return null;
        }

        if (zoneId is not null)
        {
            return FeelDateTime.InZone(local, zone!, zoneId);
        }

        return offset is { } o ? FeelDateTime.WithOffset(local, o) : FeelDateTime.Local(local);
    }

    private static bool TryTimeOfDay(ReadOnlySpan<char> s, out TimeSpan tod, out int used)
    {
        tod = default;
        used = 0;
        if (s.Length < 5 || s[2] != ':' || !Digits(s, 0, 2, out var h) || !Digits(s, 3, 2, out var mi))
        {
            return false;
        }

        var sec = 0;
        long fraction = 0;
        used = 5;
        if (s.Length >= 8 && s[5] == ':')
        {
            if (!Digits(s, 6, 2, out sec))
            {
                return false;
            }

            used = 8;
            if (s.Length > 8 && s[8] == '.')
            {
                var i = 9;
                long scale = 1_000_000;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    fraction += (s[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }

                if (i == 9)
                {
                    return false;
                }

                used = i;
            }
        }

        // XSD allows 24:00:00 (and only that at hour 24): the midnight that ends the day.
        var endOfDay = h == 24 && mi == 0 && sec == 0 && fraction == 0;
        if ((h > 23 && !endOfDay) || mi > 59 || sec > 59)
        {
            return false;
        }

        tod = new TimeSpan((h * TimeSpan.TicksPerHour) + (mi * TimeSpan.TicksPerMinute) + (sec * TimeSpan.TicksPerSecond) + fraction);
        return true;
    }

    private static bool TrySuffix(ReadOnlySpan<char> s, out TimeSpan? offset, out string? zoneId, out TimeZoneInfo? zone)
    {
        offset = null;
        zoneId = null;
        zone = null;
        if (s.Length == 0)
        {
            return true;
        }

        if (s is "Z" || s is "z")
        {
            offset = TimeSpan.Zero;
            return true;
        }

        if (s[0] == '@')
        {
            var id = s[1..].ToString();
            if (!Zones.TryFind(id, out var found))
            {
                return false;
            }

            zoneId = id;
            zone = found;
            return true;
        }

        if (TryParseOffset(s, out var o))
        {
            offset = o;
            return true;
        }

        return false;
    }

    /// <summary><c>±hh:mm</c> or <c>±hh:mm:ss</c>, at most 18 hours.</summary>
    public static bool TryParseOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = default;
        if ((s.Length != 6 && s.Length != 9) || (s[0] != '+' && s[0] != '-') || s[3] != ':')
        {
            return false;
        }

        if (!Digits(s, 1, 2, out var h) || !Digits(s, 4, 2, out var m) || m > 59)
        {
            return false;
        }

        var sec = 0;
        if (s.Length == 9 && (s[6] != ':' || !Digits(s, 7, 2, out sec) || sec > 59))
        {
            return false;
        }

        var value = new TimeSpan(h, m, sec);
        if (value > TimeSpan.FromHours(18))
        {
            return false;
        }

        offset = s[0] == '-' ? -value : value;
        return true;
    }

    /// <summary>
    /// An XML Schema duration: <c>[-]P[nY][nM][nD][T[nH][nM][n[.n]S]]</c>. Years/months give a
    /// years-and-months duration, days/time a days-and-time one; both at once is not a FEEL value.
    /// </summary>
    public static FeelValue? ParseDuration(ReadOnlySpan<char> s)
    {
        var i = 0;
        var negative = false;
        if (i < s.Length && s[i] == '-')
        {
            negative = true;
            i++;
        }

        if (i >= s.Length || s[i] != 'P')
        {
            return null;
        }

        i++;
        decimal years = 0, months = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
        bool hasYm = false, hasDt = false, inTime = false, any = false;
        var order = 0; // designators must come in order: Y M D T H M S
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                if (inTime)
                {
                    return null;
                }

                inTime = true;
                order = Math.Max(order, 4);
                i++;
                if (i >= s.Length)
                {
                    return null;
                }

                continue;
            }

            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var hasFraction = false;
            if (i < s.Length && s[i] == '.')
            {
                hasFraction = true;
                i++;
                var fractionStart = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                // "PT0.S": a point with no digits after it (the DMN TCK reads it as PT0S).
            }

            if (i == start || i >= s.Length || i - start > 24 || (i - start == 1 && s[start] == '.'))
            {
                return null;
            }

            var number = decimal.Parse(s[start..i], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture);
            var designator = s[i++];
            int rank;
            switch (designator)
            {
                case 'Y' when !inTime: rank = 1; years = number; hasYm = true; break;
                case 'M' when !inTime: rank = 2; months = number; hasYm = true; break;
                case 'D' when !inTime: rank = 3; days = number; hasDt = true; break;
                case 'H' when inTime: rank = 5; hours = number; hasDt = true; break;
                case 'M' when inTime: rank = 6; minutes = number; hasDt = true; break;
                case 'S' when inTime: rank = 7; seconds = number; hasDt = true; break;
                default: return null;
            }

            if (rank <= order || (hasFraction && designator != 'S'))
            {
                return null;
            }

            order = rank;
            any = true;
        }

        if (!any || (hasYm && hasDt))
        {
            return null;
        }

        if (hasYm)
        {
            var total = years > int.MaxValue || months > int.MaxValue ? decimal.MaxValue : (years * 12) + months;
            if (total > int.MaxValue)
            {
                return null;
            }

            return new FeelYearsMonthsDuration((int)(negative ? -total : total));
        }

        decimal ticks;
        try
        {
            ticks = (days * TimeSpan.TicksPerDay) + (hours * TimeSpan.TicksPerHour) + (minutes * TimeSpan.TicksPerMinute) + (seconds * TimeSpan.TicksPerSecond);
        }
        catch (OverflowException)
        {
            return null;
        }

        // Fractions of a second below 100 ns (one tick) are cut, as for times: PT0.999999999S is PT0.9999999S, not PT1S.
        ticks = decimal.Truncate(ticks);
        var span = TemporalMath.Ticks(negative ? -ticks : ticks);
        return span is { } v ? new FeelDaysTimeDuration(v) : null;
    }

    /// <summary>
    /// Whether the text has a fraction of a second with a non-zero digit beyond the seventh: the values hold 100 ns
    /// ticks, so such digits are cut, and the conversion functions say so in a warning.
    /// </summary>
    public static bool CutsBelowTicks(ReadOnlySpan<char> s)
    {
        for (var i = s.IndexOf('.'); i >= 0 && i < s.Length; i++)
        {
            var digits = 0;
            var j = i + 1;
            while (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                if (++digits > 7 && s[j] != '0')
                {
                    return true;
                }

                j++;
            }

            var next = s[j..].IndexOf('.');
            if (next < 0)
            {
                return false;
            }

            i = j + next - 1;
        }

        return false;
    }

    /// <summary>The value of a temporal literal <c>@"..."</c>: a duration, date-time, date or time.</summary>
    public static FeelValue? ParseLiteral(string s)
    {
        if (s.Length > 0 && (s[0] == 'P' || (s[0] == '-' && s.Length > 1 && s[1] == 'P')))
        {
            return ParseDuration(s);
        }

        // A date and time has its T right after the date's digits (a zone id may hold a T too: @"23:00:50@Etc/GMT").
        var t = s.IndexOf('T', StringComparison.Ordinal);
        if (t >= 10 && char.IsAsciiDigit(s[t - 1]))
        {
            return ParseDateTime(s);
        }

        return (FeelValue?)ParseDate(s) ?? ParseTime(s);
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
