using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>x in tests</c>: the value against positive unary tests.</summary>
internal sealed class InNode(int position, Node value, UnaryTestList tests) : Node(position)
{
    public override IEnumerable<Node> Children => [value, .. tests.Nodes];

    public override FeelValue Eval(EvalState s, Scope scope) => tests.Evaluate(value.Eval(s, scope), s, scope);
}
