namespace Orchestrator.Workflows;

/// <summary>
/// The parts of a person's inbox (the task list's <c>view</c>). The due views split the open tasks by their deadline
/// without overlapping: <see cref="Overdue"/> is past now; <see cref="DueToday"/> from now to the end of today;
/// <see cref="DueThisWeek"/> from now to the end of the week, the week as the person's language counts it (Sunday or
/// Monday first), days in the organisation's time zone.
/// </summary>
public enum InboxView
{
    /// <summary>Every task of the person: held by them, or unclaimed and offered to them or their groups (coordinators: every open task).</summary>
    All,

    /// <summary>Tasks assigned to the person.</summary>
    AssignedToMe,

    /// <summary>Unclaimed tasks offered to the person's groups (or to them by name).</summary>
    MyGroups,

    /// <summary>Tasks whose deadline has passed.</summary>
    Overdue,

    /// <summary>Tasks due from now until the end of today.</summary>
    DueToday,

    /// <summary>Tasks due from now until the end of this week.</summary>
    DueThisWeek,
}
