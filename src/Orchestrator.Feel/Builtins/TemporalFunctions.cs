using System.Globalization;
using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Builtins.Signature;

namespace Orchestrator.Feel.Builtins;

/// <summary>Temporal functions (DMN 1.5 §10.3.4.7 and <c>is</c> of §10.3.4.1).</summary>
internal static class TemporalFunctions
{
    public static IEnumerable<Builtin> All() =>
    [
        new("now", Of(), (a, s) => s.Now(), pure: false),
        new("today", Of(), (a, s) => new FeelDate(DateOnly.FromDateTime(s.Now().LocalDateTime)), pure: false),
        new("day of year", Of("date"), (a, s) => Day(a[0], s, "day of year", d => new FeelNumber(d.DayOfYear))),
        new("day of week", Of("date"), (a, s) => Day(a[0], s, "day of week", d => new FeelString(d.DayOfWeek.ToString()))),
        new("month of year", Of("date"), (a, s) => Day(a[0], s, "month of year", d => new FeelString(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month)))),
        new("week of year", Of("date"), (a, s) => Day(a[0], s, "week of year", d => new FeelNumber(ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue))))),
        new("is", Of("value1", "value2"), Is),
    ];

    private static FeelValue Day(FeelValue v, EvalState s, string name, Func<DateOnly, FeelValue> f) => v switch
    {
        FeelDate d => f(d.Value),
        FeelDateTime dt => f(DateOnly.FromDateTime(dt.LocalDateTime)),
        FeelNull => FeelNull.Instance,
        _ => Args.Bad(s, name, "date", "a date or date and time", v),
    };

    /// <summary>Identity of values: same kind and value, and for temporal values the same offset or zone too.</summary>
    private static FeelBoolean Is(FeelValue[] a, EvalState s)
    {
        var x = a[0];
        var y = a[1];
        if (x.Kind != y.Kind)
        {
            return FeelBoolean.False;
        }

        return FeelBoolean.Of(x switch
        {
            FeelDateTime p when y is FeelDateTime q => p.LocalDateTime == q.LocalDateTime && p.Cycles == q.Cycles && p.Offset == q.Offset && p.Zone == q.Zone,
            FeelTime p when y is FeelTime q => p.TimeOfDay == q.TimeOfDay && p.Offset == q.Offset && p.Zone == q.Zone,
            _ => FeelComparer.AreEqual(x, y) == true,
        });
    }
}
