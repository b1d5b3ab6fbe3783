using System.Globalization;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Syntax;
using Orchestrator.Feel.Temporal;
using static Orchestrator.Feel.Builtins.Signature;

namespace Orchestrator.Feel.Builtins;

/// <summary>Conversion functions (DMN 1.5 §10.3.4.1, table 70).</summary>
internal static class ConversionFunctions
{
    public static IEnumerable<Builtin> All() =>
    [
        new("date", [Of("from"), Of("year", "month", "day")], Date),
        new("date and time", [Of("from"), Of("date", "time")], DateAndTime),
        new("time", [Of("from"), Of("hour", "minute", "second", "offset?")], Time),
        new("number", Of("from", "grouping separator?", "decimal separator?"), Number),
        new("string", Of("from"), (a, s) => a[0].IsNull ? FeelNull.Instance : new FeelString(a[0].ToString())),
        new("duration", Of("from"), Duration),
        new("years and months duration", Of("from", "to"), YearsAndMonths),
        new("context", Of("entries"), Context),
        new("range", Of("from"), Range),
    ];

    private static FeelValue Date(FeelValue[] a, EvalState s)
    {
        if (a.Length == 3)
        {
            if (!Args.Integer(a[0], out var y) || !Args.Integer(a[1], out var m) || !Args.Integer(a[2], out var d))
            {
                return s.Warn("date: year, month and day must be integers");
            }

            return Eras.Date(y, m, d) ?? (FeelValue)s.Warn($"date: {y}-{m}-{d} is not a valid date (years -999999999 to 999999999)");
        }

        return a[0] switch
        {
            FeelString str => TemporalParser.ParseDate(str.Value)
                ?? (TemporalParser.ParseDateTime(str.Value) is { } dt ? DateOf(dt) : s.Warn($"date: '{str.Value}' is not a date (YYYY-MM-DD)")),
            FeelDate d => d,
            FeelDateTime dt => DateOf(dt),
            FeelNull => FeelNull.Instance,
            var other => Args.Bad(s, "date", "from", "a string, date or date and time", other),
        };
    }

    /// <summary>The date of a date and time (its wall-clock date), with its year.</summary>
    private static FeelValue DateOf(FeelDateTime dt) => (FeelValue?)Eras.Date(DateOnly.FromDateTime(dt.LocalDateTime), dt.Cycles) ?? FeelNull.Instance;

    private static FeelValue DateAndTime(FeelValue[] a, EvalState s)
    {
        if (a.Length == 2)
        {
            var (day, cycles) = a[0] switch
            {
                FeelDate d => ((DateOnly?)d.Value, d.Cycles),
                FeelDateTime dt => (DateOnly.FromDateTime(dt.LocalDateTime), dt.Cycles),
                _ => (null, 0L),
            };
            if (day is null || a[1] is not FeelTime t)
            {
                return a[0].IsNull || a[1].IsNull ? FeelNull.Instance : s.Warn("date and time: expects a date (or date and time) and a time");
            }

            var local = day.Value.ToDateTime(TimeOnly.MinValue).Add(t.TimeOfDay);
            var held = t.Zone is not null && Zones.TryFind(t.Zone, out var zone)
                ? FeelDateTime.InZone(local, zone, t.Zone)
                : t.Offset is { } o ? FeelDateTime.WithOffset(local, o) : FeelDateTime.Local(local);
            return cycles == 0 ? held : (FeelValue?)held.InCycles(cycles) ?? FeelNull.Instance;
        }

        return a[0] switch
        {
            FeelString str => Cut(TemporalParser.ParseDateTime(str.Value), str.Value, "date and time", s) ?? s.Warn($"date and time: '{str.Value}' is not a date and time (YYYY-MM-DDThh:mm:ss with an optional offset or @zone)"),
            FeelDateTime dt => dt,
            FeelDate d => (FeelValue?)FeelDateTime.Local(d.Value.ToDateTime(TimeOnly.MinValue)).InCycles(d.Cycles) ?? FeelNull.Instance,
            FeelNull => FeelNull.Instance,
            var other => Args.Bad(s, "date and time", "from", "a string", other),
        };
    }

