using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Builtins.Signature;

namespace Orchestrator.Feel.Builtins;

/// <summary>
/// Range functions (DMN 1.5 §10.3.4.9, table 81), each defined for points and ranges as in the spec.
/// An unbounded range end counts as below (start) or above (end) every point.
/// </summary>
internal static class RangeFunctions
{
    private delegate bool Rule(FeelValue a, FeelValue b);

    private static readonly Signature[] PointRange = [Of("point1", "point2"), Of("point", "range"), Of("range", "point"), Of("range1", "range2")];
    private static readonly Signature[] RangesOnly = [Of("range1", "range2")];
    private static readonly Signature[] NoPoints = [Of("point", "range"), Of("range", "point"), Of("range1", "range2")];

    public static IEnumerable<Builtin> All() =>
    [
        Make("before", PointRange, (p, q) => C(p, q) < 0, (p, r) => C(p, S(r)) < 0 || (C(p, S(r)) == 0 && !r.StartIncluded), (r, p) => C(E(r), p) < 0 || (C(E(r), p) == 0 && !r.EndIncluded), Before),
        Make("after", PointRange, (p, q) => C(p, q) > 0, (p, r) => C(p, E(r)) > 0 || (C(p, E(r)) == 0 && !r.EndIncluded), (r, p) => C(S(r), p) > 0 || (C(S(r), p) == 0 && !r.StartIncluded), (r1, r2) => Before(r2, r1)),
        Make("meets", RangesOnly, null, null, null, (r1, r2) => r1.EndIncluded && r2.StartIncluded && C(E(r1), S(r2)) == 0),
        Make("met by", RangesOnly, null, null, null, (r1, r2) => r1.StartIncluded && r2.EndIncluded && C(S(r1), E(r2)) == 0),
        Make("overlaps", RangesOnly, null, null, null, Overlaps),
        Make("overlaps before", RangesOnly, null, null, null, OverlapsBefore),
        Make("overlaps after", RangesOnly, null, null, null, (r1, r2) => OverlapsBefore(r2, r1)),
        Make("finishes", [Of("point", "range"), Of("range1", "range2")], null, (p, r) => r.EndIncluded && C(E(r), p) == 0, null, Finishes),
        Make("finished by", [Of("range", "point"), Of("range1", "range2")], null, null, (r, p) => r.EndIncluded && C(E(r), p) == 0, (r1, r2) => Finishes(r2, r1)),
        Make("includes", [Of("range", "point"), Of("range1", "range2")], null, null, (r, p) => RangeOps.Includes(r, p) == true, Includes),
        Make("during", [Of("point", "range"), Of("range1", "range2")], null, (p, r) => RangeOps.Includes(r, p) == true, null, (r1, r2) => Includes(r2, r1)),
        Make("starts", [Of("point", "range"), Of("range1", "range2")], null, (p, r) => r.StartIncluded && C(S(r), p) == 0, null, Starts),
        Make("started by", [Of("range", "point"), Of("range1", "range2")], null, null, (r, p) => r.StartIncluded && C(S(r), p) == 0, (r1, r2) => Starts(r2, r1)),
        Make("coincides", [Of("point1", "point2"), Of("range1", "range2")], (p, q) => C(p, q) == 0, null, null, (r1, r2) =>
            C(S(r1), S(r2)) == 0 && r1.StartIncluded == r2.StartIncluded && C(E(r1), E(r2)) == 0 && r1.EndIncluded == r2.EndIncluded),
    ];

    private readonly record struct Endpoint(FeelValue Value, bool IsStart);

    private static Endpoint S(FeelRange r) => new(r.Start, true);

    private static Endpoint E(FeelRange r) => new(r.End, false);

    private static int C(FeelValue a, FeelValue b) => FeelComparer.Compare(a, b) ?? 0;

    private static int C(FeelValue a, Endpoint b) => RangeOps.Compare(a, true, b.Value, b.IsStart) ?? 0;

    private static int C(Endpoint a, FeelValue b) => RangeOps.Compare(a.Value, a.IsStart, b, true) ?? 0;

    private static int C(Endpoint a, Endpoint b) => RangeOps.Compare(a.Value, a.IsStart, b.Value, b.IsStart) ?? 0;

