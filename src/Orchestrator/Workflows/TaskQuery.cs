
namespace Orchestrator.Workflows;

/// <summary>Filters of the task list (all optional), and the page: at most <see cref="Limit"/> tasks after the cursor <see cref="After"/>.</summary>
public sealed record TaskQuery(string? InstanceId = null, string? Assignee = null, string? CandidateGroup = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>At most this many tasks (1 to <see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = MaxLimit;

    /// <summary>The <see cref="TaskPage.Next"/> cursor of the previous page (opaque); <c>null</c> for the first page.</summary>
    public string? After { get; init; }

    /// <summary>Only tasks of this journey (process id).</summary>
    public string? ProcessId { get; init; }

    /// <summary>Only tasks of this case (the instance's business key, the case reference).</summary>
    public string? BusinessKey { get; init; }

    /// <summary>Which part of the inbox (<see cref="InboxView.All"/> by default); the due views count days in <see cref="Calendar"/>.</summary>
    public InboxView View { get; init; } = InboxView.All;

    /// <summary>The order (<see cref="TaskSort.Due"/> by default).</summary>
    public TaskSort Sort { get; init; } = TaskSort.Due;

    /// <summary>The time zone and first day of the week of the due views; <c>null</c>: the organisation's.</summary>
    public InboxCalendar? Calendar { get; init; }
}
