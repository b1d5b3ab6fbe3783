using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Cases.Sensitive;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Workflows;

/// <summary>
/// Reads about one task (scoped), for <c>GET /api/tasks/{id}</c>, its form, and the task page: the task open or ended
/// with its people named and what the asker may do with it, the form and the variables that fill it (audited), the
/// journey's earlier outcomes (audited), its coming deadlines, and where the work went after a completion.
/// </summary>
/// <remarks>
/// Who may read a task: coordinators and admins any; others a task they hold, held or completed, or that is (or was)
/// offered to them or one of their groups — so a person whose colleague took or completed a task of their group sees
/// by whom. Acting on it stays the workflow core's rule (<see cref="WorkflowService"/>).
/// </remarks>
public sealed class TaskLookup(OrchestratorDbContext db, WorkflowRuntime runtime, FormCatalog forms, SensitiveDataGuard sensitive)
{
    /// <summary>The task, with its people named and what <paramref name="actor"/> may do with it.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The task.</returns>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowForbiddenException">The task is not one the actor may read.</exception>
    public async Task<TaskDetails> GetAsync(string taskId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentNullException.ThrowIfNull(actor);
        var task = await db.Tasks.AsNoTracking().Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == taskId, ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No task '{taskId}'.");
        if (!MayRead(task, actor))
        {
            throw new WorkflowForbiddenException($"Task {taskId} is not yours, nor offered to you or one of your groups.");
        }

        var version = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.Version).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var names = await StaffDirectory.NamesAsync(db, [task.Assignee, task.EndedBy], ct).ConfigureAwait(false);
        var open = task.Status == TaskStatuses.Open;
        var offeredToMe = task.Candidates.Any(c => (c.Kind == CandidateKinds.User && c.Name == actor.Id) || (c.Kind == CandidateKinds.Group && actor.Roles.Contains(c.Name)));
        return new TaskDetails(TaskInbox.ToView(task, names), task.Status)
        {
            ProcessVersion = version,
            EndedAt = task.EndedAt,
            EndedBy = task.EndedBy,
            EndedByName = task.EndedBy is { } by ? StaffDirectory.Describe(by, names) : null,
            MayComplete = open && (actor.SeesAllTasks || task.Assignee == actor.Id || (task.Assignee is null && offeredToMe)),
            MayClaim = open && task.Assignee is null && (actor.SeesAllTasks || offeredToMe),
            MayUnclaim = open && task.Assignee is not null && (task.Assignee == actor.Id || actor.SeesAllTasks),
            MayAssign = open && actor.SeesAllTasks,
        };
    }

    /// <summary>
    /// The task's form and the variables that fill it: every variable the task sees, so that the form's conditions
    /// and options read what the engine would. The read is audited (<c>TaskFormRead</c>).
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The form.</returns>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowForbiddenException">The task is not one the actor may read.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open (the message says who completed it).</exception>
    public async Task<TaskForm> GetFormAsync(string taskId, Actor actor, CancellationToken ct)
    {
        var details = await GetAsync(taskId, actor, ct).ConfigureAwait(false);
        if (details.Status != TaskStatuses.Open)
        {
            throw new WorkflowConflictException(details.Status == TaskStatuses.Completed
                ? $"Task {taskId} is no longer open: it was completed{(details.EndedByName is { } by ? " by " + by : "")}."
                : $"Task {taskId} is no longer open: it was cancelled.");
        }

        var stateJson = await db.Instances.AsNoTracking().Where(i => i.Id == details.Task.InstanceId).Select(i => i.State).SingleOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"No process instance '{details.Task.InstanceId}'.");
        var state = ProcessInstanceState.FromJson(stateJson);
        await runtime.EnsureAsync(db, state.ProcessId, state.Version, ct).ConfigureAwait(false);
        JsonObject variables;
        try
        {
            variables = runtime.Engine.GetTaskVariables(state, taskId);
        }
        catch (WorkflowCommandException e)
        {
            throw CommandUnit.Map(e);
        }

        JsonObject? schema = null;
        if (details.Task.FormKey is { Length: > 0 } key && forms.TryGetSchema(key, out var form))
        {
            schema = form.Form.Definition.DeepClone().AsObject();
        }

        // A sensitive variable the person does not read fills the form as its marker; one they read is audited.
        variables = await sensitive.RedactVariablesAsync(variables, actor, details.Task.InstanceId, "task-form", ct).ConfigureAwait(false);
        await AuditAsync(details.Task.InstanceId, "TaskFormRead", taskId, actor, ct).ConfigureAwait(false);
        return new TaskForm(taskId, details.Task.FormKey, schema, variables);
    }

    /// <summary>
    /// The tasks of an instance completed so far, newest first, each with the variables it set (read from the
    /// history: a <c>TaskCompleted</c> row and the variable rows the same person's completion wrote right after it).
    /// The read is audited (<c>HistoryRead</c>).
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="actor">Who reads (the caller checked they may read a task of it).</param>
    /// <param name="max">At most this many.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The outcomes.</returns>
    public async Task<IReadOnlyList<TaskOutcome>> OutcomesAsync(string instanceId, Actor actor, int max, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentNullException.ThrowIfNull(actor);
        var rows = await db.History.AsNoTracking()
            .Where(h => h.InstanceId == instanceId && (h.Type == "TaskCompleted" || h.Type == "VariableCreated" || h.Type == "VariableUpdated"))
            .OrderBy(h => h.Sequence).Select(h => new { h.Sequence, h.Type, h.ElementId, h.ItemId, h.UserId, h.At, h.Detail })
            .ToListAsync(ct).ConfigureAwait(false);
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => new { i.ProcessId, i.Version }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var outcomes = new List<(string TaskId, string ElementId, DateTimeOffset At, string? By, List<KeyValuePair<string, JsonNode?>> Values)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Type != "TaskCompleted")
            {
                continue;
            }

            var values = new List<KeyValuePair<string, JsonNode?>>();
            for (var j = i + 1; j < rows.Count && rows[j].Type is "VariableCreated" or "VariableUpdated" && rows[j].UserId == row.UserId && rows[j].At == row.At; j++)
            {
                if (rows[j].Detail is { } detail && JsonNode.Parse(detail) is JsonObject d && d["name"] is JsonValue name && name.TryGetValue<string>(out var n))
                {
                    values.Add(new KeyValuePair<string, JsonNode?>(n, d["value"]?.DeepClone()));
                }
            }

            outcomes.Add((row.ItemId ?? "", row.ElementId ?? "", row.At, row.UserId, values));
        }

        await AuditAsync(instanceId, "HistoryRead", null, actor, ct).ConfigureAwait(false);
        outcomes.Reverse();
        var kept = outcomes.Take(max).ToList();

        // What each task recorded, as the person may see it (the same rule as the task's form and the instance).
        var shown = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < kept.Count; k++)
        {
            var recorded = new JsonObject();
            foreach (var (name, value) in kept[k].Values)
            {
                recorded[name] = value?.DeepClone();
            }

            var visible = sensitive.RedactVariables(recorded, actor, out var seen);
            shown.UnionWith(seen);
            kept[k] = kept[k] with { Values = [.. kept[k].Values.Select(v => new KeyValuePair<string, JsonNode?>(v.Key, visible[v.Key]?.DeepClone()))] };
        }

        await sensitive.AuditAsync(instanceId, instanceId, [.. shown.Order(StringComparer.Ordinal)], actor, "task-outcomes", ct).ConfigureAwait(false);
        var names = await StaffDirectory.NamesAsync(db, kept.Select(o => o.By), ct).ConfigureAwait(false);
        var elementNames = instance is null ? null : await ElementNamesAsync(instance.ProcessId, instance.Version, ct).ConfigureAwait(false);
        return [.. kept.Select(o => new TaskOutcome(o.TaskId, o.ElementId, elementNames?.GetValueOrDefault(o.ElementId), o.At, o.By,
            o.By is null ? null : StaffDirectory.Describe(o.By, names), o.Values))];
    }

    /// <summary>The instance's pending timers (reminders, escalations, limits), soonest first, with their names in the journey.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="max">At most this many.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The deadlines.</returns>
    public async Task<IReadOnlyList<TaskDeadline>> DeadlinesAsync(string instanceId, int max, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == TimerStatuses.Pending)
            .OrderBy(t => t.DueAt).Take(max).Select(t => new { t.ProcessId, t.ElementId, t.DueAt }).ToListAsync(ct).ConfigureAwait(false);
        if (timers.Count == 0)
        {
            return [];
        }

        var version = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Version).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var names = await ElementNamesAsync(timers[0].ProcessId, version, ct).ConfigureAwait(false);
        return [.. timers.Select(t => new TaskDeadline(t.ElementId, names?.GetValueOrDefault(t.ElementId), t.DueAt))];
    }

    /// <summary>
    /// Where the work went: the open tasks created since <paramref name="since"/> in the instance, in the journeys it
    /// called, and in the one that called it. Only groups and names, nothing of the case.
    /// </summary>
    /// <param name="instanceId">The instance whose task was completed.</param>
    /// <param name="since">When the completion began (its tasks are created at or after it).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The new open tasks, oldest first.</returns>
    public async Task<IReadOnlyList<TaskNextStep>> NextStepsAsync(string instanceId, DateTimeOffset since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var parent = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.ParentId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var related = await db.Instances.AsNoTracking().Where(i => i.ParentId == instanceId).Select(i => i.Id).ToListAsync(ct).ConfigureAwait(false);
        related.Add(instanceId);
        if (parent is not null)
        {
            related.Add(parent);
        }

        var tasks = await db.Tasks.AsNoTracking().Include(t => t.Candidates)
            .Where(t => related.Contains(t.InstanceId) && t.Status == TaskStatuses.Open && t.CreatedAt >= since)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Take(20).ToListAsync(ct).ConfigureAwait(false);
        var names = await StaffDirectory.NamesAsync(db, tasks.Select(t => t.Assignee), ct).ConfigureAwait(false);
        return [.. tasks.Select(t => new TaskNextStep(t.Id, t.ProcessId, t.ElementId, t.Name,
            [.. t.Candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Name).Order(StringComparer.Ordinal)],
            t.Assignee, t.Assignee is { } a ? StaffDirectory.Describe(a, names) : null, t.ExternalRecipient))];
    }

    /// <summary>Whether the actor may read the task (see the remarks).</summary>
    /// <param name="task">The task with its candidates.</param>
    /// <param name="actor">Who reads.</param>
    /// <returns><c>true</c> when they may.</returns>
    internal static bool MayRead(TaskRecord task, Actor actor) =>
        actor.SeesAllTasks
        || task.Assignee == actor.Id
        || task.EndedBy == actor.Id
        || task.Candidates.Any(c => (c.Kind == CandidateKinds.User && c.Name == actor.Id) || (c.Kind == CandidateKinds.Group && actor.Roles.Contains(c.Name)));

    private async Task<IReadOnlyDictionary<string, string?>?> ElementNamesAsync(string processId, int version, CancellationToken ct)
    {
        await runtime.EnsureAsync(db, processId, version, ct).ConfigureAwait(false);
        return runtime.Definitions.Find(processId, version) is { } deployed
            ? deployed.Definition.AllElements.ToDictionary(e => e.Key, e => e.Value.Name, StringComparer.Ordinal)
            : null;
    }

    private async Task AuditAsync(string instanceId, string type, string? itemId, Actor actor, CancellationToken ct)
    {
        db.History.Add(new HistoryRecord
        {
            InstanceId = instanceId,
            At = runtime.Time.GetUtcNow(),
            Type = type,
            ItemId = itemId,
            UserId = ColumnText.Fit(actor.Id, OrchestratorModel.NameLength),
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }
}
