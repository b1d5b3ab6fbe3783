using System.Text.Json.Nodes;

namespace Orchestrator.Workflows;

/// <summary>Who acts: a signed-in person or a program (API key), with their roles.</summary>
/// <param name="Id">The user id (Identity user id, or the API key's name).</param>
/// <param name="DisplayName">The name shown in history.</param>
/// <param name="Roles">The roles (and so the candidate groups the actor belongs to).</param>
public sealed record Actor(string Id, string DisplayName, IReadOnlySet<string> Roles)
{
    /// <summary>The coordinator role: sees every task.</summary>
    public const string CoordinatorRole = "coordinator";

    /// <summary>The admin role: sees every task.</summary>
    public const string AdminRole = "admin";

    /// <summary>Whether the actor sees (and may complete) every task: coordinators and admins.</summary>
    public bool SeesAllTasks => Roles.Contains(CoordinatorRole) || Roles.Contains(AdminRole);

    /// <summary>The service itself (start-up deployment, timers, jobs).</summary>
    public static Actor System { get; } = new("system", "System", new HashSet<string>(StringComparer.Ordinal) { AdminRole });

    /// <summary>The prefix of an outside recipient's actor id (<c>external:consul@example.org</c>).</summary>
    public const string ExternalPrefix = "external:";

    /// <summary>An outside recipient acting through an email-action link: may act only on tasks whose <c>orc:externalRecipient</c> is this address.</summary>
    /// <param name="email">The recipient's address.</param>
    public static Actor ExternalRecipient(string email) => new(ExternalPrefix + email, email, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The address of an outside recipient, or <c>null</c> for staff, programs and the system.</summary>
    public string? ExternalEmail => Id.StartsWith(ExternalPrefix, StringComparison.Ordinal) ? Id[ExternalPrefix.Length..] : null;
}

/// <summary>One process deployed (or found unchanged).</summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="Version">Its version.</param>
/// <param name="Created">Whether a new version was created (false when the content was unchanged).</param>
public sealed record DeploymentOutcome(string ProcessId, int Version, bool Created);

/// <summary>One deployed version of a process.</summary>
public sealed record DefinitionSummary(string ProcessId, string? Name, int Version, string ContentHash, string DeployedBy, DateTimeOffset DeployedAt);

/// <summary>An incident as the API shows it.</summary>
public sealed record IncidentView(string Id, string InstanceId, string ElementId, string Type, string Message, DateTimeOffset Created)
{
    /// <summary>The process id of the instance.</summary>
    public string? ProcessId { get; init; }
}

/// <summary>A process instance as the API shows it.</summary>
public sealed record InstanceView(
    string Id,
    string ProcessId,
    int Version,
    string? BusinessKey,
    string Status,
    IReadOnlyList<string> Active,
    JsonObject Variables,
    IReadOnlyList<IncidentView> Incidents)
{
    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The calling instance, for instances started by a call activity.</summary>
    public string? ParentId { get; init; }
}

/// <summary>One entry of an instance's audit trail.</summary>
public sealed record HistoryEntry(long Sequence, DateTimeOffset At, string Type, string? ElementId, string? UserId, JsonObject? Detail)
{
    /// <summary>The instance.</summary>
    public string InstanceId { get; init; } = "";

    /// <summary>The task, timer, job, incident or subscription id the entry is about.</summary>
    public string? ItemId { get; init; }
}

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

/// <summary>One page of the task list.</summary>
/// <param name="Tasks">The tasks, in inbox order.</param>
/// <param name="Next">The cursor of the next page, or <c>null</c> when this page is the last.</param>
public sealed record TaskPage(IReadOnlyList<TaskView> Tasks, string? Next);

/// <summary>An open user task as the inbox shows it.</summary>
public sealed record TaskView(
    string Id,
    string ElementId,
    string? Name,
    string InstanceId,
    IReadOnlyList<string> CandidateGroups,
    string? Assignee,
    DateTimeOffset? Due,
    string? FormKey)
{
    /// <summary>Priority (50 by default).</summary>
    public int Priority { get; init; }

    /// <summary>When the task was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>The process id.</summary>
    public string ProcessId { get; init; } = "";

    /// <summary>The business key of the instance.</summary>
    public string? BusinessKey { get; init; }

    /// <summary>Candidate users.</summary>
    public IReadOnlyList<string> CandidateUsers { get; init; } = [];

    /// <summary>Email of an outside recipient who completes the task through a link.</summary>
    public string? ExternalRecipient { get; init; }

    /// <summary>The assignee's name as people know them (the staff account's display name, else its user name).</summary>
    public string? AssigneeName { get; init; }
}
