namespace Orchestrator.Feel.Evaluation;

/// <summary>Decimal helpers the operators and numeric functions share.</summary>
internal static class Numbers
{
    /// <summary>x ** y: exact for integer exponents, through double otherwise; null when out of range.</summary>
    public static decimal? Power(decimal x, decimal y)
    {
        if (y == decimal.Truncate(y) && Math.Abs(y) <= 1_000_000)
        {
            var n = (long)Math.Abs(y);
            decimal result = 1, b = x;
            try
            {
                while (n > 0)
                {
                    if ((n & 1) == 1)
                    {
                        result *= b;
                    }

                    n >>= 1;
                    if (n > 0)
                    {
                        b *= b;
                    }
                }
            }
            catch (OverflowException)
            {
                return null;
            }

            if (y < 0)
            {
                return result == 0 ? null : 1 / result;
            }

            return result;
        }

        return FromDouble(Math.Pow((double)x, (double)y));
    }

    public static decimal? FromDouble(double d)
    {
        if (!double.IsFinite(d) || Math.Abs(d) > 7.9e28)
        {
            return null;
        }

        return (decimal)d;
    }

    /// <summary>Square root to decimal precision (Newton steps from the double estimate).</summary>
    public static decimal Sqrt(decimal n)
    {
        if (n == 0)
        {
            return 0;
        }

        var x = (decimal)Math.Sqrt((double)n);
        for (var i = 0; i < 4 && x != 0; i++)
        {
            var next = (x + (n / x)) / 2;
            if (next == x)
            {
                break;
            }

            x = next;
        }

        return x;
    }

    /// <summary>Rounds to a scale (negative scales round to tens, hundreds, …) with a .NET rounding mode.</summary>
    public static decimal? Round(decimal n, int scale, MidpointRounding mode)
    {
        if (scale > 28)
        {
            return n;
        }

        if (scale >= 0)
        {
            return Math.Round(n, scale, mode);
        }

        if (scale < -28)
        {
            return 0;
        }

        var factor = Power(10, -scale)!.Value;
        return Math.Round(n / factor, 0, mode) * factor;
    }

    /// <summary>Half-down rounding (ties toward zero), which .NET does not offer.</summary>
    public static decimal? RoundHalfDown(decimal n, int scale)
    {
        var truncated = Round(n, scale, MidpointRounding.ToZero);
        if (truncated is null || scale > 28)
        {
            return truncated;
        }

        var unit = scale >= 0 ? Power(10, -scale)!.Value : Power(10, -scale)!.Value;
        var remainder = Math.Abs(n - truncated.Value);
        return remainder > unit / 2 ? truncated.Value + (Math.Sign(n) * unit) : truncated.Value;
    }

    public static bool IsInteger(decimal d) => d == decimal.Truncate(d);
}
