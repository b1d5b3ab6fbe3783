using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class InstanceOfNode(int position, Node value, FeelType type) : Node(position)
{
    public override IEnumerable<Node> Children => [value];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) => FeelBoolean.Of(type.Matches(value.Eval(s, scope)));
}