    private static FeelValue Time(FeelValue[] a, EvalState s)
    {
        if (a.Length >= 3)
        {
            if (!Args.Integer(a[0], out var h) || !Args.Integer(a[1], out var m) || !Args.Number(a[2], out var sec))
            {
                return s.Warn("time: hour and minute must be integers and second a number");
            }

            if (h is < 0 or > 23 || m is < 0 or > 59 || sec < 0 || sec >= 60)
            {
                return s.Warn($"time: {h}:{m}:{sec} is not a valid time");
            }

            TimeSpan? offset = null;
            if (a.Length == 4 && !a[3].IsNull)
            {
                if (a[3] is not FeelDaysTimeDuration d || d.Value.Duration() > TimeSpan.FromHours(18))
                {
                    return Args.Bad(s, "time", "offset", "a days and time duration of at most 18 hours", a[3]);
                }

                offset = d.Value;
            }

            var tod = new TimeSpan((h * TimeSpan.TicksPerHour) + (m * TimeSpan.TicksPerMinute) + (long)(sec * TimeSpan.TicksPerSecond));
            return new FeelTime(tod, offset, null);
        }

        return a[0] switch
        {
            FeelString str => Cut(TemporalParser.ParseTime(str.Value), str.Value, "time", s) ?? s.Warn($"time: '{str.Value}' is not a time (hh:mm:ss with an optional offset or @zone)"),
            FeelTime t => t,
            FeelDateTime dt => new FeelTime(dt.LocalDateTime.TimeOfDay, dt.Zone is null ? dt.Offset : null, dt.Zone),
            FeelDate => new FeelTime(TimeSpan.Zero, TimeSpan.Zero, null),
            FeelNull => FeelNull.Instance,
            var other => Args.Bad(s, "time", "from", "a string, time, date or date and time", other),
        };
    }

    private static FeelValue Number(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelString str)
        {
            return a[0].IsNull ? FeelNull.Instance : Args.Bad(s, "number", "from", "a string", a[0]);
        }

        var group = a.Length > 1 ? a[1] : FeelNull.Instance;
        var dec = a.Length > 2 ? a[2] : FeelNull.Instance;
        if (group is not (FeelNull or FeelString { Value: " " or "," or "." }))
        {
            return s.Warn("number: the grouping separator must be ' ', ',', '.' or null");
        }

        if (dec is not (FeelNull or FeelString { Value: "." or "," }))
        {
            return s.Warn("number: the decimal separator must be '.', ',' or null");
        }

        var g = (group as FeelString)?.Value;
        var d = (dec as FeelString)?.Value;
        if (g is not null && g == d)
        {
            return s.Warn("number: the grouping and decimal separators must differ");
        }

        var text = str.Value;
        if (g is not null)
        {
            text = text.Replace(g, string.Empty, StringComparison.Ordinal);
        }

        if (d is not null && d != ".")
        {
            if (text.Contains('.', StringComparison.Ordinal))
            {
                return s.Warn($"number: '{str.Value}' is not a number with these separators");
            }

            text = text.Replace(d, ".", StringComparison.Ordinal);
        }

