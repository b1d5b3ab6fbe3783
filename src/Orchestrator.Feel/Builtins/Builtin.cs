using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Builtins;

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
        _scalarMasks = [.. signatures.Select(sig => ScalarFunctions.Contains(name) && sig.Parameters.Any(ScalarParameters.Contains)
            ? sig.Parameters.Select(ScalarParameters.Contains).ToArray()
            : null)];
    }

    /// <summary>Functions whose parameters named in <see cref="ScalarParameters"/> take one string, number or date.</summary>
    private static readonly HashSet<string> ScalarFunctions =
    [
        "substring", "string length", "upper case", "lower case", "substring before", "substring after", "contains", "starts with",
        "ends with", "matches", "replace", "split", "extract", "string join", "decimal", "floor", "ceiling", "round up", "round down",
        "round half up", "round half down", "round half even", "abs", "modulo", "sqrt", "log", "exp", "odd", "even", "date", "time",
        "day of year", "day of week", "month of year", "week of year",
    ];

    private static readonly HashSet<string> ScalarParameters =
    [
        "string", "start position", "length", "match", "input", "pattern", "replacement", "flags", "delimiter", "n", "scale",
        "dividend", "divisor", "number", "year", "month", "day", "hour", "minute", "second", "offset", "date",
    ];

    /// <summary>Per signature: which parameters take a single value (null when none do).</summary>
    private readonly bool[]?[] _scalarMasks;

    /// <summary>
    /// The implicit conversion from a singleton list (DMN 1.5 §10.3.2.9.4): a one-item list passed
    /// where a single string, number or date is expected is that item, so
    /// <c>upper case(names[item = "Bob"])</c> is "BOB" (DMN TCK 0021).
    /// </summary>
    private void UnwrapSingletons(int signature, FeelValue[] args)
    {
        if (_scalarMasks[signature] is not { } mask)
        {
            return;
        }

        for (var i = 0; i < args.Length && i < mask.Length; i++)
        {
            if (mask[i] && args[i] is FeelList { Count: 1 } single)
            {
                args[i] = single[0];
            }
        }
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
        for (var i = 0; i < _signatures.Length; i++)
        {
            if (_signatures[i].Accepts(args.Length))
            {
                UnwrapSingletons(i, args);
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

    /// <summary>
    /// Named arguments pick the signature whose parameter names cover them; parameters left out are
    /// bound to null (DMN 1.5 §10.3.2.13.5), required ones included, so <c>is(value1: x)</c> is
    /// <c>is(x, null)</c>. A signature that needs no left-out required parameter is preferred.
    /// </summary>
    public override FeelValue InvokeNamed(string[] names, FeelValue[] values, EvalState s)
    {
        FeelValue[]? fallback = null;
        var fallbackSignature = 0;
        for (var signature = 0; signature < _signatures.Length; signature++)
        {
            var sig = _signatures[signature];
            var indexes = new int[names.Length];
            var ok = true;
            var last = -1;
            for (var i = 0; i < names.Length && ok; i++)
            {
                indexes[i] = Array.IndexOf(sig.Parameters, names[i]);
                ok = indexes[i] >= 0;
                last = Math.Max(last, indexes[i]);
            }

            if (!ok)
            {
                continue;
            }

            var args = new FeelValue[Math.Max(last + 1, sig.Required)];
            Array.Fill(args, FeelNull.Instance);
            var present = new bool[args.Length];
            for (var i = 0; i < names.Length; i++)
            {
                args[indexes[i]] = values[i];
                present[indexes[i]] = true;
            }

            if (present.Take(sig.Required).All(p => p))
            {
                s.Step();
                UnwrapSingletons(signature, args);
                return Call(args, s);
            }

            if (fallback is null)
            {
                fallback = args;
                fallbackSignature = signature;
            }
        }

        if (fallback is not null)
        {
            s.Step();
            UnwrapSingletons(fallbackSignature, fallback);
            return Call(fallback, s);
        }

        return s.Warn($"{_name} has no signature with the parameters ({string.Join(", ", names)}); it takes {string.Join(" or ", _signatures.Select(x => x.ToString()))}");
    }
}
