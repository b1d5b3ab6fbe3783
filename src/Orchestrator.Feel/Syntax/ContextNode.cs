using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>A context literal; each entry sees the entries before it, and functions defined in it see all of them.</summary>
internal sealed class ContextNode(int position, string[] keys, Node[] values) : Node(position)
{
    public override IEnumerable<Node> Children => values;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var building = new ContextScope(scope, keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            building.Add(keys[i], values[i].Eval(s, building));
        }

        return FeelContext.Wrap(building.Keys, building.Values);
    }
}
