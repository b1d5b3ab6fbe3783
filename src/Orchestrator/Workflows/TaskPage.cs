
namespace Orchestrator.Workflows;

/// <summary>One page of the task list.</summary>
/// <param name="Tasks">The tasks, in inbox order.</param>
/// <param name="Next">The cursor of the next page, or <c>null</c> when this page is the last.</param>
public sealed record TaskPage(IReadOnlyList<TaskView> Tasks, string? Next);
