#pragma warning disable SA1402 // a family of small records: a case's journeys and the rows they list.
namespace Orchestrator.Cases.CaseFiles;

/// <summary>
/// What the case's journeys say about it: every process instance whose business key is the case's reference (called
/// journeys inherit it), their open tasks, their coming deadlines, and one timeline of the journeys' history merged
/// with the case file's own changes, newest first.
/// </summary>
/// <param name="Instances">The journeys, oldest first.</param>
/// <param name="OpenTasks">Open tasks, soonest due first (tasks without a due date last).</param>
/// <param name="Deadlines">Pending timers, soonest first.</param>
/// <param name="Timeline">What happened, newest first (at most <see cref="CaseFileService.TimelineLimit"/> entries).</param>
public sealed record CaseJourneys(IReadOnlyList<CaseJourney> Instances, IReadOnlyList<CaseOpenTask> OpenTasks, IReadOnlyList<CaseDeadline> Deadlines, IReadOnlyList<CaseTimelineEntry> Timeline)
{
    /// <summary>How many open tasks are past their due date.</summary>
    public int OverdueCount => OpenTasks.Count(t => t.Overdue);
}

/// <summary>One process instance of a case.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="ProcessId">The process id (<c>child-journey</c>).</param>
/// <param name="ProcessName">The process's name as drawn.</param>
/// <param name="Status"><c>active</c>, <c>completed</c>, <c>cancelled</c> or <c>terminated</c>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="ParentId">The calling instance, for a called journey.</param>
public sealed record CaseJourney(string InstanceId, string ProcessId, string? ProcessName, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? ParentId);

/// <summary>An open task of one of the case's journeys.</summary>
/// <param name="TaskId">The task id (its page is <c>/tasks/{id}</c>).</param>
/// <param name="InstanceId">Its instance.</param>
/// <param name="ProcessId">Its journey.</param>
/// <param name="ElementId">The task's element.</param>
/// <param name="Name">The task's name.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Due">When it is due.</param>
/// <param name="Assignee">Who holds it (display name), if anyone.</param>
/// <param name="CandidateGroups">The groups it is offered to.</param>
/// <param name="Overdue">Whether it is past its due date.</param>
public sealed record CaseOpenTask(string TaskId, string InstanceId, string ProcessId, string ElementId, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? Due, string? Assignee, IReadOnlyList<string> CandidateGroups, bool Overdue);

/// <summary>A coming deadline: a pending timer of one of the case's journeys (a reminder, an escalation, a time limit).</summary>
/// <param name="TimerId">The timer id.</param>
/// <param name="InstanceId">Its instance.</param>
/// <param name="ProcessId">Its journey.</param>
/// <param name="ElementId">The timer's element.</param>
/// <param name="Name">The timer's name as drawn (<c>day 45: limit reached</c>).</param>
/// <param name="DueAt">When it fires.</param>
/// <param name="Repeats">Whether it repeats (a cycle: a weekly meeting, a fortnightly evaluation).</param>
public sealed record CaseDeadline(string TimerId, string InstanceId, string ProcessId, string ElementId, string? Name, DateTimeOffset DueAt, bool Repeats);
