namespace Orchestrator.Engine.Runtime;

/// <summary>One occurrence of a timer start event, kept by the host (see <see cref="WorkflowEngine.PlanStartTimers"/>).</summary>
/// <param name="ProcessId">The process.</param>
/// <param name="Version">The deployed version.</param>
/// <param name="StartEventId">The timer start event.</param>
/// <param name="Due">When it falls due.</param>
/// <param name="RepetitionsLeft">Cycle repetitions after this one; -1 for unbounded, 0 for none.</param>
/// <param name="Cycle">The cycle text when it repeats.</param>
public sealed record StartTimerPlan(string ProcessId, int Version, string StartEventId, DateTimeOffset Due, int RepetitionsLeft, string? Cycle);
