using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>is defined(x)</c> (an extension from Camunda's FEEL): whether a name or path resolves, even to null.</summary>
internal sealed class IsDefinedNode(int position, Node target) : Node(position)
{
    public override IEnumerable<Node> Children => [target];

    public override FeelValue Eval(EvalState s, Scope scope) => FeelBoolean.Of(IsDefined(target, s, scope));

    private static bool IsDefined(Node node, EvalState s, Scope scope)
    {
        switch (node)
        {
            case NameRef n:
                return scope.TryLookup(n.Name, out _) || Builtins.BuiltinRegistry.TryGet(n.Name, out _);
            case PathNode p:
                if (!IsDefined(p.Target, s, scope))
                {
                    return false;
                }

                return p.Target.Eval(s, scope) is FeelContext c ? c.ContainsKey(p.Name) : !p.Eval(s, scope).IsNull;
            default:
                return true;
        }
    }
}
