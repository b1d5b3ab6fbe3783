#pragma warning disable SA1402, SA1649 // a family of small records: the request and response bodies of the process and instance API.
using System.Text.Json.Nodes;

namespace Orchestrator.Api;

/// <summary>One process deployed by <c>POST /api/definitions</c>.</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Version">The version now current (new, or the existing one when the content was unchanged).</param>
public sealed record DeployedProcessResponse(string ProcessId, int Version);

/// <summary>Body of <c>POST /api/processes/{processId}/instances</c> (optional).</summary>
/// <param name="Variables">Start variables.</param>
/// <param name="BusinessKey">The business key (for example the case reference).</param>
public sealed record StartInstanceRequest(JsonObject? Variables, string? BusinessKey);

/// <summary>Body of <c>PUT /api/instances/{id}/variables</c>.</summary>
/// <param name="Variables">The process variables to set (at least one); each replaces the value of that name.</param>
public sealed record SetVariablesRequest(JsonObject? Variables);

/// <summary>A started instance.</summary>
/// <param name="Id">Its id.</param>
public sealed record StartedInstanceResponse(string Id);

/// <summary>Body of <c>POST /api/tasks/{id}/complete</c> (optional).</summary>
/// <param name="Variables">The form data / output variables.</param>
public sealed record CompleteTaskRequest(JsonObject? Variables);

/// <summary>Body of <c>POST /api/messages</c>.</summary>
/// <param name="Name">The message name (required).</param>
/// <param name="CorrelationKey">The correlation key (for example the case reference).</param>
/// <param name="Variables">Variables the message carries.</param>
public sealed record MessageRequest(string? Name, string? CorrelationKey, JsonObject? Variables);

/// <summary>Answer of <c>POST /api/messages</c>.</summary>
/// <param name="Correlated">The instances the message reached (or started).</param>
public sealed record CorrelatedResponse(IReadOnlyList<string> Correlated);
