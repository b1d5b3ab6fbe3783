using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class ListNode(int position, Node[] items) : Node(position)
{
    public override IEnumerable<Node> Children => items;

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        if (items.Length == 0)
        {
            return FeelList.Empty;
        }

        var values = new FeelValue[items.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i].Eval(s, scope);
        }

        return FeelList.Wrap(values);
    }
}