        return text.Length > 0 && text.Trim() == text && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            ? new FeelNumber(value)
            : s.Warn($"number: '{str.Value}' is not a number");
    }

    /// <summary>A parsed value whose text had digits below 100 ns: kept, cut to 100 ns, with a warning that says so.</summary>
    private static FeelValue? Cut(FeelValue? value, string text, string function, EvalState s)
    {
        if (value is not null && TemporalParser.CutsBelowTicks(text))
        {
            s.Warn($"{function}: '{text}' has fractions of a second below 100 ns, which are cut ({value})");
        }

        return value;
    }

    private static FeelValue Duration(FeelValue[] a, EvalState s) => a[0] switch
    {
        FeelString str => Cut(TemporalParser.ParseDuration(str.Value), str.Value, "duration", s) ?? s.Warn($"duration: '{str.Value}' is not a duration (for example P1DT2H or P1Y2M)"),
        FeelDaysTimeDuration or FeelYearsMonthsDuration => a[0],
        FeelNull => FeelNull.Instance,
        var other => Args.Bad(s, "duration", "from", "a string", other),
    };

    private static FeelValue YearsAndMonths(FeelValue[] a, EvalState s)
    {
        // Whole months between the calendar dates; a date and time counts by its own date (its time
        // and offset do not matter), as DMN TCK 1121 expects (2014-12-31T23:59:59 to 2016-12-31T00:00:01 is P2Y).
        static (DateTime Held, long Cycles)? Point(FeelValue v) => v switch
        {
            FeelDate d => (d.Value.ToDateTime(TimeOnly.MinValue), d.Cycles),
            FeelDateTime dt => (dt.LocalDateTime.Date, dt.Cycles),
            _ => null,
        };

        var from = Point(a[0]);
        var to = Point(a[1]);
        if (from is null || to is null)
        {
            return a[0].IsNull || a[1].IsNull ? FeelNull.Instance : s.Warn("years and months duration: from and to must be dates or dates and times");
        }

        var months = TemporalMath.MonthsBetween(from.Value.Held, from.Value.Cycles, to.Value.Held, to.Value.Cycles);
        return months is < int.MinValue or > int.MaxValue ? s.Warn("years and months duration: the result is outside the range") : new FeelYearsMonthsDuration((int)months);
    }

    private static FeelValue Context(FeelValue[] a, EvalState s)
    {
        var list = Args.List(a[0]);
        if (list is null)
        {
            return FeelNull.Instance;
        }

        var keys = new List<string>();
        var values = new List<FeelValue>();
        foreach (var item in list.Items)
        {
            if (item is not FeelContext c || c["key"] is not FeelString key || !c.ContainsKey("value"))
            {
                return s.Warn("context: each entry must be a context with a string 'key' and a 'value'");
            }

            if (keys.Contains(key.Value))
            {
                return s.Warn($"context: the key '{key.Value}' appears twice");
            }

            keys.Add(key.Value);
            values.Add(c["value"]);
        }

        return FeelContext.Wrap([.. keys], [.. values]);
    }

    private static FeelValue Range(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelString str)
        {
            return a[0].IsNull ? FeelNull.Instance : Args.Bad(s, "range", "from", "a string", a[0]);
        }

        if (!IsRangeLiteral(str.Value))
        {
            return s.Warn($"range: '{str.Value}' is not a range literal such as \"[1..10]\" (endpoints are literals)");
        }

        var parsed = Parser.Parse(str.Value, false, s.Limits);
        return parsed.Expression is Literal { Value: FeelRange r }
            ? r
            : s.Warn($"range: '{str.Value}' is not a range literal such as \"[1..10]\"");
    }

    /// <summary>
    /// DMN 1.5 table 76, range(from): the string is an interval literal, <c>[a..b]</c> with the other
    /// bracket forms, whose endpoints are literals: numbers, strings, <c>@"..."</c>, or
    /// <c>date("...")</c>, <c>time("...")</c>, <c>date and time("...")</c>, <c>duration("...")</c>
    /// of one string (DMN TCK 1156: no <c>&gt;= 10</c>, no <c>date(string(...))</c>).
    /// </summary>
    private static bool IsRangeLiteral(string text) => s_rangeLiteral.IsMatch(text);

    private const string Endpoint =
        """\s*(?:-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|@"(?:[^"\\]|\\.)*"|(?:date and time|date|time|duration)\s*\(\s*"(?:[^"\\]|\\.)*"\s*\))\s*""";

    private static readonly System.Text.RegularExpressions.Regex s_rangeLiteral = new(
        $"^\\s*[\\[\\(\\]]{Endpoint}\\.\\.{Endpoint}[\\]\\)\\[]\\s*$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));
}
