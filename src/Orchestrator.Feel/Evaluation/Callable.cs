using System.Runtime.CompilerServices;
using Orchestrator.Feel.Syntax;

namespace Orchestrator.Feel.Evaluation;

/// <summary>What a <see cref="FeelFunction"/> calls: a built-in or a function definition.</summary>
internal abstract class Callable
{
    public abstract string? Name { get; }

    public abstract IReadOnlyList<string> ParameterNames { get; }

    public abstract FeelValue Invoke(FeelValue[] args, EvalState s);

    public abstract FeelValue InvokeNamed(string[] names, FeelValue[] values, EvalState s);
}

/// <summary>A <c>function(a, b) body</c> closed over the scope it was defined in.</summary>
internal sealed class LambdaCallable(string[] parameters, Node body, Scope closure) : Callable
{
    public override string? Name => null;

    public override IReadOnlyList<string> ParameterNames => parameters;

    public override FeelValue Invoke(FeelValue[] args, EvalState s)
    {
        if (args.Length != parameters.Length)
        {
            return s.Warn($"function({string.Join(", ", parameters)}) expects {parameters.Length} argument(s) but got {args.Length}");
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
