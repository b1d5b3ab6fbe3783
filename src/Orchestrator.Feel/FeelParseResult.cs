namespace Orchestrator.Feel;

/// <summary>The outcome of parsing: a reusable expression, or the syntax errors found.</summary>
public sealed class FeelParseResult
{
    internal FeelParseResult(FeelExpression? expression, IReadOnlyList<FeelSyntaxError> errors)
    {
        Expression = expression;
        Errors = errors;
    }

    /// <summary>True when the text parsed and <see cref="Expression"/> is set.</summary>
    public bool Succeeded => Expression is not null;

    /// <summary>The parsed expression; null when parsing failed.</summary>
    public FeelExpression? Expression { get; }

    /// <summary>The syntax errors; empty when parsing succeeded.</summary>
    public IReadOnlyList<FeelSyntaxError> Errors { get; }
}
