using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Evaluation;

/// <summary>FEEL's arithmetic and comparison tables (DMN 1.4 §10.3.2.3, tables 55-61): null in, null out.</summary>
internal static class Operators
{
    public static string TypeName(FeelValue v) => v.Kind switch
    {
        FeelValueKind.Null => "null",
        FeelValueKind.Boolean => "boolean",
        FeelValueKind.Number => "number",
        FeelValueKind.String => "string",
        FeelValueKind.Date => "date",
        FeelValueKind.Time => "time",
        FeelValueKind.DateTime => "date and time",
        FeelValueKind.DaysTimeDuration => "days and time duration",
        FeelValueKind.YearsMonthsDuration => "years and months duration",
        FeelValueKind.List => "list",
        FeelValueKind.Context => "context",
        FeelValueKind.Range => "range",
        _ => "function",
    };

    public static string Symbol(ArithmeticOp op) => op switch
    {
        ArithmeticOp.Add => "+",
        ArithmeticOp.Subtract => "-",
        ArithmeticOp.Multiply => "*",
        ArithmeticOp.Divide => "/",
        _ => "**",
    };

    public static FeelValue Apply(ArithmeticOp op, FeelValue a, FeelValue b, EvalState s)
    {
        if (a.Kind == FeelValueKind.Null || b.Kind == FeelValueKind.Null)
        {
            return FeelNull.Instance;
        }

        try
        {
            var result = op switch
            {
                ArithmeticOp.Add => Add(a, b, s),
                ArithmeticOp.Subtract => Subtract(a, b),
                ArithmeticOp.Multiply => Multiply(a, b),
                ArithmeticOp.Divide => Divide(a, b, s),
                _ => Power(a, b),
            };
            return result ?? s.Warn(OffsetMismatch(a, b)
                ? $"cannot apply '{Symbol(op)}' to a {TypeName(a)} with a time offset and one without"
                : $"cannot apply '{Symbol(op)}' to {TypeName(a)} and {TypeName(b)}");
        }
        catch (OverflowException)
        {
            return s.Warn($"result of '{Symbol(op)}' is outside the number range");
        }
        catch (ArgumentOutOfRangeException)
        {
            return s.Warn($"result of '{Symbol(op)}' is outside the supported date range");
        }
    }

    private static FeelValue? Add(FeelValue a, FeelValue b, EvalState s)
    {
        switch (a)
        {
            case FeelNumber x when b is FeelNumber y:
                return new FeelNumber(x.Value + y.Value);
            case FeelString x when b is FeelString y:
                s.CheckStringLength((long)x.Value.Length + y.Value.Length);
                return new FeelString(x.Value + y.Value);
            case FeelDaysTimeDuration x when b is FeelDaysTimeDuration y:
                return TemporalMath.Ticks((decimal)x.Value.Ticks + y.Value.Ticks) is { } sum ? new FeelDaysTimeDuration(sum) : throw new OverflowException();
            case FeelYearsMonthsDuration x when b is FeelYearsMonthsDuration y:
                return new FeelYearsMonthsDuration(checked(x.TotalMonths + y.TotalMonths));
            case FeelDaysTimeDuration or FeelYearsMonthsDuration when b is FeelDate or FeelDateTime or FeelTime:
                return Add(b, a, s);
            case FeelDate d:
                return Shift(d, b, 1);
            case FeelDateTime dt:
                return Shift(dt, b, 1);
            case FeelTime t when b is FeelDaysTimeDuration d:
                return new FeelTime(TemporalMath.WrapDay(t.TimeOfDay + new TimeSpan(d.Value.Ticks % TimeSpan.TicksPerDay)), t.Offset, t.Zone);
            default:
                return null;
        }
    }

