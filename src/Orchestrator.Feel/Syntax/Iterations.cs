using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Syntax;

/// <summary>Shared iteration for <c>for</c> and <c>some/every</c>: nested loops over the iteration contexts.</summary>
internal static class Iterations
{
    /// <summary>
    /// The values of one iteration context, or null (after a warning) when it cannot be iterated:
    /// then the whole <c>for</c>/<c>some</c>/<c>every</c> is null (DMN TCK 0084). <c>a..b</c> and
    /// <c>[a..b]</c> iterate integers or, as DMN 1.5 §10.3.2.14 adds, dates (by one day), up or down.
    /// </summary>
    public static IEnumerable<FeelValue>? Values(Iteration it, EvalState s, Scope scope)
    {
        var source = it.Source.Eval(s, scope);
        if (it.RangeEnd is not null)
        {
            var end = it.RangeEnd.Eval(s, scope);
            return (source, end) switch
            {
                (FeelNumber a, FeelNumber b) when Numbers.IsInteger(a.Value) && Numbers.IsInteger(b.Value) => Count(a.Value, b.Value),
                (FeelDate a, FeelDate b) => Days(Eras.AbsoluteDay(a), Eras.AbsoluteDay(b)),
                _ => Fail(s, "an iteration range 'a..b' needs two integers or two dates"),
            };
        }

        return source switch
        {
            FeelList l => l.Items,
            FeelRange r => RangeValues(r, s),
            FeelNull when it.Source is RangeNode => null, // an invalid range literal (already warned): DMN TCK 0084 decision_025
            FeelNull => [],
            _ => [source],
        };
    }

    private static FeelValue[]? Fail(EvalState s, string message)
    {
        s.Warn(message);
        return null;
    }

    private static IEnumerable<FeelValue>? RangeValues(FeelRange r, EvalState s)
    {
        if (r.Start is FeelNumber a && r.End is FeelNumber b && Numbers.IsInteger(a.Value) && Numbers.IsInteger(b.Value))
        {
            var from = r.StartIncluded ? a.Value : a.Value + 1;
            var to = r.EndIncluded ? b.Value : b.Value - 1;
            return from <= to ? Count(from, to) : [];
        }

        if (r.Start is FeelDate d && r.End is FeelDate e)
        {
            var from = r.StartIncluded ? Eras.AbsoluteDay(d) : Eras.AbsoluteDay(d) + 1;
            var to = r.EndIncluded ? Eras.AbsoluteDay(e) : Eras.AbsoluteDay(e) - 1;
            return from <= to ? Days(from, to) : [];
        }

        return Fail(s, "only a range of integers or dates with both ends can be iterated");
    }

    private static IEnumerable<FeelValue> Count(decimal from, decimal to)
    {
        var step = from <= to ? 1 : -1;
        for (var i = from; step > 0 ? i <= to : i >= to; i += step)
        {
            yield return new FeelNumber(i);
        }
    }

    private static IEnumerable<FeelValue> Days(long from, long to)
    {
        var step = from <= to ? 1 : -1;
        for (var i = from; step > 0 ? i <= to : i >= to; i += step)
        {
            yield return (FeelValue?)Eras.FromAbsoluteDay(i) ?? FeelNull.Instance;
        }
    }
}
