using System.Text.Json.Nodes;

namespace Orchestrator.Workflows;

/// <summary>What a task's form opens with (<c>GET /api/tasks/{id}/form</c>).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="FormKey">The task's form key, or <c>null</c> for a task without a form.</param>
/// <param name="Schema">The form-js schema of that key, or <c>null</c> when no form of that key is deployed.</param>
/// <param name="Variables">The variables the task sees (its scope and the instance's), which fill the form.</param>
public sealed record TaskForm(string TaskId, string? FormKey, JsonObject? Schema, JsonObject Variables);
