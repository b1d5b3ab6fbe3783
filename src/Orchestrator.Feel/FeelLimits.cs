namespace Orchestrator.Feel;

/// <summary>
/// Bounds that keep hostile or mistaken expressions from using unbounded time, memory or stack.
/// The defaults suit workflow conditions and decisions: they are far above what a real expression
/// needs and low enough that a runaway one ends within a second or two.
/// </summary>
public sealed record FeelLimits
{
    /// <summary>The default limits.</summary>
    public static FeelLimits Default { get; } = new();

    /// <summary>Longest accepted expression text, in UTF-16 characters (default 10,000).</summary>
    public int MaxExpressionLength { get; init; } = 10_000;

    /// <summary>
    /// Deepest accepted syntax nesting (parentheses, brackets, operator chains; default 200).
    /// The parser and the evaluator recurse over the tree, so this bounds their stack use.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 200;

    /// <summary>Largest list an evaluation may build (default 1,000,000 items).</summary>
    public int MaxListSize { get; init; } = 1_000_000;

    /// <summary>Longest string an evaluation may build (default 10,000,000 characters).</summary>
    public int MaxStringLength { get; init; } = 10_000_000;

    /// <summary>
    /// Evaluation budget (default 10,000,000 steps). A step is one loop iteration, one function
    /// call, or a unit of work inside a built-in function proportional to the size of its input.
    /// </summary>
    public long MaxEvaluationSteps { get; init; } = 10_000_000;

    /// <summary>Deepest chain of nested user-defined function calls (default 256).</summary>
    public int MaxCallDepth { get; init; } = 256;

    /// <summary>Wall-clock bound for one evaluation (default 5 seconds), checked every few thousand steps.</summary>
    public TimeSpan MaxEvaluationTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one regular-expression match may run (default 1 second).</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many parsed expressions a <see cref="FeelEngine"/> keeps in its cache (default 4,096).</summary>
    public int MaxCachedExpressions { get; init; } = 4_096;
}
