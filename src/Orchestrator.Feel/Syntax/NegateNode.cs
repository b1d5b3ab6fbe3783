using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class NegateNode(int position, Node operand) : Node(position)
{
    public override IEnumerable<Node> Children => [operand];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) => Operators.Negate(operand.Eval(s, scope), s);
}
