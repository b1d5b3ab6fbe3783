using System.Text.Json.Serialization;

namespace Orchestrator.Engine.Simulation;

/// <summary>An incident in the report.</summary>
/// <param name="Element">The element it happened at.</param>
/// <param name="Message">Why.</param>
public sealed record IncidentEntry(
    [property: JsonPropertyName("element")] string Element,
    [property: JsonPropertyName("message")] string Message);
