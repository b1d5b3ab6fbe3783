using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary>The query parameters of <c>GET /api/tasks</c> and <c>GET /api/tasks/counts</c>, read as text (each is checked with its name).</summary>
internal sealed class TaskListParameters
{
    public string? InstanceId { get; init; }

    public string? Assignee { get; init; }

    public string? CandidateGroup { get; init; }

    public string? ProcessId { get; init; }

    public string? BusinessKey { get; init; }

    public string? View { get; init; }

    public string? Sort { get; init; }

    public string? Limit { get; init; }

    public string? After { get; init; }

    /// <summary>The filters as a task query (view, order and page are set by the caller).</summary>
    public TaskQuery ToQuery() => new(Blank(InstanceId), Blank(Assignee), Blank(CandidateGroup)) { ProcessId = Blank(ProcessId), BusinessKey = Blank(BusinessKey) };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
