using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>some/every a in x satisfies c</c>.</summary>
internal sealed class QuantifiedNode(int position, bool every, Iteration[] iterations, Node condition) : Node(position)
{
    public override IEnumerable<Node> Children => [.. iterations.Select(i => i.Source), condition];

    public override FeelValue Eval(EvalState s, Scope scope) => Loop(0, scope, s) switch
    {
        null => FeelNull.Instance,
        var early => FeelBoolean.Of(early.Value ^ every),
    };

    /// <summary>
    /// True when the search ended early: a true condition for <c>some</c>, a non-true one for
    /// <c>every</c>; null when an iteration context cannot be iterated.
    /// </summary>
    private bool? Loop(int level, Scope scope, EvalState s)
    {
        var it = iterations[level];
        var values = Iterations.Values(it, s, scope);
        if (values is null)
        {
            return null;
        }

        foreach (var value in values)
        {
            s.Step();
            var inner = new VariableScope(it.Name, value, scope);
            if (level + 1 < iterations.Length)
            {
                var nested = Loop(level + 1, inner, s);
                if (nested != false)
                {
                    return nested;
                }

                continue;
            }

            var satisfied = condition.Eval(s, inner) == FeelBoolean.True;
            if (satisfied != every)
            {
                return true;
            }
        }

        return false;
    }
}
