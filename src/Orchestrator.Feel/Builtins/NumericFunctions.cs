using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Builtins.Signature;

namespace Orchestrator.Feel.Builtins;

/// <summary>Numeric functions (DMN 1.5 §10.3.4.5, table 76). log and exp go through double (about 15 significant digits).</summary>
internal static class NumericFunctions
{
    public static IEnumerable<Builtin> All() =>
    [
        new("decimal", Of("n", "scale"), (a, s) => Rounded(a, s, "decimal", MidpointRounding.ToEven, true)),
        new("round half even", Of("n", "scale"), (a, s) => Rounded(a, s, "round half even", MidpointRounding.ToEven, true)),
        new("floor", Of("n", "scale?"), (a, s) => Rounded(a, s, "floor", MidpointRounding.ToNegativeInfinity, false)),
        new("ceiling", Of("n", "scale?"), (a, s) => Rounded(a, s, "ceiling", MidpointRounding.ToPositiveInfinity, false)),
        new("round up", Of("n", "scale"), (a, s) => Rounded(a, s, "round up", null, true)),
        new("round down", Of("n", "scale"), (a, s) => Rounded(a, s, "round down", MidpointRounding.ToZero, true)),
        new("round half up", Of("n", "scale"), (a, s) => Rounded(a, s, "round half up", MidpointRounding.AwayFromZero, true)),
        new("round half down", Of("n", "scale"), RoundHalfDown),
        new("abs", Of("n"), Abs),
        new("modulo", Of("dividend", "divisor"), Modulo),
        new("sqrt", Of("number"), (a, s) => One(a, s, "sqrt", n => n < 0 ? s.Warn("sqrt: the number is negative") : new FeelNumber(Numbers.Sqrt(n)))),
        new("log", Of("number"), (a, s) => One(a, s, "log", n => n <= 0 ? s.Warn("log: the number must be positive") : Double(Math.Log((double)n), s, "log"))),
        new("exp", Of("number"), (a, s) => One(a, s, "exp", n => Double(Math.Exp((double)n), s, "exp"))),
        new("odd", Of("number"), (a, s) => One(a, s, "odd", n => FeelBoolean.Of(Numbers.IsInteger(n) && n % 2 != 0))),
        new("even", Of("number"), (a, s) => One(a, s, "even", n => FeelBoolean.Of(Numbers.IsInteger(n) && n % 2 == 0))),
    ];

    private static FeelValue One(FeelValue[] a, EvalState s, string name, Func<decimal, FeelValue> f) => a[0] switch
    {
        FeelNumber n => f(n.Value),
        FeelNull => FeelNull.Instance,
        _ => Args.Bad(s, name, "number", "a number", a[0]),
    };

    private static FeelValue Double(double d, EvalState s, string name) =>
        Numbers.FromDouble(d) is { } v ? new FeelNumber(v) : s.Warn($"{name}: the result is outside the number range");

    private static bool Scale(FeelValue[] a, bool required, out int scale)
    {
        scale = 0;
        if (a.Length < 2)
        {
            return !required;
        }

        if (a[1].IsNull)
        {
            return false; // an explicit null scale is null, also where the scale is optional (DMN TCK 1101, 1102)
        }

        // A scale that is not whole is cut toward zero, as the DMN TCK has it (decimal(1/3, 2.5) = 0.33).
        if (a[1] is FeelNumber { Value: var written } && written != decimal.Truncate(written) && Math.Abs(written) < int.MaxValue)
        {
            scale = (int)decimal.Truncate(written);
            return scale is >= -6111 and <= 6176;
        }

        return Args.Integer(a[1], out scale) && scale is >= -6111 and <= 6176;
    }

    /// <summary>Rounds with a mode; a null mode is "up" (away from zero, not only at midpoints).</summary>
    private static FeelValue Rounded(FeelValue[] a, EvalState s, string name, MidpointRounding? mode, bool scaleRequired)
    {
        if (a[0] is not FeelNumber n)
        {
            return a[0].IsNull ? FeelNull.Instance : Args.Bad(s, name, "n", "a number", a[0]);
        }

        if (!Scale(a, scaleRequired, out var scale))
        {
            return a.Length > 1 && a[1].IsNull ? FeelNull.Instance : s.Warn($"{name}: scale must be an integer from -6111 to 6176");
        }

        var effective = mode ?? (n.Value >= 0 ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity);
        try
        {
            return Numbers.Round(n.Value, scale, effective) is { } r ? new FeelNumber(r) : FeelNull.Instance;
        }
        catch (OverflowException)
        {
            return s.Warn($"{name}: the result is outside the number range");
        }
    }

    private static FeelValue RoundHalfDown(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelNumber n || !Scale(a, true, out var scale))
        {
            return a[0].IsNull || a[1].IsNull ? FeelNull.Instance : s.Warn("round half down: expects a number and an integer scale");
        }

        try
        {
            return Numbers.RoundHalfDown(n.Value, scale) is { } r ? new FeelNumber(r) : FeelNull.Instance;
        }
        catch (OverflowException)
        {
            return s.Warn("round half down: the result is outside the number range");
        }
    }

    private static FeelValue Abs(FeelValue[] a, EvalState s) => a[0] switch
    {
        FeelNumber n => new FeelNumber(Math.Abs(n.Value)),
        FeelDaysTimeDuration d => d.Value == TimeSpan.MinValue ? s.Warn("abs: duration out of range") : new FeelDaysTimeDuration(d.Value.Duration()),
        FeelYearsMonthsDuration y => new FeelYearsMonthsDuration(Math.Abs(y.TotalMonths)),
        FeelNull => FeelNull.Instance,
        _ => Args.Bad(s, "abs", "n", "a number or duration", a[0]),
    };

    /// <summary>modulo(a, b) = a - b * floor(a / b): the result has the divisor's sign. Exact, through the remainder.</summary>
    private static FeelValue Modulo(FeelValue[] a, EvalState s)
    {
        if (a[0] is not FeelNumber x || a[1] is not FeelNumber y)
        {
            return a[0].IsNull || a[1].IsNull ? FeelNull.Instance : s.Warn("modulo: dividend and divisor must be numbers");
        }

        if (y.Value == 0)
        {
            return s.Warn("modulo: division by zero");
        }

        var r = x.Value % y.Value;
        if (r != 0 && Math.Sign(r) != Math.Sign(y.Value))
        {
            r += y.Value;
        }

        return new FeelNumber(r);
    }
}
