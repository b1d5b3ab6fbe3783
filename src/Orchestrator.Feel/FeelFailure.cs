namespace Orchestrator.Feel;

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
