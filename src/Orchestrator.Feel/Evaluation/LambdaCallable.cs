using System.Runtime.CompilerServices;
using Orchestrator.Feel.Syntax;

namespace Orchestrator.Feel.Evaluation;

/// <summary>
/// A <c>function(a, b) body</c> closed over the scope it was defined in. Parameters declared with a
/// type (<c>function(a: number)</c>) take only conforming arguments, after the singleton-list
/// conversions (DMN 1.5 §10.3.2.9.4); otherwise the invocation is null (table 63; DMN TCK 0082 fd_002).
/// </summary>
internal sealed class LambdaCallable(string[] parameters, FeelType?[]? types, Node body, Scope closure) : Callable
{
    public override string? Name => null;

    public override IReadOnlyList<string> ParameterNames => parameters;

    public override FeelValue Invoke(FeelValue[] args, EvalState s)
    {
        if (args.Length != parameters.Length)
        {
            return s.Warn($"function({string.Join(", ", parameters)}) expects {parameters.Length} argument(s) but got {args.Length}");
        }

        if (types is not null && !Conform(ref args, s))
        {
            return FeelNull.Instance;
        }

        s.Step();
        if (s.CallDepth >= s.Limits.MaxCallDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new FeelLimitException($"function calls nested deeper than {s.Limits.MaxCallDepth}");
        }

        s.CallDepth++;
        try
        {
            return body.Eval(s, new MultiScope(parameters, args, closure));
        }
        finally
        {
            s.CallDepth--;
        }
    }

    private bool Conform(ref FeelValue[] args, EvalState s)
    {
        var copied = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (types![i] is not { } type || args[i].IsNull || type.Matches(args[i]))
            {
                continue;
            }

            FeelValue? converted = args[i] is FeelList { Count: 1 } single && type.Matches(single[0]) ? single[0]
                : type is ListType list && list.Item.Matches(args[i]) ? FeelList.Wrap([args[i]])
                : null;
            if (converted is null)
            {
                s.Warn($"function({string.Join(", ", parameters)}): argument '{parameters[i]}' is {Operators.TypeName(args[i])}, which does not conform to its declared type");
                return false;
            }

            if (!copied)
            {
                args = (FeelValue[])args.Clone();
                copied = true;
            }

            args[i] = converted;
        }

        return true;
    }

    public override FeelValue InvokeNamed(string[] names, FeelValue[] values, EvalState s)
    {
        var args = new FeelValue[parameters.Length];
        Array.Fill(args, FeelNull.Instance);
        for (var i = 0; i < names.Length; i++)
        {
            var index = Array.IndexOf(parameters, names[i]);
            if (index < 0)
            {
                return s.Warn($"function({string.Join(", ", parameters)}) has no parameter named '{names[i]}'");
            }

            args[index] = values[i];
        }

        return Invoke(args, s);
    }
}
