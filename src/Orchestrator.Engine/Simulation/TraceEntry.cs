using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Simulation;

/// <summary>One line of the trace.</summary>
/// <param name="At">When, on the virtual clock.</param>
/// <param name="Element">The element id, or the process id for instance-level events.</param>
/// <param name="Event">What happened (for example <c>started</c>, <c>completed</c>, <c>timer-fired</c>).</param>
public sealed record TraceEntry(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("element")] string Element,
    [property: JsonPropertyName("event")] string Event);
