using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Syntax;

/// <summary>
/// A node of the immutable syntax tree; evaluation walks the tree. Nodes hold no per-evaluation
/// state, so one tree serves any number of threads.
/// </summary>
internal abstract class Node(int position)
{
    /// <summary>Offset of the node's first character in the text.</summary>
    public int Position { get; } = position;

    public abstract FeelValue Eval(EvalState s, Scope scope);

    public virtual IEnumerable<Node> Children => [];

    /// <summary>Whether the node may be replaced by its value when all its children are literals.</summary>
    public virtual bool Foldable => false;
}

internal sealed class Literal(int position, FeelValue value) : Node(position)
{
    public FeelValue Value { get; } = value;

    public override FeelValue Eval(EvalState s, Scope scope) => Value;
}

internal sealed class NameRef(int position, string name) : Node(position)
{
    public string Name { get; } = name;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        if (scope.TryLookup(Name, out var value))
        {
            return value;
        }

        if (Builtins.BuiltinRegistry.TryGet(Name, out var builtin))
        {
            return builtin.AsValue;
        }

        return s.Warn($"no variable named '{Name}'");
    }
}

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

internal sealed class NegateNode(int position, Node operand) : Node(position)
{
    public override IEnumerable<Node> Children => [operand];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) => Operators.Negate(operand.Eval(s, scope), s);
}

/// <summary>A left-associative chain <c>a + b - c</c> (or <c>*</c>, <c>/</c>, <c>**</c>), flat so that long chains do not deepen the tree.</summary>
internal sealed class ArithmeticChain(int position, Node[] operands, ArithmeticOp[] ops) : Node(position)
{
    public override IEnumerable<Node> Children => operands;

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var acc = operands[0].Eval(s, scope);
        for (var i = 0; i < ops.Length; i++)
        {
            acc = Operators.Apply(ops[i], acc, operands[i + 1].Eval(s, scope), s);
        }

        return acc;
    }
}

internal sealed class CompareNode(int position, CompareOp op, Node left, Node right) : Node(position)
{
    public override IEnumerable<Node> Children => [left, right];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) => Operators.Compare(op, left.Eval(s, scope), right.Eval(s, scope), s);
}

internal sealed class BetweenNode(int position, Node value, Node low, Node high) : Node(position)
{
    public override IEnumerable<Node> Children => [value, low, high];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var v = value.Eval(s, scope);
        var a = Operators.Compare(CompareOp.GreaterOrEqual, v, low.Eval(s, scope), s);
        var b = Operators.Compare(CompareOp.LessOrEqual, v, high.Eval(s, scope), s);
        return Logic.And(a, b);
    }
}

/// <summary>Three-valued <c>and</c> over a chain: false wins, then null, then true.</summary>
internal sealed class AndNode(int position, Node[] operands) : Node(position)
{
    public override IEnumerable<Node> Children => operands;

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var sawNull = false;
        foreach (var operand in operands)
        {
            var v = operand.Eval(s, scope);
            if (v is FeelBoolean b)
            {
                if (!b.Value)
                {
                    return FeelBoolean.False;
                }
            }
            else
            {
                sawNull = true;
            }
        }

        return sawNull ? FeelNull.Instance : FeelBoolean.True;
    }
}

/// <summary>Three-valued <c>or</c> over a chain: true wins, then null, then false.</summary>
internal sealed class OrNode(int position, Node[] operands) : Node(position)
{
    public override IEnumerable<Node> Children => operands;

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var sawNull = false;
        foreach (var operand in operands)
        {
            var v = operand.Eval(s, scope);
            if (v is FeelBoolean b)
            {
                if (b.Value)
                {
                    return FeelBoolean.True;
                }
            }
            else
            {
                sawNull = true;
            }
        }

        return sawNull ? FeelNull.Instance : FeelBoolean.False;
    }
}

internal static class Logic
{
    public static FeelValue And(FeelValue a, FeelValue b)
    {
        if (a == FeelBoolean.False || b == FeelBoolean.False)
        {
            return FeelBoolean.False;
        }

        return a == FeelBoolean.True && b == FeelBoolean.True ? FeelBoolean.True : FeelNull.Instance;
    }
}

/// <summary><c>if c then a else b</c>: anything but true (null, non-boolean) takes the else branch.</summary>
internal sealed class IfNode(int position, Node condition, Node then, Node otherwise) : Node(position)
{
    public override IEnumerable<Node> Children => [condition, then, otherwise];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope) =>
        condition.Eval(s, scope) == FeelBoolean.True ? then.Eval(s, scope) : otherwise.Eval(s, scope);
}

internal sealed class ListNode(int position, Node[] items) : Node(position)
{
    public override IEnumerable<Node> Children => items;

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        if (items.Length == 0)
        {
            return FeelList.Empty;
        }

        var values = new FeelValue[items.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i].Eval(s, scope);
        }

        return FeelList.Wrap(values);
    }
}

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

internal sealed class RangeNode(int position, Node? start, bool startIncluded, Node? end, bool endIncluded) : Node(position)
{
    public override IEnumerable<Node> Children => start is null ? end is null ? [] : [end] : end is null ? [start] : [start, end];

    public override bool Foldable => true;

    public override FeelValue Eval(EvalState s, Scope scope)
    {
        var a = start?.Eval(s, scope) ?? FeelNull.Instance;
        var b = end?.Eval(s, scope) ?? FeelNull.Instance;

        // An endpoint that is written but evaluates to null is not "unbounded" (only `< 10` and the
        // like have an undefined endpoint): the range is null, so `5 in [1..x]` with x null is null
        // rather than true (DMN TCK 0068 range_006 to _009, 0072 null_001).
        if ((start is not null && a.IsNull) || (end is not null && b.IsNull))
        {
            return s.Warn("a range endpoint is null");
        }

        if (!a.IsNull && !b.IsNull)
        {
            var order = FeelComparer.Compare(a, b);
            if (order is null)
            {
                return s.Warn($"a range cannot go from {Operators.TypeName(a)} to {Operators.TypeName(b)}");
            }

            // DMN 1.5 §10.3.2.7: "the endpoints must be ordered such that range start <= range end".
            if (order > 0)
            {
                return s.Warn("a range must not go downwards (its start is after its end)");
            }
        }

        if (!a.IsNull && FeelComparer.Compare(a, a) is null)
        {
            return s.Warn($"a range of {Operators.TypeName(a)} values is not possible");
        }

        if (!b.IsNull && FeelComparer.Compare(b, b) is null)
        {
            return s.Warn($"a range of {Operators.TypeName(b)} values is not possible");
        }

        return new FeelRange(a, startIncluded, b, endIncluded);
    }
}

internal sealed class FunctionNode(int position, string[] parameters, FeelType?[]? types, Node body) : Node(position)
{
    public override IEnumerable<Node> Children => [body];

    public override FeelValue Eval(EvalState s, Scope scope) => new FeelFunction(new LambdaCallable(parameters, types, body, scope));
}
