namespace Orchestrator.Engine.Runtime.Timers;

/// <summary>The first due time of a timer and, for cycles, how it repeats; <see cref="Never"/> when a cycle never fires.</summary>
internal readonly record struct TimerPlan(DateTimeOffset Due, int Repeat, string? Cycle, bool Never = false);
