using Orchestrator.Feel.Evaluation;

namespace Orchestrator.Feel.Builtins;

/// <summary>Argument checks shared by the built-ins; each failure is a warning naming the function and parameter.</summary>
internal static class Args
{
    public static FeelNull Bad(EvalState s, string function, string parameter, string expected, FeelValue actual) =>
        s.Warn($"{function}: parameter '{parameter}' must be {expected}, got {Operators.TypeName(actual)}");

    public static bool Number(FeelValue v, out decimal d)
    {
        if (v is FeelNumber n)
        {
            d = n.Value;
            return true;
        }

        d = 0;
        return false;
    }

    public static bool Integer(FeelValue v, out int i)
    {
        if (v is FeelNumber n && Numbers.IsInteger(n.Value) && n.Value is >= int.MinValue and <= int.MaxValue)
        {
            i = (int)n.Value;
            return true;
        }

        i = 0;
        return false;
    }

    /// <summary>A list argument; a single non-list value counts as a list of one (the spec's implicit conversion).</summary>
    public static FeelList? List(FeelValue v) => v switch
    {
        FeelList l => l,
        FeelNull => null,
        _ => FeelList.Wrap([v]),
    };

    /// <summary>Variadic list functions: <c>f(list)</c> or <c>f(a, b, c)</c>.</summary>
    public static FeelList? Items(FeelValue[] args) =>
        args.Length == 1 ? List(args[0]) : FeelList.Wrap((FeelValue[])args.Clone());

    public static FeelValue Number(decimal d) => new FeelNumber(d);

    public static FeelValue Bool(bool b) => FeelBoolean.Of(b);
}
