using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>a.b</c>: a context entry, a property of a temporal value or range, or mapped over a list.</summary>
internal sealed class PathNode(int position, Node target, string name) : Node(position)
{
    public Node Target { get; } = target;

    public string Name { get; } = name;

    public override IEnumerable<Node> Children => [Target];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) => Properties.Get(Target.Eval(s, scope), Name, s);
}