    private static FeelValue? Subtract(FeelValue a, FeelValue b)
    {
        switch (a)
        {
            case FeelNumber x when b is FeelNumber y:
                return new FeelNumber(x.Value - y.Value);
            case FeelDaysTimeDuration x when b is FeelDaysTimeDuration y:
                return TemporalMath.Ticks((decimal)x.Value.Ticks - y.Value.Ticks) is { } diff ? new FeelDaysTimeDuration(diff) : throw new OverflowException();
            case FeelYearsMonthsDuration x when b is FeelYearsMonthsDuration y:
                return new FeelYearsMonthsDuration(checked(x.TotalMonths - y.TotalMonths));
            case FeelDate x when b is FeelDate y:
                return TemporalMath.Ticks((decimal)(Eras.AbsoluteDay(x) - Eras.AbsoluteDay(y)) * TimeSpan.TicksPerDay) is { } days
                    ? new FeelDaysTimeDuration(days)
                    : throw new OverflowException();
            case FeelDateTime x when b is FeelDateTime y:
                if (x.Offset is null != y.Offset is null)
                {
                    return null;
                }

                // On the time line: the held ticks, the 400-year cycles apart, and the offsets.
                var elapsed = Eras.Ticks(x.LocalDateTime, x.Cycles) - (x.Offset ?? TimeSpan.Zero).Ticks
                    - (Eras.Ticks(y.LocalDateTime, y.Cycles) - (y.Offset ?? TimeSpan.Zero).Ticks);
                return TemporalMath.Ticks(elapsed) is { } between ? new FeelDaysTimeDuration(between) : throw new OverflowException();
            case FeelDateTime x when b is FeelDate y:
                return Subtract(x, ToDateTime(y));
            case FeelDate x when b is FeelDateTime y:
                return Subtract(ToDateTime(x), y);
            case FeelTime x when b is FeelTime y:
                var xo2 = FeelComparer.TimeOffset(x);
                var yo2 = FeelComparer.TimeOffset(y);
                if (xo2 is null != yo2 is null)
                {
                    return null;
                }

                return new FeelDaysTimeDuration((x.TimeOfDay - (xo2 ?? TimeSpan.Zero)) - (y.TimeOfDay - (yo2 ?? TimeSpan.Zero)));
            case FeelDate d:
                return Shift(d, b, -1);
            case FeelDateTime dt:
                return Shift(dt, b, -1);
            case FeelTime t when b is FeelDaysTimeDuration d:
                return new FeelTime(TemporalMath.WrapDay(t.TimeOfDay - new TimeSpan(d.Value.Ticks % TimeSpan.TicksPerDay)), t.Offset, t.Zone);
            default:
                return null;
        }
    }

    /// <summary>
    /// A date as a date and time: UTC midnight (DMN 1.5 table 57), so subtracting it from a local
    /// date and time is undefined (null), as the TCK's 0100-arithmetic expects.
    /// </summary>
    private static FeelDateTime ToDateTime(FeelDate d) =>
        FeelDateTime.WithOffset(d.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).InCycles(d.Cycles) ?? throw new OverflowException();

    /// <summary>date ± duration is a date: the date of (its midnight ± the duration), DMN 1.4 table 57.</summary>
    private static FeelDate? Shift(FeelDate d, FeelValue duration, int sign)
    {
        try
        {
            return Shift(d.Value.ToDateTime(TimeOnly.MinValue), d.Cycles, duration, sign);
        }
        catch (ArgumentOutOfRangeException) when (d.Cycles == 0)
        {
            // Past 9999-12-31 or before 0001-01-01: the same arithmetic on the date's place in the 400-year cycle.
            var (held, cycles) = Eras.Working(d.Value.ToDateTime(TimeOnly.MinValue));
            return Shift(held, cycles, duration, sign);
        }
    }

    private static FeelDate? Shift(DateTime midnight, long cycles, FeelValue duration, int sign)
    {
        switch (duration)
        {
            case FeelDaysTimeDuration x:
                var moved = TemporalMath.Add(midnight, sign > 0 ? x.Value : x.Value.Negate()) ?? throw new ArgumentOutOfRangeException(nameof(duration));
                return InCycles(moved, cycles);
            case FeelYearsMonthsDuration y:
                var shifted = TemporalMath.AddMonths(midnight, (long)sign * y.TotalMonths) ?? throw new ArgumentOutOfRangeException(nameof(duration));
                return InCycles(shifted, cycles);
            default:
                return null;
        }
    }

