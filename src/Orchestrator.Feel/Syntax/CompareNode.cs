using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class CompareNode(int position, CompareOp op, Node left, Node right) : Node(position)
{
    public override IEnumerable<Node> Children => [left, right];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) => Operators.Compare(op, left.Eval(s, scope), right.Eval(s, scope), s);
}
