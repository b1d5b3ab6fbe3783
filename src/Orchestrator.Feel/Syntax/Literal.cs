using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

internal sealed class Literal(int position, FeelValue value) : Node(position)
{
    public FeelValue Value { get; } = value;

    public override FeelValue Eval(EvalState s, Scope scope) => Value;
}
