namespace Orchestrator.Feel.Evaluation;

/// <summary>
/// FEEL equality and ordering. Both answer null ("not comparable") for values of different kinds
/// and for kinds without an order. A local date-time or time against one with an offset: ordering
/// gives the local one the other's offset (DMN 1.5 table 54); equality answers null (table 53 has
/// no such rule, and with it equality would stop being transitive, so no hash could agree with it).
/// </summary>
internal static class FeelComparer
{
    public static bool? AreEqual(FeelValue a, FeelValue b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Kind == FeelValueKind.Null || b.Kind == FeelValueKind.Null)
        {
            return a.Kind == b.Kind;
        }

        if (a.Kind != b.Kind)
        {
            return null;
        }

        switch (a)
        {
            case FeelBoolean:
                return false; // the two instances are cached: different references are different values
            case FeelNumber n:
                return n.Value == ((FeelNumber)b).Value;
            case FeelString s:
                return string.Equals(s.Value, ((FeelString)b).Value, StringComparison.Ordinal);
            case FeelList l:
                return ListsEqual(l, (FeelList)b);
            case FeelContext c:
                return ContextsEqual(c, (FeelContext)b);
            case FeelRange r:
                var o = (FeelRange)b;
                if (r.StartIncluded != o.StartIncluded || r.EndIncluded != o.EndIncluded || !string.Equals(r.Comparison, o.Comparison, StringComparison.Ordinal))
                {
                    return false;
                }

                var startEqual = AreEqual(r.Start, o.Start);
                var endEqual = AreEqual(r.End, o.End);
                return startEqual == false || endEqual == false ? false : startEqual is null || endEqual is null ? null : true;
            case FeelFunction f:
                return ReferenceEquals(f.Target, ((FeelFunction)b).Target);
            case FeelDateTime x when x.Offset is null != ((FeelDateTime)b).Offset is null:
                return null;
            case FeelTime x when TimeOffset(x) is null != TimeOffset((FeelTime)b) is null:
                return null;
            default:
                return Compare(a, b) is { } cmp ? cmp == 0 : null;
        }
    }

    private static bool? ListsEqual(FeelList a, FeelList b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        bool? result = true;
        for (var i = 0; i < a.Count; i++)
        {
            var e = AreEqual(a[i], b[i]);
            if (e == false)
            {
                return false;
            }

            if (e is null)
            {
                result = null;
            }
        }

        return result;
    }

    private static bool? ContextsEqual(FeelContext a, FeelContext b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        bool? result = true;
        for (var i = 0; i < a.Count; i++)
        {
            if (!b.TryGetValue(a.KeyAt(i), out var other))
            {
                return false;
            }

            var e = AreEqual(a.ValueAt(i), other);
            if (e == false)
            {
                return false;
            }

            if (e is null)
            {
                result = null;
            }
        }

        return result;
    }

    /// <summary>
    /// Ordering of numbers, strings, dates, times, date-times and durations of one kind; null otherwise.
    /// When only one of two date-times or times has an offset, the local one takes the other's offset
    /// (DMN 1.5 table 54), so their wall clocks are compared.
    /// </summary>
    public static int? Compare(FeelValue a, FeelValue b)
    {
        switch (a)
        {
            case FeelNumber n when b is FeelNumber m:
                return n.Value.CompareTo(m.Value);
            case FeelString s when b is FeelString t:
                return Math.Sign(string.CompareOrdinal(s.Value, t.Value));
            case FeelDate d when b is FeelDate e:
                // Years outside 1-9999 have cycles (0 within them), so (cycles, held date) orders as the calendar does.
                return d.Cycles != e.Cycles ? d.Cycles.CompareTo(e.Cycles) : d.Value.CompareTo(e.Value);
            case FeelDateTime x when b is FeelDateTime y:
                if (x.Cycles != y.Cycles)
                {
                    return x.Cycles.CompareTo(y.Cycles);
                }

                if (x.Offset is { } xo && y.Offset is { } yo)
                {
                    return (x.LocalDateTime - xo).CompareTo(y.LocalDateTime - yo);
                }

                return x.LocalDateTime.CompareTo(y.LocalDateTime);
            case FeelTime x when b is FeelTime y:
                var xOff = TimeOffset(x);
                var yOff = TimeOffset(y);
                if (xOff is null || yOff is null)
                {
                    return x.TimeOfDay.CompareTo(y.TimeOfDay);
                }

                return Temporal.TemporalMath.WrapDay(x.TimeOfDay - xOff.Value).CompareTo(Temporal.TemporalMath.WrapDay(y.TimeOfDay - yOff.Value));
            case FeelDaysTimeDuration x when b is FeelDaysTimeDuration y:
                return x.Value.CompareTo(y.Value);
            case FeelYearsMonthsDuration x when b is FeelYearsMonthsDuration y:
                return x.TotalMonths.CompareTo(y.TotalMonths);
            default:
                return null;
        }
    }

    /// <summary>The offset used to compare a time: its own, or its zone's standard offset.</summary>
    public static TimeSpan? TimeOffset(FeelTime t) =>
        t.Offset ?? (t.Zone is not null && Temporal.Zones.TryFind(t.Zone, out var z) ? z.BaseUtcOffset : null);

    public static int Hash(FeelValue v) => v switch
    {
        FeelNumber n => FeelNumber.Normalize(n.Value).GetHashCode(),
        FeelString s => StringComparer.Ordinal.GetHashCode(s.Value),
        FeelBoolean b => b.Value ? 1 : 2,
        FeelDate d => HashCode.Combine(d.Value, d.Cycles),
        FeelDateTime dt => HashCode.Combine(dt.Offset is { } o ? dt.LocalDateTime - o : dt.LocalDateTime, dt.Cycles),
        FeelDaysTimeDuration d => d.Value.GetHashCode(),
        FeelYearsMonthsDuration y => y.TotalMonths.GetHashCode(),
        FeelList l => l.Count,
        FeelContext c => c.Count,
        FeelTime t => TimeOffset(t) is { } o ? Temporal.TemporalMath.WrapDay(t.TimeOfDay - o).GetHashCode() : t.TimeOfDay.GetHashCode(),
        FeelFunction f => f.Target.GetHashCode(),
        _ => 0,
    };
}
