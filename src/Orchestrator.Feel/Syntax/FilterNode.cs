using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>list[filter]</c>: a 1-based (negative: from the end) index, or a boolean filter over <c>item</c>.</summary>
internal sealed class FilterNode(int position, Node target, Node filter) : Node(position)
{
    public override IEnumerable<Node> Children => [target, filter];

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var value = target.Eval(s, scope);
        if (value.IsNull)
        {
            return FeelNull.Instance;
        }

        var list = value as FeelList ?? FeelList.Wrap([value]);
        if (filter is Literal { Value: FeelNumber index })
        {
            return Index(list, index.Value, s);
        }

        if (list.Count == 0)
        {
            return FeelList.Empty;
        }

        List<FeelValue>? kept = null;
        for (var i = 0; i < list.Count; i++)
        {
            s.Step();
            var item = list[i];
            var test = filter.Eval(s, new ItemScope(item, scope));
            if (i == 0 && test is FeelNumber n)
            {
                return Index(list, n.Value, s);
            }

            if (test == FeelBoolean.True)
            {
                (kept ??= []).Add(item);
            }
        }

        return kept is null ? FeelList.Empty : FeelList.Wrap([.. kept]);
    }

    private static FeelValue Index(FeelList list, decimal index, EvalState s)
    {
        if (!Numbers.IsInteger(index) || index == 0 || Math.Abs(index) > list.Count)
        {
            return index == 0 || !Numbers.IsInteger(index) ? s.Warn($"list index {FeelNumber.Format(index)} is not a position (1, 2, … or -1, -2, …)") : FeelNull.Instance;
        }

        var i = (int)index;
        return i > 0 ? list[i - 1] : list[list.Count + i];
    }
}
