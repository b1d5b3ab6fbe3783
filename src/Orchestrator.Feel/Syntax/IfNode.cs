using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>if c then a else b</c>: anything but true (null, non-boolean) takes the else branch.</summary>
internal sealed class IfNode(int position, Node condition, Node then, Node otherwise) : Node(position)
{
    public override IEnumerable<Node> Children => [condition, then, otherwise];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) =>
        condition.Eval(s, scope) == FeelBoolean.True ? then.Eval(s, scope) : otherwise.Eval(s, scope);
}
