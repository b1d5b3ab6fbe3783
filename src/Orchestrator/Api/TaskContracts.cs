#pragma warning disable SA1402, SA1649 // a family of small records: the request and response bodies of the task API.
using System.Text.Json.Nodes;
using Orchestrator.Tasks;

namespace Orchestrator.Api;

/// <summary>Body of <c>POST /api/tasks/{id}/assign</c>.</summary>
/// <param name="Assignee">The colleague's account id.</param>
/// <param name="Reason">Why (kept in the history).</param>
public sealed record AssignTaskRequest(string? Assignee, string? Reason);

/// <summary>Body of <c>PUT /api/tasks/{id}/draft</c>.</summary>
/// <param name="Data">The form data so far.</param>
public sealed record SaveDraftRequest(JsonObject? Data);

/// <summary>Answer of <c>PUT /api/tasks/{id}/draft</c>.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="SavedAt">When the draft was saved.</param>
public sealed record DraftSavedResponse(string TaskId, DateTimeOffset SavedAt);

/// <summary>Body of <c>POST /api/task-views</c> and <c>PUT /api/task-views/{id}</c>.</summary>
/// <param name="Name">The view's name.</param>
/// <param name="Filters">What it shows (view, sort, journey, case, group).</param>
/// <param name="SharedWithGroup">A group of the caller's to share it with, or <c>null</c>.</param>
public sealed record SavedViewRequest(string? Name, InboxFilters? Filters, string? SharedWithGroup);
