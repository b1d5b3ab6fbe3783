namespace Orchestrator.Feel.Evaluation;

/// <summary>
/// Range membership and the endpoint comparisons of the range functions. An unbounded start
/// (null) is below everything and an unbounded end above everything.
/// </summary>
internal static class RangeOps
{
    public static bool? Includes(FeelRange r, FeelValue v)
    {
        if (v.IsNull)
        {
            return null;
        }

        if (r.Comparison is { } comparison)
        {
            // (= x) and (!= x): equality, which also holds for values that have no order (booleans, lists, contexts).
            var equal = FeelComparer.AreEqual(v, r.Start);
            return comparison == "=" ? equal : !equal;
        }

        if (!r.Start.IsNull)
        {
            var c = FeelComparer.Compare(v, r.Start);
            if (c is null)
            {
                return null;
            }

            if (c < 0 || (c == 0 && !r.StartIncluded))
            {
                return false;
            }
        }

        if (!r.End.IsNull)
        {
            var c = FeelComparer.Compare(v, r.End);
            if (c is null)
            {
                return null;
            }

            if (c > 0 || (c == 0 && !r.EndIncluded))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares two endpoints; <paramref name="aIsStart"/>/<paramref name="bIsStart"/> say how a null (unbounded) one counts.</summary>
    public static int? Compare(FeelValue a, bool aIsStart, FeelValue b, bool bIsStart)
    {
        if (a.IsNull || b.IsNull)
        {
            var ra = a.IsNull ? (aIsStart ? -1 : 1) : 0;
            var rb = b.IsNull ? (bIsStart ? -1 : 1) : 0;
            return ra == rb && a.IsNull && b.IsNull ? 0 : ra.CompareTo(rb);
        }

        return FeelComparer.Compare(a, b);
    }
}
