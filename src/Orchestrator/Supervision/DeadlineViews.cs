#pragma warning disable SA1402, SA1649 // a family of small records: the deadline list's query, row and page.
namespace Orchestrator.Supervision;

/// <summary>Which deadlines to list: those falling due within <see cref="Days"/> days or already late, optionally for one case, worker or facility.</summary>
public sealed record DeadlineQuery
{
    /// <summary>The window when none is given.</summary>
    public const int DefaultDays = 7;

    /// <summary>The widest window.</summary>
    public const int MaxDays = 366;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Days ahead, counted as calendar days in the organisation's time zone (today is day 0; 0 to <see cref="MaxDays"/>).</summary>
    public int Days { get; init; } = DefaultDays;

    /// <summary>Only this case reference.</summary>
    public string? CaseReference { get; init; }

    /// <summary>Only this worker (user id): their tasks, and the timers of the journeys in which they hold an open task.</summary>
    public string? Worker { get; init; }

    /// <summary>Only cases placed in this facility (id).</summary>
    public string? FacilityId { get; init; }

    /// <summary>The previous page's <see cref="DeadlinePage.Next"/>.</summary>
    public string? After { get; init; }

    /// <summary>At most this many (1 to <see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = 100;
}

/// <summary>One deadline: an open task with a due date, or a pending timer of a journey.</summary>
/// <param name="Kind"><c>task</c> or <c>timer</c>.</param>
/// <param name="Id">The task or timer id.</param>
/// <param name="InstanceId">The journey instance.</param>
/// <param name="ProcessId">The journey.</param>
/// <param name="ElementId">The task or timer event.</param>
/// <param name="Name">What falls due, in words from the element names (<see cref="DeadlineNames"/>).</param>
/// <param name="CaseReference">The case reference.</param>
/// <param name="DueAt">When it falls due.</param>
/// <param name="IsLate">Whether that moment has passed.</param>
public sealed record Deadline(string Kind, string Id, string InstanceId, string ProcessId, string ElementId, string Name, string? CaseReference, DateTimeOffset DueAt, bool IsLate)
{
    /// <summary>A task's.</summary>
    public const string TaskKind = "task";

    /// <summary>A timer's.</summary>
    public const string TimerKind = "timer";

    /// <summary>Who answers for it: a task's assignee; for a timer, whoever holds an open task of the same instance (user ids).</summary>
    public IReadOnlyList<string> Workers { get; init; } = [];

    /// <summary>A task's candidate groups (who may take it while nobody holds it).</summary>
    public IReadOnlyList<string> CandidateGroups { get; init; } = [];

    /// <summary>The facility the case is placed in (id), if any.</summary>
    public string? FacilityId { get; init; }
}

/// <summary>One page of deadlines, soonest (most late) first, with the counts of the whole window.</summary>
/// <param name="Items">The deadlines of this page.</param>
/// <param name="Next">The cursor of the next page, or <c>null</c>.</param>
/// <param name="Total">Deadlines in the window (late ones included) for the filters.</param>
/// <param name="Late">Of those, already late.</param>
/// <param name="Horizon">The end of the window.</param>
public sealed record DeadlinePage(IReadOnlyList<Deadline> Items, string? Next, int Total, int Late, DateTimeOffset Horizon);
