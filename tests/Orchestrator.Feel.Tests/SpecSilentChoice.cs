namespace Orchestrator.Feel.Tests;

/// <summary>One expression where the spec leaves the answer open and we chose differently from feelin.</summary>
/// <param name="Expression">The expression, exactly as in <see cref="DifferentialTests.TrickyCases"/> or as generated.</param>
/// <param name="Ours">Our value as JSON (<c>failure</c> for a failure).</param>
/// <param name="Feelin">feelin's value as JSON (<c>error</c> when it throws).</param>
/// <param name="Why">Why we chose ours, and why the spec does not decide.</param>
internal sealed record SpecSilentChoice(string Expression, string Ours, string Feelin, string Why);
