namespace Orchestrator.Persistence;

/// <summary>One deployed version of a process (table <c>process_definitions</c>).</summary>
public sealed class DefinitionRecord
{
    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The version (1, 2, …).</summary>
    public int Version { get; set; }

    /// <summary>The process name.</summary>
    public string? Name { get; set; }

    /// <summary>The file name it was deployed from.</summary>
    public string SourceName { get; set; } = "";

    /// <summary>The BPMN XML as deployed.</summary>
    public string Xml { get; set; } = "";

    /// <summary>SHA-256 of the XML (lower-case hex).</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>Who deployed it.</summary>
    public string DeployedBy { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset DeployedAt { get; set; }
}

/// <summary>A process instance with the engine's state document (table <c>process_instances</c>).</summary>
public sealed class InstanceRecord
{
    /// <summary>The instance id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The deployed version it runs.</summary>
    public int Version { get; set; }

    /// <summary>The business key.</summary>
    public string? BusinessKey { get; set; }

    /// <summary><c>active</c>, <c>completed</c>, <c>cancelled</c> or <c>terminated</c>.</summary>
    public string Status { get; set; } = "";

    /// <summary>The engine's state document (<c>ProcessInstanceState.ToJson()</c>).</summary>
    public string State { get; set; } = "";

    /// <summary>The calling instance, for instances started by a call activity.</summary>
    public string? ParentId { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the row last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The optimistic-concurrency version: incremented by every command, checked on update.</summary>
    public int RowVersion { get; set; }

    /// <summary>
    /// The elements the instance waits at now, as <see cref="ActiveElementList"/> writes them (<c>|Task_A|Timer_B|</c>;
    /// empty once it ended), kept by every command beside <see cref="State"/> so that supervision counts instances per
    /// element without reading the state documents. <c>null</c> on rows no command has touched since the column came.
    /// </summary>
    public string? ActiveElements { get; set; }
}

/// <summary>A user task (table <c>user_tasks</c>); open ones make the inbox.</summary>
public sealed class TaskRecord
{
    /// <summary>The task id (<c>{instanceId}:{n}</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The business key of the instance.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>The user task element id.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The element name.</summary>
    public string? Name { get; set; }

    /// <summary>The assignee.</summary>
    public string? Assignee { get; set; }

    /// <summary>Due date.</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>Follow-up date.</summary>
    public DateTimeOffset? FollowUp { get; set; }

    /// <summary>Priority.</summary>
    public int Priority { get; set; }

    /// <summary>The inbox's first sort key: <see cref="Due"/> as UTC ticks, <see cref="long.MaxValue"/> without one (see <see cref="DueSortOf"/>).</summary>
    public long DueSort { get; set; } = long.MaxValue;

    /// <summary>Form key.</summary>
    public string? FormKey { get; set; }

    /// <summary>Email of an outside recipient who completes the task through a link.</summary>
    public string? ExternalRecipient { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary><c>open</c>, <c>completed</c> or <c>cancelled</c>.</summary>
    public string Status { get; set; } = TaskStatuses.Open;

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Who completed it.</summary>
    public string? EndedBy { get; set; }

    /// <summary>Candidate groups and users.</summary>
    public List<TaskCandidateRecord> Candidates { get; set; } = [];

    /// <summary>
    /// The due date as one non-null, index-ordered number: tasks without a due date sort last on every provider (SQLite
    /// puts NULL first, PostgreSQL last), and the inbox order becomes (due_sort, priority desc, created_at, id).
    /// </summary>
    /// <param name="due">The due date.</param>
    public static long DueSortOf(DateTimeOffset? due) => due?.UtcTicks ?? long.MaxValue;

    /// <summary>Copies the inbox keys of this task into its candidate rows (see <see cref="TaskCandidateRecord"/>).</summary>
    public void SyncCandidates()
    {
        foreach (var c in Candidates)
        {
            c.Offered = Status == TaskStatuses.Open && Assignee is null;
            c.DueSort = DueSort;
            c.Priority = Priority;
            c.CreatedAt = CreatedAt;
        }
    }
}

/// <summary>Task statuses.</summary>
public static class TaskStatuses
{
    /// <summary>In an inbox.</summary>
    public const string Open = "open";

    /// <summary>Completed by someone.</summary>
    public const string Completed = "completed";

    /// <summary>Cancelled with its scope.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>
/// A candidate group or user of a task (table <c>user_task_candidates</c>). It carries copies of the task's inbox keys
/// (offered, due, priority, created) so that "the unclaimed open tasks of group g, in inbox order" is one range of the
/// index <c>ix_user_task_candidates_inbox</c> read with a LIMIT, instead of a join that sorts every open task of the
/// group (issue 4: 100,000 open tasks). <see cref="Orchestrator.Workflows.WorkflowService"/> keeps the copies in step
/// with the task row in the same transaction (migration <c>20261122000300_InboxSortKeys</c> filled them for older rows).
/// </summary>
public sealed class TaskCandidateRecord
{
    /// <summary>The task.</summary>
    public string TaskId { get; set; } = "";

    /// <summary><c>group</c> or <c>user</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The group (role) or user id.</summary>
    public string Name { get; set; } = "";

    /// <summary>The task is open and nobody holds it: it is in this candidate's inbox.</summary>
    public bool Offered { get; set; }

    /// <summary>Copy of <see cref="TaskRecord.DueSort"/>.</summary>
    public long DueSort { get; set; } = long.MaxValue;

    /// <summary>Copy of <see cref="TaskRecord.Priority"/>.</summary>
    public int Priority { get; set; }

