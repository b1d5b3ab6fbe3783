namespace Orchestrator.Feel.Evaluation;

/// <summary>What a <see cref="FeelFunction"/> calls: a built-in or a function definition.</summary>
internal abstract class Callable
{
    public abstract string? Name { get; }

    public abstract IReadOnlyList<string> ParameterNames { get; }

    public abstract FeelValue Invoke(FeelValue[] args, EvalState s);

    public abstract FeelValue InvokeNamed(string[] names, FeelValue[] values, EvalState s);
}
