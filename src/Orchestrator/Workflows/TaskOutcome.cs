using System.Text.Json.Nodes;

namespace Orchestrator.Workflows;

/// <summary>A task of the journey completed earlier, with what it recorded (the variables it set, from the history).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="ElementId">Its element.</param>
/// <param name="Name">Its name in the journey.</param>
/// <param name="At">When it was completed.</param>
/// <param name="CompletedBy">Who completed it (account id).</param>
/// <param name="CompletedByName">Who, by name.</param>
/// <param name="Values">The variables it set, in the order it set them.</param>
public sealed record TaskOutcome(string TaskId, string ElementId, string? Name, DateTimeOffset At, string? CompletedBy, string? CompletedByName, IReadOnlyList<KeyValuePair<string, JsonNode?>> Values);