    private static bool Before(FeelRange r1, FeelRange r2) =>
        C(E(r1), S(r2)) < 0 || (C(E(r1), S(r2)) == 0 && (!r1.EndIncluded || !r2.StartIncluded));

    private static bool Overlaps(FeelRange r1, FeelRange r2) =>
        (C(E(r1), S(r2)) > 0 || (C(E(r1), S(r2)) == 0 && r1.EndIncluded && r2.StartIncluded)) &&
        (C(S(r1), E(r2)) < 0 || (C(S(r1), E(r2)) == 0 && r1.StartIncluded && r2.EndIncluded));

    private static bool OverlapsBefore(FeelRange r1, FeelRange r2) =>
        (C(S(r1), S(r2)) < 0 || (C(S(r1), S(r2)) == 0 && r1.StartIncluded && !r2.StartIncluded)) &&
        (C(E(r1), S(r2)) > 0 || (C(E(r1), S(r2)) == 0 && r1.EndIncluded && r2.StartIncluded)) &&
        (C(E(r1), E(r2)) < 0 || (C(E(r1), E(r2)) == 0 && (!r1.EndIncluded || r2.EndIncluded)));

    private static bool Finishes(FeelRange r1, FeelRange r2) =>
        r1.EndIncluded == r2.EndIncluded && C(E(r1), E(r2)) == 0 &&
        (C(S(r1), S(r2)) > 0 || (C(S(r1), S(r2)) == 0 && (!r1.StartIncluded || r2.StartIncluded)));

    private static bool Includes(FeelRange r1, FeelRange r2) =>
        (C(S(r1), S(r2)) < 0 || (C(S(r1), S(r2)) == 0 && (r1.StartIncluded || !r2.StartIncluded))) &&
        (C(E(r1), E(r2)) > 0 || (C(E(r1), E(r2)) == 0 && (r1.EndIncluded || !r2.EndIncluded)));

    private static bool Starts(FeelRange r1, FeelRange r2) =>
        C(S(r1), S(r2)) == 0 && r1.StartIncluded == r2.StartIncluded &&
        (C(E(r1), E(r2)) < 0 || (C(E(r1), E(r2)) == 0 && (!r1.EndIncluded || r2.EndIncluded)));

    private static Builtin Make(
        string name,
        Signature[] signatures,
        Func<FeelValue, FeelValue, bool>? pointPoint,
        Func<FeelValue, FeelRange, bool>? pointRange,
        Func<FeelRange, FeelValue, bool>? rangePoint,
        Func<FeelRange, FeelRange, bool> rangeRange) =>
        new(name, signatures, (a, s) =>
        {
            if (a[0].IsNull || a[1].IsNull)
            {
                return FeelNull.Instance;
            }

            if (!Comparable(a[0], a[1]))
            {
                return s.Warn($"{name}: the points and range ends cannot be compared with each other");
            }

            return (a[0], a[1]) switch
            {
                (FeelRange r1, FeelRange r2) => FeelBoolean.Of(rangeRange(r1, r2)),
                (FeelRange r, var p) when rangePoint is not null => FeelBoolean.Of(rangePoint(r, p)),
                (var p, FeelRange r) when pointRange is not null => FeelBoolean.Of(pointRange(p, r)),
                (var p, var q) when pointPoint is not null && p is not FeelRange && q is not FeelRange => FeelBoolean.Of(pointPoint(p, q)),
                _ => s.Warn($"{name}: expects {string.Join(" or ", signatures.Select(x => x.ToString()))}, got {Operators.TypeName(a[0])} and {Operators.TypeName(a[1])}"),
            };
        });

    /// <summary>Whether every bounded endpoint and point can be compared with every other (so the rules never see "incomparable").</summary>
    private static bool Comparable(FeelValue a, FeelValue b)
    {
        var points = new List<FeelValue>(4);
        foreach (var v in new[] { a, b })
        {
            if (v is FeelRange r)
            {
                if (!r.Start.IsNull)
                {
                    points.Add(r.Start);
                }

                if (!r.End.IsNull)
                {
                    points.Add(r.End);
                }
            }
            else
            {
                points.Add(v);
            }
        }

        return points.All(p => FeelComparer.Compare(p, points[0]) is not null);
    }
}
