using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class BetweenNode(int position, Node value, Node low, Node high) : Node(position)
{
    public override IEnumerable<Node> Children => [value, low, high];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var v = value.Eval(s, scope);
        var a = Operators.Compare(CompareOp.GreaterOrEqual, v, low.Eval(s, scope), s);
        var b = Operators.Compare(CompareOp.LessOrEqual, v, high.Eval(s, scope), s);
        return Logic.And(a, b);
    }
}
