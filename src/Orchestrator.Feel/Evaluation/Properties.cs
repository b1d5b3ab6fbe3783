using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Evaluation;

/// <summary>Path expressions: context entries, temporal and range properties, mapping over lists.</summary>
internal static class Properties
{
    public static FeelValue Get(FeelValue target, string name, EvalState s)
    {
        switch (target)
        {
            case FeelNull:
                return FeelNull.Instance;
            case FeelContext c:
                return c.TryGetValue(name, out var v) ? v : FeelNull.Instance;
            case FeelList l:
                var mapped = new FeelValue[l.Count];
                s.Charge(l.Count);
                for (var i = 0; i < mapped.Length; i++)
                {
                    mapped[i] = Get(l[i], name, s);
                }

                return FeelList.Wrap(mapped);
            default:
                return Property(target, name) ?? s.Warn($"{Operators.TypeName(target)} has no property '{name}'");
        }
    }

    private static FeelValue? Property(FeelValue v, string name) => v switch
    {
        FeelDate d => name switch
        {
            "year" => N(d.Year),
            "month" => N(d.Value.Month),
            "day" => N(d.Value.Day),
            "weekday" => N(Weekday(d.Value.DayOfWeek)),
            _ => null,
        },
        FeelDateTime dt => name switch
        {
            "year" => N(dt.Year),
            "month" => N(dt.LocalDateTime.Month),
            "day" => N(dt.LocalDateTime.Day),
            "weekday" => N(Weekday(dt.LocalDateTime.DayOfWeek)),
            "hour" => N(dt.LocalDateTime.Hour),
            "minute" => N(dt.LocalDateTime.Minute),
            "second" => N(dt.LocalDateTime.Second),
            "time offset" => dt.Offset is { } o ? new FeelDaysTimeDuration(o) : FeelNull.Instance,
            "timezone" => dt.Zone is { } z ? new FeelString(z) : FeelNull.Instance,
            _ => null,
        },
        FeelTime t => name switch
        {
            "hour" => N(t.TimeOfDay.Hours),
            "minute" => N(t.TimeOfDay.Minutes),
            "second" => N(t.TimeOfDay.Seconds),
            "time offset" => t.Offset is { } o ? new FeelDaysTimeDuration(o) : FeelNull.Instance,
            "timezone" => t.Zone is { } z ? new FeelString(z) : FeelNull.Instance,
            _ => null,
        },
        FeelDaysTimeDuration d => name switch
        {
            "days" => N(d.Value.Days),
            "hours" => N(d.Value.Hours),
            "minutes" => N(d.Value.Minutes),
            "seconds" => N(d.Value.Seconds),
            _ => null,
        },
        FeelYearsMonthsDuration y => name switch
        {
            "years" => N(y.TotalMonths / 12),
            "months" => N(y.TotalMonths % 12),
            _ => null,
        },
        FeelRange r => name switch
        {
            "start" => r.Start,
            "end" => r.End,
            "start included" => FeelBoolean.Of(r.StartIncluded),
            "end included" => FeelBoolean.Of(r.EndIncluded),
            _ => null,
        },
        _ => null,
    };

    private static FeelNumber N(int i) => new(i);

    /// <summary>ISO weekday: Monday 1 … Sunday 7.</summary>
    public static int Weekday(DayOfWeek d) => d == DayOfWeek.Sunday ? 7 : (int)d;

    public static TimeSpan Wrap(TimeSpan t) => TemporalMath.WrapDay(t);
}
