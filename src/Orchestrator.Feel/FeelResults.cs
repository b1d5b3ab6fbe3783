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

/// <summary>A syntax error at a 1-based line and column; the message names what was found and what was expected.</summary>
/// <param name="Line">1-based line of the error.</param>
/// <param name="Column">1-based column (in UTF-16 characters) of the error.</param>
/// <param name="Message">What was found and what was expected there.</param>
public sealed record FeelSyntaxError(int Line, int Column, string Message)
{
    /// <summary>Formats the error as <c>line L, column C: message</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() => $"line {Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}, column {Column.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Message}";
}

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

/// <summary>A semantic problem met during evaluation; the spec turns it into null.</summary>
/// <param name="Message">What went wrong.</param>
public sealed record FeelWarning(string Message);

/// <summary>Why an evaluation did not produce a value.</summary>
/// <param name="Code"><c>syntax</c> (the text does not parse) or <c>limit</c> (a bound of <see cref="FeelLimits"/> was hit).</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record FeelFailure(string Code, string Message)
{
    /// <summary>The code of a syntax failure.</summary>
    public const string Syntax = "syntax";

    /// <summary>The code of a limit failure (budget, depth, list or string size, time).</summary>
    public const string Limit = "limit";
}
