using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

/// <summary>
/// One command and everything it causes (children started, parents resumed, messages thrown), inside one database
/// transaction: loads instance rows, runs the engine, and applies each <see cref="EngineResult"/> to the rows. The
/// instance rows carry the optimistic-concurrency version; <see cref="WorkflowService"/> owns the transaction and retries.
/// </summary>
internal sealed class CommandUnit(OrchestratorDbContext db, WorkflowRuntime runtime, Actor actor, IReadOnlyList<IWorkflowEffects> effects, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, Loaded> _instances = new(StringComparer.Ordinal);
    private readonly Queue<Func<Task>> _work = new();

    public Actor Actor => actor;

    public List<PendingTimer> TimersScheduled { get; } = [];

    public List<string> TimersRemoved { get; } = [];

    public List<PendingJob> JobsScheduled { get; } = [];

    public List<string> JobsToRun { get; } = [];

    public List<DefinitionRecord> Deployed { get; } = [];

    /// <summary>What effects asked to run once the transaction committed.</summary>
    public List<Action> AfterCommit { get; } = [];

    /// <summary>The timer this unit fires (its removal is "fired", every other removal is "cancelled").</summary>
    public string? FiringTimerId { get; set; }

    public DateTimeOffset Now { get; } = runtime.Time.GetUtcNow();

    /// <summary>The transaction as an effect sees it, for one engine result of this unit.</summary>
    public AppliedChange ChangeFor(EngineResult result) => new(db, result, actor, Now, AfterCommit);

    public static string NewInstanceId() => Guid.NewGuid().ToString("N");

    public async Task<ProcessInstanceState?> TryLoadAsync(string instanceId)
    {
        if (_instances.TryGetValue(instanceId, out var loaded))
        {
            return loaded.State;
        }

        var row = await db.Instances.FindAsync([instanceId], cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var state = ProcessInstanceState.FromJson(row.State);
        _instances[instanceId] = new Loaded(row, state);
        return state;
    }

    /// <summary>Runs one engine command on one instance (or starts one) and applies the result to the rows.</summary>
    public async Task<EngineResult> RunAsync(string? instanceId, WorkflowCommand command)
    {
        Loaded? loaded = null;
        if (instanceId is not null)
        {
            if (await TryLoadAsync(instanceId).ConfigureAwait(false) is null)
            {
                throw new WorkflowNotFoundException($"No process instance '{instanceId}'.");
            }

            loaded = _instances[instanceId];
            await runtime.EnsureAsync(db, loaded.State.ProcessId, loaded.State.Version, cancellationToken).ConfigureAwait(false);
        }
        else if (command is StartInstance start)
        {
            if (start.Version is { } v)
            {
                await runtime.EnsureAsync(db, start.ProcessId, v, cancellationToken).ConfigureAwait(false);
            }
        }

        EngineResult result;
        try
        {
            result = runtime.Engine.Execute(loaded?.State, command);
        }
        catch (WorkflowCommandException e)
        {
            throw Map(e);
        }

        await ApplyAsync(loaded, result).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs the follow-ups (children, parents, messages) until none is left.</summary>
    public async Task DrainAsync()
    {
        while (_work.TryDequeue(out var work))
        {
            await work().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Delivers a message: every instance with a matching subscription (one subscription each), else the message start
    /// events of the latest versions. Nothing waiting: empty (the message is not buffered).
    /// </summary>
    public async Task<List<string>> PublishAsync(string name, string? correlationKey, JsonObject? variables)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.MessageName == name && (s.CorrelationKey == null || s.CorrelationKey == correlationKey))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.InstanceId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<string>();
        foreach (var s in subscriptions)
        {
            if (result.Contains(s.InstanceId, StringComparer.Ordinal))
            {
                continue;
            }

            var state = await TryLoadAsync(s.InstanceId).ConfigureAwait(false);
            if (state is null || state.Status != InstanceStatus.Active)
            {
                continue;
            }

            var r = await RunAsync(s.InstanceId, new CorrelateMessage(name)
            {
                CorrelationKey = correlationKey,
                Variables = variables?.DeepClone().AsObject(),
                SubscriptionId = s.Id,
            }).ConfigureAwait(false);
            if (r.Correlated)
            {
                result.Add(s.InstanceId);
            }
        }

        if (result.Count > 0)
        {
            return result;
        }

        foreach (var (deployed, startEventId) in runtime.Engine.FindMessageStartEvents(name))
        {
            var id = NewInstanceId();
            await RunAsync(null, new StartInstance(deployed.ProcessId)
            {
                InstanceId = id,
                Version = deployed.Version,
                StartEventId = startEventId,
                Variables = variables?.DeepClone().AsObject(),
                BusinessKey = correlationKey,
                UserId = actor.Id,
            }).ConfigureAwait(false);
            result.Add(id);
        }

        return result;
    }

    /// <summary>Adds an audit row that is not an engine event (reads, deployments).</summary>
    public void Audit(string? instanceId, string type, string? elementId = null, string? itemId = null, JsonObject? detail = null) =>
        db.History.Add(new HistoryRecord
        {
            InstanceId = instanceId,
            At = Now,
            Type = type,
            ElementId = elementId,
            ItemId = itemId,
            UserId = actor.Id,
            Detail = detail?.ToJsonString(),
        });

    public static Exception Map(WorkflowCommandException e) => e.Kind == CommandRejection.NotFound
        ? new WorkflowNotFoundException(e.Message, e)
        : new WorkflowConflictException(e.Message, e);

    public static string StatusName(InstanceStatus status) => status switch
    {
        InstanceStatus.Active => "active",
        InstanceStatus.Completed => "completed",
        InstanceStatus.Cancelled => "cancelled",
        InstanceStatus.Terminated => "terminated",
        _ => status.ToString().ToLowerInvariant(),
    };

    private async Task ApplyAsync(Loaded? loaded, EngineResult r)
    {
        var s = r.State;
        var now = runtime.Time.GetUtcNow();
        InstanceRecord row;
        if (loaded is null)
        {
            row = new InstanceRecord
            {
                Id = s.Id,
                ProcessId = s.ProcessId,
                Version = s.Version,
                BusinessKey = s.BusinessKey,
                ParentId = s.Parent?.InstanceId,
                StartedAt = s.StartedAt,
                RowVersion = 1,
            };
            db.Instances.Add(row);
            _instances[s.Id] = new Loaded(row, s);
        }
        else
        {
            row = loaded.Row;
            row.RowVersion++;
        }

        row.State = s.ToJson();
        row.Status = StatusName(s.Status);
        row.ActiveElements = ActiveElementList.Format(s.Status == InstanceStatus.Active ? WorkflowEngine.GetActiveElements(s) : []);
        row.EndedAt = s.EndedAt;
        row.UpdatedAt = now;

        ApplyTasks(r, now);
        await ApplyTaskChangesAsync(r, now).ConfigureAwait(false);
        await ApplyTimersAsync(r, s, now).ConfigureAwait(false);
        await ApplySubscriptionsAsync(r, now).ConfigureAwait(false);
        await ApplyJobsAsync(r, now).ConfigureAwait(false);
        await ApplyIncidentsAsync(r, s, now).ConfigureAwait(false);
        foreach (var e in r.History)
        {
            db.History.Add(ToRecord(e));
        }

        if (effects.Count > 0)
        {
            var change = ChangeFor(r);
            foreach (var effect in effects)
            {
                await effect.OnAppliedAsync(change, cancellationToken).ConfigureAwait(false);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        QueueFollowUps(r);
    }

    private void ApplyTasks(EngineResult r, DateTimeOffset now)
    {
        foreach (var t in r.TasksCreated)
        {
            var task = new TaskRecord
            {
                Id = t.Id,
                InstanceId = t.InstanceId,
                ProcessId = t.ProcessId,
                BusinessKey = t.BusinessKey,
                ElementId = t.ElementId,
                Name = Limit(t.Name, OrchestratorModel.NameLength),
                Assignee = t.Assignee,
                Due = t.Due,
                DueSort = TaskRecord.DueSortOf(t.Due),
                FollowUp = t.FollowUp,
                Priority = t.Priority,
                FormKey = t.FormKey,
                ExternalRecipient = t.ExternalRecipient,
                CreatedAt = t.Created == default ? now : t.Created,
                Status = TaskStatuses.Open,
            };
            foreach (var g in t.CandidateGroups.Distinct(StringComparer.Ordinal))
            {
                task.Candidates.Add(new TaskCandidateRecord { TaskId = t.Id, Kind = CandidateKinds.Group, Name = g });
            }

            foreach (var u in t.CandidateUsers.Distinct(StringComparer.Ordinal))
            {
                task.Candidates.Add(new TaskCandidateRecord { TaskId = t.Id, Kind = CandidateKinds.User, Name = u });
            }

            task.SyncCandidates();
            db.Tasks.Add(task);
        }
    }

    /// <summary>
    /// Claims, unclaims and ends change the task row and the inbox keys its candidate rows copy (offered, due,
    /// priority). When the candidates are already tracked (the claim and complete paths load them) the change rides in
    /// the command's SaveChanges; otherwise (a task cancelled with its scope) one UPDATE of the candidate rows.
    /// </summary>
    private async Task ApplyTaskChangesAsync(EngineResult r, DateTimeOffset now)
    {
        foreach (var t in r.TasksUpdated)
        {
            if (await db.Tasks.FindAsync([t.Id], cancellationToken).ConfigureAwait(false) is { } task)
            {
                task.Assignee = t.Assignee;
                task.Due = t.Due;
                task.DueSort = TaskRecord.DueSortOf(t.Due);
                task.Priority = t.Priority;
                await SyncCandidatesAsync(task).ConfigureAwait(false);
            }
        }

        // An escalation (orc:escalateAfter) offers the open task to one more group.
        foreach (var n in r.Notifications)
        {
            if (n is { Kind: TaskNotificationKind.Escalation, TaskId: { } taskId, EscalatedTo: { } group }
                && await db.TaskCandidates.FindAsync([taskId, CandidateKinds.Group, group], cancellationToken).ConfigureAwait(false) is null
                && await db.Tasks.FindAsync([taskId], cancellationToken).ConfigureAwait(false) is { } task)
            {
                // The new row carries the task's inbox keys like every other candidate row, or the group would not see it.
                db.TaskCandidates.Add(new TaskCandidateRecord
                {
                    TaskId = taskId, Kind = CandidateKinds.Group, Name = group,
                    Offered = task.Status == TaskStatuses.Open && task.Assignee is null, DueSort = task.DueSort, Priority = task.Priority, CreatedAt = task.CreatedAt,
                });
            }
        }

        foreach (var t in r.TasksEnded)
        {
            if (await db.Tasks.FindAsync([t.Id], cancellationToken).ConfigureAwait(false) is { } task)
            {
                task.Status = t.Reason == TaskEndReason.Completed ? TaskStatuses.Completed : TaskStatuses.Cancelled;
                task.EndedAt = now;
                task.EndedBy = t.UserId;
                await SyncCandidatesAsync(task).ConfigureAwait(false);
            }
        }
    }

    private async Task SyncCandidatesAsync(TaskRecord task)
    {
        if (db.Entry(task).Collection(x => x.Candidates).IsLoaded || db.Entry(task).State == EntityState.Added)
        {
            task.SyncCandidates();
            return;
        }

        var offered = task.Status == TaskStatuses.Open && task.Assignee is null;
        var (id, dueSort, priority) = (task.Id, task.DueSort, task.Priority);
        await db.TaskCandidates.Where(c => c.TaskId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Offered, offered).SetProperty(c => c.DueSort, dueSort).SetProperty(c => c.Priority, priority), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task ApplyTimersAsync(EngineResult r, ProcessInstanceState s, DateTimeOffset now)
    {
        foreach (var t in r.TimersScheduled)
        {
            db.Timers.Add(new TimerRecord
            {
                Id = t.Id,
                InstanceId = t.InstanceId,
                ProcessId = s.ProcessId,
                ProcessVersion = s.Version,
                ElementId = t.ElementId,
                DueAt = t.Due,
                Repetitions = t.RepetitionsLeft,
                Status = TimerStatuses.Pending,
                CreatedAt = now,
            });
            TimersScheduled.Add(new PendingTimer(t.Id, t.InstanceId, t.ElementId, t.Due));
        }

        foreach (var id in r.TimersRemoved)
        {
            if (await db.Timers.FindAsync([id], cancellationToken).ConfigureAwait(false) is { Status: TimerStatuses.Pending } timer)
            {
                if (id == FiringTimerId)
                {
                    timer.Status = TimerStatuses.Fired;
                    timer.FiredAt = now;
                }
                else
                {
                    timer.Status = TimerStatuses.Cancelled;
                }
            }

            TimersScheduled.RemoveAll(t => t.Id == id);
            TimersRemoved.Add(id);
        }
    }

    private async Task ApplySubscriptionsAsync(EngineResult r, DateTimeOffset now)
    {
        foreach (var sub in r.SubscriptionsOpened)
        {
            db.Subscriptions.Add(new SubscriptionRecord
            {
                Id = sub.Id,
                InstanceId = sub.InstanceId,
                ElementId = sub.ElementId,
                MessageName = sub.MessageName,
                CorrelationKey = sub.CorrelationKey,
                CreatedAt = now,
            });
        }

        foreach (var id in r.SubscriptionsClosed)
        {
            if (await db.Subscriptions.FindAsync([id], cancellationToken).ConfigureAwait(false) is { } sub)
            {
                db.Subscriptions.Remove(sub);
            }
        }
    }

    private async Task ApplyJobsAsync(EngineResult r, DateTimeOffset now)
    {
        foreach (var id in r.JobsRemoved)
        {
            if (await db.Jobs.FindAsync([id], cancellationToken).ConfigureAwait(false) is { } job)
            {
                db.Jobs.Remove(job);
            }

            JobsToRun.Remove(id);
            JobsScheduled.RemoveAll(j => j.Id == id);
        }

        foreach (var j in r.JobsCreated)
        {
            var job = await db.Jobs.FindAsync([j.Id], cancellationToken).ConfigureAwait(false);
            if (job is null)
            {
                db.Jobs.Add(new JobRecord
                {
                    Id = j.Id,
                    InstanceId = j.InstanceId,
                    ElementId = j.ElementId,
                    Type = j.Type,
                    Kind = j.Kind == JobKind.Send ? "send" : "service",
                    Retries = j.Retries,
                    DueAt = j.Due,
                    CreatedAt = now,
                });
            }
            else
            {
                // A failed attempt to retry after its back-off: the lease ends.
                job.Retries = j.Retries;
                job.DueAt = j.Due;
                job.LeaseOwner = null;
                job.LeaseUntil = null;
            }

            if (j.Due <= now)
            {
                JobsToRun.Add(j.Id);
            }
            else
            {
                JobsScheduled.Add(new PendingJob(j.Id, j.InstanceId, j.Due));
            }
        }
    }

    private async Task ApplyIncidentsAsync(EngineResult r, ProcessInstanceState s, DateTimeOffset now)
    {
        foreach (var i in r.IncidentsRaised)
        {
            db.Incidents.Add(new IncidentRecord
            {
                Id = i.Id,
                InstanceId = i.InstanceId,
                ProcessId = s.ProcessId,
                ElementId = i.ElementId,
                Type = Limit(i.Type, OrchestratorModel.NameLength)!,
                Message = Limit(i.Message, OrchestratorModel.MessageLength)!,
                Status = IncidentStatuses.Open,
                CreatedAt = i.Created,
            });
        }

        foreach (var id in r.IncidentsResolved)
        {
            if (await db.Incidents.FindAsync([id], cancellationToken).ConfigureAwait(false) is { } incident)
            {
                incident.Status = IncidentStatuses.Resolved;
                incident.ResolvedAt = now;
            }
        }
    }

    private void QueueFollowUps(EngineResult r)
    {
        foreach (var child in r.ChildrenToStart)
        {
            var start = child.Command with { UserId = child.Command.UserId ?? actor.Id };
            _work.Enqueue(async () =>
            {
                try
                {
                    await RunAsync(null, start).ConfigureAwait(false);
                }
                catch (WorkflowNotFoundException)
                {
                    // The child cannot start: the call activity gets an incident instead of waiting for ever.
                    var link = start.Parent!;
                    await RunAsync(link.InstanceId, new ResumeFromChild(link.Execution, start.InstanceId!) { Cancelled = true }).ConfigureAwait(false);
                }
            });
        }

        foreach (var id in r.ChildrenToCancel)
        {
            _work.Enqueue(async () =>
            {
                if (await TryLoadAsync(id).ConfigureAwait(false) is { Status: InstanceStatus.Active })
                {
                    await RunAsync(id, new CancelInstance { ByParent = true, Reason = "cancelled with its parent", UserId = actor.Id }).ConfigureAwait(false);
                }
            });
        }

        if (r.ParentInstanceId is { } parent)
        {
            foreach (var escalation in r.EscalationsToParent)
            {
                _work.Enqueue(() => RunAsync(parent, escalation));
            }

            if (r.ParentToResume is { } resume)
            {
                _work.Enqueue(() => RunAsync(parent, resume));
            }
        }

        foreach (var m in r.MessagesThrown)
        {
            _work.Enqueue(() => PublishAsync(m.Name, m.CorrelationKey, m.Variables));
        }
    }

    private HistoryRecord ToRecord(HistoryEvent e)
    {
        JsonObject? detail = null;
        if (e.ElementKind is not null || e.Name is not null || e.Value is not null || e.Detail is not null)
        {
            detail = [];
            if (e.ElementKind is not null)
            {
                detail["elementKind"] = e.ElementKind;
            }

            if (e.Name is not null)
            {
                detail["name"] = e.Name;
            }

            if (e.Value is not null)
            {
                detail["value"] = e.Value.DeepClone();
            }

            if (e.Detail is not null)
            {
                detail["detail"] = e.Detail;
            }
        }

        return new HistoryRecord
        {
            InstanceId = e.InstanceId,
            At = e.At,
            Type = e.Type.ToString(),
            ElementId = e.ElementId,
            ItemId = e.ItemId,
            UserId = e.UserId ?? actor.Id,
            Detail = detail?.ToJsonString(),
        };
    }

    private static string? Limit(string? value, int max) => value is null ? null : ColumnText.Fit(value, max);

    private sealed record Loaded(InstanceRecord Row, ProcessInstanceState State);
}