    /// <summary>Copy of <see cref="TaskRecord.CreatedAt"/>.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Candidate kinds.</summary>
public static class CandidateKinds
{
    /// <summary>A candidate group (a role).</summary>
    public const string Group = "group";

    /// <summary>A candidate user.</summary>
    public const string User = "user";
}

/// <summary>A timer (table <c>timers</c>): the truth the scheduler fires from.</summary>
public sealed class TimerRecord
{
    /// <summary>The timer id (<c>{instanceId}:{n}</c>, or <c>start:{process}:{version}:{event}:{due ticks}</c> for timer start events).</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance; <c>null</c> for a timer start event.</summary>
    public string? InstanceId { get; set; }

    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The process version (for timer start events).</summary>
    public int ProcessVersion { get; set; }

    /// <summary>The timer event element id.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>When it falls due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Cycle repetitions after this one; -1 unbounded.</summary>
    public int Repetitions { get; set; }

    /// <summary>The cycle (timer start events).</summary>
    public string? Cycle { get; set; }

    /// <summary><c>pending</c>, <c>fired</c> or <c>cancelled</c>.</summary>
    public string Status { get; set; } = TimerStatuses.Pending;

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it fired.</summary>
    public DateTimeOffset? FiredAt { get; set; }
}

/// <summary>Timer statuses.</summary>
public static class TimerStatuses
{
    /// <summary>Waiting to fire.</summary>
    public const string Pending = "pending";

    /// <summary>Fired.</summary>
    public const string Fired = "fired";

    /// <summary>Cancelled (its scope ended, or a new version replaced a timer start event).</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>A pending job (table <c>jobs</c>): one attempt of a service or send task, leased by a worker.</summary>
public sealed class JobRecord
{
    /// <summary>The job id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The task element.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The handler type.</summary>
    public string Type { get; set; } = "";

    /// <summary><c>service</c> or <c>send</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Attempts left, this one included.</summary>
    public int Retries { get; set; }

    /// <summary>Not before this time.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The worker holding the lease.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when the lease holds.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>The last failure.</summary>
    public string? LastError { get; set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An open message subscription (table <c>message_subscriptions</c>).</summary>
public sealed class SubscriptionRecord
{
    /// <summary>The subscription id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The catching element.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The message name.</summary>
    public string MessageName { get; set; } = "";

    /// <summary>The correlation key; <c>null</c> accepts any.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>When it opened.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An incident (table <c>incidents</c>).</summary>
public sealed class IncidentRecord
{
    /// <summary>The incident id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The instance.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>The process id.</summary>
    public string ProcessId { get; set; } = "";

    /// <summary>The element.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The kind.</summary>
    public string Type { get; set; } = "";

    /// <summary>What went wrong.</summary>
    public string Message { get; set; } = "";

    /// <summary><c>open</c> or <c>resolved</c>.</summary>
    public string Status { get; set; } = IncidentStatuses.Open;

    /// <summary>When it was raised.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>Incident statuses.</summary>
public static class IncidentStatuses
{
    /// <summary>Open.</summary>
    public const string Open = "open";

    /// <summary>Resolved.</summary>
    public const string Resolved = "resolved";
}

/// <summary>One audit-trail entry (table <c>history</c>, append only).</summary>
public sealed class HistoryRecord
{
    /// <summary>The global sequence (ascending in insertion order).</summary>
    public long Sequence { get; set; }

    /// <summary>The instance; <c>null</c> for entries about no instance (deployments).</summary>
    public string? InstanceId { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What happened (an engine <c>HistoryEventType</c>, or <c>InstanceRead</c>, <c>HistoryRead</c>, <c>DefinitionDeployed</c>).</summary>
    public string Type { get; set; } = "";

    /// <summary>The element.</summary>
    public string? ElementId { get; set; }

    /// <summary>The task, timer, job, incident or subscription id.</summary>
    public string? ItemId { get; set; }

    /// <summary>Who acted.</summary>
    public string? UserId { get; set; }

    /// <summary>More detail, as a JSON object.</summary>
    public string? Detail { get; set; }
}

/// <summary>A remembered response for an <c>Idempotency-Key</c> (table <c>idempotency_keys</c>).</summary>
public sealed class IdempotencyRecord
{
    /// <summary>The key the client sent.</summary>
    public string Key { get; set; } = "";

    /// <summary>Who sent it (keys are per actor).</summary>
    public string Actor { get; set; } = "";

    /// <summary>SHA-256 of method, path and body (a reuse with another request is a conflict).</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>The HTTP status answered.</summary>
    public int ResponseStatus { get; set; }

    /// <summary>The body answered.</summary>
    public string? ResponseBody { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A message to send after commit (table <c>outbox</c>; used by notifications, issue 5).</summary>
public sealed class OutboxRecord
{
    /// <summary>The id.</summary>
    public Guid Id { get; set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What it is (<c>email</c>…).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The payload, JSON.</summary>
    public string Payload { get; set; } = "";

    /// <summary><c>pending</c>, <c>sent</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = "pending";

    /// <summary>Attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Not before this time.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>When it was sent.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure.</summary>
    public string? LastError { get; set; }

    /// <summary>The dispatcher holding the row while it sends it (<c>null</c>: none).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when <see cref="LeaseOwner"/> holds the row; after it, another dispatcher may take it.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The email's <c>Message-ID</c> (without angle brackets), fixed by the first attempt and reused by every resend.</summary>
    public string? MessageId { get; set; }
}
