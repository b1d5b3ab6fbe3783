#pragma warning disable SA1402 // a family of small records: a scenario run's result and the failures and trace steps it lists.
namespace Orchestrator.Designer;

/// <summary>The outcome of one scenario run against a draft.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Passed">Whether every expectation held.</param>
/// <param name="Failures">What did not hold, step by step.</param>
/// <param name="Trace">What happened, in order (to play on the diagram).</param>
/// <param name="Error">Why the scenario could not run (a field that is wrong, an element it names that does not exist), or <c>null</c>.</param>
public sealed record ScenarioRunResult(string Name, bool Passed, IReadOnlyList<ScenarioFailure> Failures, IReadOnlyList<ScenarioTraceStep> Trace, string? Error);

/// <summary>
/// One failure of a scenario, read into its parts so that the page can say it in the person's language with the
/// elements' names (<see cref="Text"/> is the simulator's own line, shown as well).
/// </summary>
/// <param name="Step">The step (1-based), or <c>null</c> for the start.</param>
/// <param name="Kind">
/// <c>active</c>, <c>completed</c>, <c>notCompleted</c>, <c>ended</c>, <c>running</c>, <c>variable</c>, <c>task</c>,
/// <c>noTask</c>, <c>complete</c>, <c>message</c>, or <c>other</c> (only <see cref="Text"/>).
/// </param>
/// <param name="Elements">The elements the failure is about.</param>
/// <param name="Expected">What was expected (ids, or a value as JSON).</param>
/// <param name="Actual">What was found.</param>
/// <param name="ElapsedMinutes">The virtual time at that step, in minutes since the scenario's start.</param>
/// <param name="Text">The simulator's line.</param>
public sealed record ScenarioFailure(int? Step, string Kind, IReadOnlyList<string> Elements, string? Expected, string? Actual, long ElapsedMinutes, string Text);

/// <summary>One line of a run's trace.</summary>
/// <param name="ElapsedMinutes">Virtual minutes since the start.</param>
/// <param name="Element">The element (or the process id).</param>
/// <param name="Event">What happened (<c>started</c>, <c>completed</c>, <c>timer-fired</c>, …).</param>
public sealed record ScenarioTraceStep(long ElapsedMinutes, string Element, string Event);
