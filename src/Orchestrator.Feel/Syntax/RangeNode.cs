using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class RangeNode(int position, Node? start, bool startIncluded, Node? end, bool endIncluded) : Node(position)
{
    public override IEnumerable<Node> Children => start is null ? end is null ? [] : [end] : end is null ? [start] : [start, end];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var a = start?.Eval(s, scope) ?? FeelNull.Instance;
        var b = end?.Eval(s, scope) ?? FeelNull.Instance;

        // An endpoint that is written but evaluates to null is not "unbounded" (only `< 10` and the
        // like have an undefined endpoint): the range is null, so `5 in [1..x]` with x null is null
        // rather than true (DMN TCK 0068 range_006 to _009, 0072 null_001).
        if ((start is not null && a.IsNull) || (end is not null && b.IsNull))
        {
            return s.Warn("a range endpoint is null");
        }

        if (!a.IsNull && !b.IsNull)
        {
            var order = FeelComparer.Compare(a, b);
            if (order is null)
            {
                return s.Warn($"a range cannot go from {Operators.TypeName(a)} to {Operators.TypeName(b)}");
            }

            // DMN 1.5 §10.3.2.7: "the endpoints must be ordered such that range start <= range end".
            if (order > 0)
            {
                return s.Warn("a range must not go downwards (its start is after its end)");
            }
        }

        if (!a.IsNull && FeelComparer.Compare(a, a) is null)
        {
            return s.Warn($"a range of {Operators.TypeName(a)} values is not possible");
        }

        if (!b.IsNull && FeelComparer.Compare(b, b) is null)
        {
            return s.Warn($"a range of {Operators.TypeName(b)} values is not possible");
        }

        return new FeelRange(a, startIncluded, b, endIncluded);
    }
}
