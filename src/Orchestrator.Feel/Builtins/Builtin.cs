using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Builtins;

internal delegate FeelValue BuiltinImpl(FeelValue[] args, EvalState s);

/// <summary>One signature: parameter names, how many are required, and whether the last repeats.</summary>
internal sealed record Signature(string[] Parameters, int Required, bool Variadic)
{
    /// <summary>Builds a signature: <c>"length?"</c> is optional, <c>"item..."</c> repeats.</summary>
    public static Signature Of(params string[] parameters)
    {
        var names = new string[parameters.Length];
        var required = 0;
        var variadic = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (p.EndsWith("...", StringComparison.Ordinal))
            {
                variadic = true;
                p = p[..^3];
            }
            else if (p.EndsWith('?'))
            {
                p = p[..^1];
            }
            else
            {
                required = i + 1;
            }

            names[i] = p;
        }

        return new Signature(names, required, variadic);
    }

    public bool Accepts(int count) => count >= Required && (Variadic || count <= Parameters.Length);

    public override string ToString() => "(" + string.Join(", ", Parameters) + (Variadic ? ", ..." : string.Empty) + ")";
}

/// <summary>A built-in function of the spec's tables.</summary>
internal sealed class Builtin : Callable
{
    private readonly string _name;
    private readonly Signature[] _signatures;
    private readonly BuiltinImpl _impl;

    public Builtin(string name, Signature[] signatures, BuiltinImpl impl, bool pure = true)
    {
        _name = name;
        _signatures = signatures;
        _impl = impl;
        Pure = pure;
        AsValue = new FeelFunction(this);
    }

    public Builtin(string name, Signature signature, BuiltinImpl impl, bool pure = true)
        : this(name, [signature], impl, pure)
    {
    }

    public override string Name => _name;

    public override IReadOnlyList<string> ParameterNames => _signatures[0].Parameters;

    /// <summary>False for <c>now()</c> and <c>today()</c>: they must not be folded when parsing.</summary>
    public bool Pure { get; }

    public FeelFunction AsValue { get; }

    public override FeelValue Invoke(FeelValue[] args, EvalState s)
    {
        s.Step();
        foreach (var sig in _signatures)
        {
            if (sig.Accepts(args.Length))
            {
                return Call(args, s);
            }
        }

        return s.Warn($"{_name} expects {string.Join(" or ", _signatures.Select(x => x.ToString()))} but got {args.Length} argument(s)");
    }

    private FeelValue Call(FeelValue[] args, EvalState s)
    {
        try
        {
            return _impl(args, s);
        }
        catch (OverflowException)
        {
            return s.Warn($"{_name}: the result is outside the number range");
        }
    }

    public override FeelValue InvokeNamed(string[] names, FeelValue[] values, EvalState s)
    {
        foreach (var sig in _signatures)
        {
            var indexes = new int[names.Length];
            var ok = true;
            var last = -1;
            for (var i = 0; i < names.Length && ok; i++)
            {
                indexes[i] = Array.IndexOf(sig.Parameters, names[i]);
                ok = indexes[i] >= 0;
                last = Math.Max(last, indexes[i]);
            }

            if (!ok || last + 1 < sig.Required)
            {
                continue;
            }

            var args = new FeelValue[last + 1];
            Array.Fill(args, FeelNull.Instance);
            var present = new bool[last + 1];
            for (var i = 0; i < names.Length; i++)
            {
                args[indexes[i]] = values[i];
                present[indexes[i]] = true;
            }

            if (present.Take(sig.Required).All(p => p))
            {
                s.Step();
                return Call(args, s);
            }
        }

        return s.Warn($"{_name} has no signature with the parameters ({string.Join(", ", names)}); it takes {string.Join(" or ", _signatures.Select(x => x.ToString()))}");
    }
}
