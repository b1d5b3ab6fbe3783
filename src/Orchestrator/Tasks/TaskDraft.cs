using System.Text.Json.Nodes;

namespace Orchestrator.Tasks;

/// <summary>A person's saved, half-filled form of a task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Data">The form data as the form-js viewer gives it.</param>
/// <param name="SavedAt">When it was saved.</param>
public sealed record TaskDraft(string TaskId, JsonObject Data, DateTimeOffset SavedAt);
