using Orchestrator.Feel.Builtins;
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

/// <summary><c>list[filter]</c>: a 1-based (negative: from the end) index, or a boolean filter over <c>item</c>.</summary>
internal sealed class FilterNode(int position, Node target, Node filter) : Node(position)
{
    public override IEnumerable<Node> Children => [target, filter];

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var value = target.Eval(s, scope);
        if (value.IsNull)
        {
            return FeelNull.Instance;
        }

        var list = value as FeelList ?? FeelList.Wrap([value]);
        if (filter is Literal { Value: FeelNumber index })
        {
            return Index(list, index.Value, s);
        }

        if (list.Count == 0)
        {
            return FeelList.Empty;
        }

        List<FeelValue>? kept = null;
        for (var i = 0; i < list.Count; i++)
        {
            s.Step();
            var item = list[i];
            var test = filter.Eval(s, new ItemScope(item, scope));
            if (i == 0 && test is FeelNumber n)
            {
                return Index(list, n.Value, s);
            }

            if (test == FeelBoolean.True)
            {
                (kept ??= []).Add(item);
            }
        }

        return kept is null ? FeelList.Empty : FeelList.Wrap([.. kept]);
    }

    private static FeelValue Index(FeelList list, decimal index, EvalState s)
    {
        if (!Numbers.IsInteger(index) || index == 0 || Math.Abs(index) > list.Count)
        {
            return index == 0 || !Numbers.IsInteger(index) ? s.Warn($"list index {FeelNumber.Format(index)} is not a position (1, 2, … or -1, -2, …)") : FeelNull.Instance;
        }

        var i = (int)index;
        return i > 0 ? list[i - 1] : list[list.Count + i];
    }
}

/// <summary>A call of a built-in resolved when parsing (positional, or named when <paramref name="names"/> is set).</summary>
internal sealed class BuiltinCallNode(int position, Builtin builtin, Node[] args, string[]? names) : Node(position)
{
    public Builtin Builtin { get; } = builtin;

    public override IEnumerable<Node> Children => args;

    public override bool Foldable => Builtin.Pure;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var values = args.Length == 0 ? [] : new FeelValue[args.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = args[i].Eval(s, scope);
        }

        return names is null ? Builtin.Invoke(values, s) : Builtin.InvokeNamed(names, values, s);
    }
}

/// <summary>A call of whatever function value the callee evaluates to.</summary>
internal sealed class DynamicCallNode(int position, Node callee, Node[] args, string[]? names) : Node(position)
{
    public override IEnumerable<Node> Children => [callee, .. args];

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var f = callee.Eval(s, scope);
        var values = new FeelValue[args.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = args[i].Eval(s, scope);
        }

        if (f is not FeelFunction function)
        {
            return f.IsNull && callee is NameRef ? FeelNull.Instance : s.Warn($"cannot call {Operators.TypeName(f)}: it is not a function");
        }

        return names is null ? function.Target.Invoke(values, s) : function.Target.InvokeNamed(names, values, s);
    }
}

/// <summary>One iteration context: <c>name in source</c> or <c>name in from..to</c>.</summary>
internal sealed record Iteration(string Name, Node Source, Node? RangeEnd);

/// <summary>Shared iteration for <c>for</c> and <c>some/every</c>: nested loops over the iteration contexts.</summary>
internal static class Iterations
{
    /// <summary>
    /// The values of one iteration context, or null (after a warning) when it cannot be iterated:
    /// then the whole <c>for</c>/<c>some</c>/<c>every</c> is null (DMN TCK 0084). <c>a..b</c> and
    /// <c>[a..b]</c> iterate integers or, as DMN 1.5 §10.3.2.14 adds, dates (by one day), up or down.
    /// </summary>
    public static IEnumerable<FeelValue>? Values(Iteration it, EvalState s, Scope scope)
    {
        var source = it.Source.Eval(s, scope);
        if (it.RangeEnd is not null)
        {
            var end = it.RangeEnd.Eval(s, scope);
            return (source, end) switch
            {
                (FeelNumber a, FeelNumber b) when Numbers.IsInteger(a.Value) && Numbers.IsInteger(b.Value) => Count(a.Value, b.Value),
                (FeelDate a, FeelDate b) => Days(a.Value.DayNumber, b.Value.DayNumber),
                _ => Fail(s, "an iteration range 'a..b' needs two integers or two dates"),
            };
        }

        return source switch
        {
            FeelList l => l.Items,
            FeelRange r => RangeValues(r, s),
            FeelNull when it.Source is RangeNode => null, // an invalid range literal (already warned): DMN TCK 0084 decision_025
            FeelNull => [],
            _ => [source],
        };
    }

    private static FeelValue[]? Fail(EvalState s, string message)
    {
        s.Warn(message);
        return null;
    }

    private static IEnumerable<FeelValue>? RangeValues(FeelRange r, EvalState s)
    {
        if (r.Start is FeelNumber a && r.End is FeelNumber b && Numbers.IsInteger(a.Value) && Numbers.IsInteger(b.Value))
        {
            var from = r.StartIncluded ? a.Value : a.Value + 1;
            var to = r.EndIncluded ? b.Value : b.Value - 1;
            return from <= to ? Count(from, to) : [];
        }

        if (r.Start is FeelDate d && r.End is FeelDate e)
        {
            var from = r.StartIncluded ? d.Value.DayNumber : d.Value.DayNumber + 1;
            var to = r.EndIncluded ? e.Value.DayNumber : e.Value.DayNumber - 1;
            return from <= to ? Days(from, to) : [];
        }

        return Fail(s, "only a range of integers or dates with both ends can be iterated");
    }

    private static IEnumerable<FeelValue> Count(decimal from, decimal to)
    {
        var step = from <= to ? 1 : -1;
        for (var i = from; step > 0 ? i <= to : i >= to; i += step)
        {
            yield return new FeelNumber(i);
        }
    }

    private static IEnumerable<FeelValue> Days(int from, int to)
    {
        var step = from <= to ? 1 : -1;
        for (var i = from; step > 0 ? i <= to : i >= to; i += step)
        {
            yield return new FeelDate(DateOnly.FromDayNumber(i));
        }
    }
}

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

/// <summary><c>x in tests</c>: the value against positive unary tests.</summary>
internal sealed class InNode(int position, Node value, UnaryTestList tests) : Node(position)
{
    public override IEnumerable<Node> Children => [value, .. tests.Nodes];

    public override FeelValue Eval(EvalState s, Scope scope) => tests.Evaluate(value.Eval(s, scope), s, scope);
}

internal sealed class InstanceOfNode(int position, Node value, FeelType type) : Node(position)
{
    public override IEnumerable<Node> Children => [value];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) => FeelBoolean.Of(type.Matches(value.Eval(s, scope)));
}
