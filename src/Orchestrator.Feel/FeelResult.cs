namespace Orchestrator.Feel;

/// <summary>The outcome of an evaluation: a value, the warnings raised on the way, and a failure when it could not run.</summary>
public sealed class FeelResult
{
    internal FeelResult(FeelValue value, IReadOnlyList<FeelWarning> warnings, FeelFailure? failure)
    {
        Value = value;
        Warnings = warnings;
        Failure = failure;
    }

    /// <summary>The value; <see cref="FeelNull"/> after a failure or a semantic error.</summary>
    public FeelValue Value { get; }

    /// <summary>Semantic problems met during evaluation (each made some part of the expression null).</summary>
    public IReadOnlyList<FeelWarning> Warnings { get; }

    /// <summary>Why the evaluation did not run to its end (syntax error or limit); null when it did.</summary>
    public FeelFailure? Failure { get; }

    /// <summary>True when there is no <see cref="Failure"/> (there may still be warnings).</summary>
    public bool Succeeded => Failure is null;
}