    /// <summary>The date of a held midnight moved by arithmetic, with the cycles of the date it came from.</summary>
    private static FeelDate InCycles(DateTime held, long cycles) =>
        cycles == 0 ? new FeelDate(DateOnly.FromDateTime(held)) : Eras.Normalize(held, cycles) is { } n && Eras.Date(DateOnly.FromDateTime(n.Held), n.Cycles) is { } date
            ? date
            : throw new ArgumentOutOfRangeException(nameof(held));

    private static FeelDateTime? Shift(FeelDateTime dt, FeelValue duration, int sign)
    {
        if (dt.Cycles != 0)
        {
            return ShiftHeld(dt, duration, sign)?.InCycles(dt.Cycles) ?? throw new ArgumentOutOfRangeException(nameof(duration));
        }

        try
        {
            return ShiftHeld(dt, duration, sign);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Past 9999 or before year 1: the same arithmetic on the value's place in the 400-year cycle.
            var (working, cycles) = dt.Working();
            return ShiftHeld(working, duration, sign)?.InCycles(cycles) ?? throw new ArgumentOutOfRangeException(nameof(duration));
        }
    }

    /// <summary>date and time ± duration on the held value (its cycles are added back by the caller).</summary>
    private static FeelDateTime? ShiftHeld(FeelDateTime dt, FeelValue duration, int sign)
    {
        switch (duration)
        {
            case FeelDaysTimeDuration x:
                var delta = sign > 0 ? x.Value : x.Value.Negate();
                if (dt.Zone is not null && Zones.TryFind(dt.Zone, out var zone))
                {
                    // Elapsed time: add to the instant, then read the wall clock in the zone (DST-correct).
                    var instant = TemporalMath.Add(dt.HeldInstant!.Value, delta) ?? throw new ArgumentOutOfRangeException(nameof(duration));
                    return FeelDateTime.AtInstant(instant, zone, dt.Zone);
                }

                var local = TemporalMath.Add(dt.LocalDateTime, delta) ?? throw new ArgumentOutOfRangeException(nameof(duration));
                return dt.Offset is { } o ? FeelDateTime.WithOffset(local, o) : FeelDateTime.Local(local);
            case FeelYearsMonthsDuration y:
                var shifted = TemporalMath.AddMonths(dt.LocalDateTime, (long)sign * y.TotalMonths) ?? throw new ArgumentOutOfRangeException(nameof(duration));
                if (dt.Zone is not null && Zones.TryFind(dt.Zone, out var z))
                {
                    return FeelDateTime.InZone(shifted, z, dt.Zone);
                }

                return dt.Offset is { } off ? FeelDateTime.WithOffset(shifted, off) : FeelDateTime.Local(shifted);
            default:
                return null;
        }
    }

    private static FeelValue? Multiply(FeelValue a, FeelValue b)
    {
        switch (a)
        {
            case FeelNumber x when b is FeelNumber y:
                return new FeelNumber(x.Value * y.Value);
            case FeelDaysTimeDuration x when b is FeelNumber n:
                return TemporalMath.Ticks(x.Value.Ticks * n.Value) is { } t ? new FeelDaysTimeDuration(t) : throw new OverflowException();
            case FeelYearsMonthsDuration x when b is FeelNumber n:
                return new FeelYearsMonthsDuration(decimal.ToInt32(decimal.Truncate(x.TotalMonths * n.Value)));
            case FeelNumber when b is FeelDaysTimeDuration or FeelYearsMonthsDuration:
                return Multiply(b, a);
            default:
                return null;
        }
    }

