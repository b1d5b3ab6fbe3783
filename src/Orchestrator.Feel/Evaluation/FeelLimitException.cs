namespace Orchestrator.Feel.Evaluation;

/// <summary>Thrown inside an evaluation when a bound of <see cref="FeelLimits"/> is hit; never leaves the library.</summary>
#pragma warning disable CA1064 // Internal by design: FeelExpression turns it into a FeelFailure, callers never see it.
internal sealed class FeelLimitException(string message) : Exception(message);
#pragma warning restore CA1064
