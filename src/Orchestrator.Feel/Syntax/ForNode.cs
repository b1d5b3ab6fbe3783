using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary><c>for a in x, b in y return e</c>, with <c>partial</c> (the results so far) when the body uses it.</summary>
internal sealed class ForNode(int position, Iteration[] iterations, Node body, bool usesPartial) : Node(position)
{
    public override IEnumerable<Node> Children => [.. iterations.SelectMany(i => i.RangeEnd is null ? new[] { i.Source } : [i.Source, i.RangeEnd]), body];

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var results = new List<FeelValue>();
        return Loop(0, scope, s, results) ? FeelList.Wrap([.. results]) : FeelNull.Instance;
    }

    /// <summary>False when an iteration context cannot be iterated (the result is then null).</summary>
    private bool Loop(int level, Scope scope, EvalState s, List<FeelValue> results)
    {
        var it = iterations[level];
        var values = Iterations.Values(it, s, scope);
        if (values is null)
        {
            return false;
        }

        foreach (var value in values)
        {
            s.Step();
            Scope inner = new VariableScope(it.Name, value, scope);
            if (level + 1 < iterations.Length)
            {
                if (!Loop(level + 1, inner, s, results))
                {
                    return false;
                }

                continue;
            }

            if (usesPartial)
            {
                s.Charge(results.Count);
                inner = new VariableScope("partial", FeelList.Wrap([.. results]), inner);
            }

            results.Add(body.Eval(s, inner));
            s.CheckListSize(results.Count);
        }

        return true;
    }
}