    private static FeelValue? Divide(FeelValue a, FeelValue b, EvalState s)
    {
        switch (a)
        {
            case FeelNumber x when b is FeelNumber y:
                return y.Value == 0 ? s.Warn("division by zero") : new FeelNumber(x.Value / y.Value);
            case FeelDaysTimeDuration x when b is FeelNumber n:
                return n.Value == 0 ? s.Warn("division by zero") : TemporalMath.Ticks(x.Value.Ticks / n.Value) is { } t ? new FeelDaysTimeDuration(t) : throw new OverflowException();
            case FeelDaysTimeDuration x when b is FeelDaysTimeDuration y:
                return y.Value == TimeSpan.Zero ? s.Warn("division by zero") : new FeelNumber((decimal)x.Value.Ticks / y.Value.Ticks);
            case FeelYearsMonthsDuration x when b is FeelNumber n:
                return n.Value == 0 ? s.Warn("division by zero") : new FeelYearsMonthsDuration(decimal.ToInt32(decimal.Truncate(x.TotalMonths / n.Value)));
            case FeelYearsMonthsDuration x when b is FeelYearsMonthsDuration y:
                return y.TotalMonths == 0 ? s.Warn("division by zero") : new FeelNumber((decimal)x.TotalMonths / y.TotalMonths);
            default:
                return null;
        }
    }

    private static FeelNumber? Power(FeelValue a, FeelValue b)
    {
        if (a is not FeelNumber x || b is not FeelNumber y)
        {
            return null;
        }

        return Numbers.Power(x.Value, y.Value) is { } r ? new FeelNumber(r) : throw new OverflowException();
    }

    /// <summary>
    /// Two date-times or times of which one is local and the other has an offset: subtraction is
    /// undefined for them (DMN 1.5 table 57), so the warning says why.
    /// </summary>
    private static bool OffsetMismatch(FeelValue a, FeelValue b) => (a, b) switch
    {
        (FeelDateTime x, FeelDateTime y) => x.Offset is null != y.Offset is null,
        (FeelTime x, FeelTime y) => FeelComparer.TimeOffset(x) is null != FeelComparer.TimeOffset(y) is null,
        _ => false,
    };

    public static FeelValue Negate(FeelValue v, EvalState s) => v switch
    {
        FeelNull => FeelNull.Instance,
        FeelNumber n => new FeelNumber(-n.Value),
        FeelDaysTimeDuration d => d.Value == TimeSpan.MinValue ? s.Warn("duration out of range") : new FeelDaysTimeDuration(d.Value.Negate()),
        FeelYearsMonthsDuration y => new FeelYearsMonthsDuration(-y.TotalMonths),
        _ => s.Warn($"cannot negate {TypeName(v)}"),
    };

    public static FeelValue Compare(CompareOp op, FeelValue a, FeelValue b, EvalState s)
    {
        if (op is CompareOp.Equal or CompareOp.NotEqual)
        {
            var eq = FeelComparer.AreEqual(a, b);
            if (eq is null)
            {
                return a.Kind != b.Kind
                    ? s.Warn($"cannot compare {TypeName(a)} with {TypeName(b)}")
                    : s.Warn($"cannot compare a {TypeName(a)} with a time offset and one without");
            }

            return FeelBoolean.Of(eq.Value == (op == CompareOp.Equal));
        }

        if (a.Kind == FeelValueKind.Null || b.Kind == FeelValueKind.Null)
        {
            return FeelNull.Instance;
        }

        var c = FeelComparer.Compare(a, b);
        if (c is null)
        {
            return a.Kind != b.Kind
                ? s.Warn($"cannot compare {TypeName(a)} with {TypeName(b)}")
                : s.Warn($"{TypeName(a)} values have no order (only = and != apply)");
        }

        return FeelBoolean.Of(op switch
        {
            CompareOp.Less => c < 0,
            CompareOp.LessOrEqual => c <= 0,
            CompareOp.Greater => c > 0,
            _ => c >= 0,
        });
    }
}
