using System.Text.Json.Nodes;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Persistence;

namespace Orchestrator.Workflows;

// The user-task commands and reads of the workflow core: the inbox list, claim, unclaim, assign, complete.
public sealed partial class WorkflowService
{
    /// <summary>The open tasks the actor may see, filtered; by due date (none last), priority, creation. One page (at most 1,000).</summary>
    /// <param name="query">Filters and page.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<TaskView>> ListTasksAsync(TaskQuery query, Actor actor, CancellationToken ct) =>
        (await ListTaskPageAsync(query, actor, ct).ConfigureAwait(false)).Tasks;

    /// <summary>
    /// One page of the open tasks the actor may see, in inbox order (or the query's order), filtered, keyset-paged: see
    /// <see cref="TaskInbox.ListAsync"/>, which this reads through with the workflow settings' calendar.
    /// </summary>
    /// <param name="query">Filters and page.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="TaskQueryException">The limit is out of range, or the cursor is not one this list gave out.</exception>
    public Task<TaskPage> ListTaskPageAsync(TaskQuery query, Actor actor, CancellationToken ct) =>
        new TaskInbox(_db, _runtime.Time, TaskInbox.DefaultCalendar(_runtime.Options)).ListAsync(query, actor, ct);

    /// <summary>Claims a task for the actor.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="actor">Who claims.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open, or someone else holds it.</exception>
    /// <exception cref="WorkflowForbiddenException">The task is not the actor's to take.</exception>
    public async Task<TaskView> ClaimAsync(string taskId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExecuteAsync(actor, async u =>
        {
            var task = await OpenTaskAsync(u, taskId, ct).ConfigureAwait(false);
            if (!MaySee(task, actor))
            {
                throw new WorkflowForbiddenException($"Task {taskId} is not assigned to you or to one of your groups.");
            }

            if (task.Assignee is { } holder && holder != actor.Id)
            {
                throw new WorkflowConflictException($"Task {taskId} is already claimed by {await NameOfAsync(holder, ct).ConfigureAwait(false)}.");
            }

            await u.RunAsync(task.InstanceId, new ClaimUserTask(taskId, actor.Id)).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return await GetTaskViewAsync(taskId, ct).ConfigureAwait(false);
    }

    /// <summary>Gives a claimed task back to its candidates.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="actor">Who unclaims (the holder, or a coordinator/admin).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<TaskView> UnclaimAsync(string taskId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExecuteAsync(actor, async u =>
        {
            var task = await OpenTaskAsync(u, taskId, ct).ConfigureAwait(false);
            if (task.Assignee != actor.Id && !actor.SeesAllTasks)
            {
                throw new WorkflowForbiddenException(task.Assignee is null
                    ? $"Task {taskId} is not claimed."
                    : $"Task {taskId} is claimed by someone else; only they or a coordinator can give it back.");
            }

            await u.RunAsync(task.InstanceId, new UnclaimUserTask(taskId) { UserId = actor.Id }).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return await GetTaskViewAsync(taskId, ct).ConfigureAwait(false);
    }

    /// <summary>The longest reason a coordinator may give for handing a task to someone.</summary>
    public const int MaxAssignReasonLength = 1000;

    /// <summary>
    /// Hands an open task to a named colleague (coordinators and admins), whoever holds it now. The reason is kept in
    /// the history (<c>TaskReassigned</c>: assignee, previous assignee, reason) beside the engine's own <c>TaskAssigned</c>.
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="assigneeId">The colleague's account id (an unlocked account with a casework role).</param>
    /// <param name="reason">Why (required, at most <see cref="MaxAssignReasonLength"/> characters).</param>
    /// <param name="actor">Who assigns.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The task as it is now.</returns>
    /// <exception cref="ArgumentException">No reason, a reason too long, or no such colleague (the message names the field).</exception>
    /// <exception cref="WorkflowForbiddenException">The actor is not a coordinator or an admin.</exception>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open.</exception>
    public async Task<TaskView> AssignAsync(string taskId, string? assigneeId, string? reason, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.SeesAllTasks)
        {
            throw new WorkflowForbiddenException("Only coordinators and administrators hand tasks to a colleague; claim the task to take it yourself.");
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new ArgumentException("reason: say why the task goes to this colleague; the reason is kept in the history.", nameof(reason));
        }

        if (reason.Length > MaxAssignReasonLength)
        {
            throw new ArgumentException($"reason: at most {MaxAssignReasonLength} characters (it has {reason.Length}).", nameof(reason));
        }

        var colleagues = await new Security.StaffDirectory(_db, _runtime.Time).ColleaguesAsync(ct).ConfigureAwait(false);
        var colleague = colleagues.FirstOrDefault(c => c.Id == assigneeId)
            ?? throw new ArgumentException($"assignee: no colleague with a casework role and an open account has the id '{assigneeId}'.", nameof(assigneeId));
        await ExecuteAsync(actor, async u =>
        {
            var task = await OpenTaskAsync(u, taskId, ct).ConfigureAwait(false);
            var previous = task.Assignee;
            await u.RunAsync(task.InstanceId, new AssignUserTask(taskId, colleague.Id) { UserId = actor.Id }).ConfigureAwait(false);
            u.Audit(task.InstanceId, "TaskReassigned", task.ElementId, taskId,
                new JsonObject { ["assignee"] = colleague.Id, ["previousAssignee"] = previous, ["reason"] = reason });
            await u.DrainAsync().ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return await GetTaskViewAsync(taskId, ct).ConfigureAwait(false);
    }

    /// <summary>Completes a task with variables (checked against the task's form first; nothing changes when they break it).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="variables">The variables.</param>
    /// <param name="actor">Who completes.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="WorkflowNotFoundException">No such task.</exception>
    /// <exception cref="WorkflowConflictException">The task is no longer open.</exception>
    /// <exception cref="WorkflowForbiddenException">The task is not the actor's.</exception>
    /// <exception cref="FormValidationException">The variables break the form.</exception>
    public Task CompleteAsync(string taskId, JsonObject? variables, Actor actor, CancellationToken ct) =>
        CompleteAsync(taskId, variables, actor, null, ct);

    /// <summary>
    /// Completes a task and, in the same transaction, runs <paramref name="inSameTransaction"/> (e.g. marking an
    /// email-action link used), so that both commit or neither does. It runs again if the command is retried.
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="variables">The variables.</param>
    /// <param name="actor">Who completes.</param>
    /// <param name="inSameTransaction">Runs after the completion was staged, before the commit; may throw to roll back.</param>
    /// <param name="ct">Cancellation.</param>
    public Task CompleteAsync(string taskId, JsonObject? variables, Actor actor, Func<OrchestratorDbContext, CancellationToken, Task>? inSameTransaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExecuteAsync(actor, async u =>
        {
            var task = await OpenTaskAsync(u, taskId, ct).ConfigureAwait(false);
            if (!MaySee(task, actor))
            {
                throw new WorkflowForbiddenException(task.Assignee is null
                    ? $"Task {taskId} is not assigned to you or to one of your groups."
                    : $"Task {taskId} is claimed by someone else.");
            }

            if (task.FormKey is { Length: > 0 } formKey && _forms is not null)
            {
                var state = await u.TryLoadAsync(task.InstanceId).ConfigureAwait(false)
                    ?? throw new WorkflowNotFoundException($"No process instance '{task.InstanceId}'.");
                var errors = await _forms.ValidateAsync(formKey, variables ?? [], _runtime.Engine.GetTaskVariables(state, taskId), state.ProcessId, state.Version, ct).ConfigureAwait(false);
                if (errors.Count > 0)
                {
                    throw new FormValidationException(errors);
                }
            }

            await u.RunAsync(task.InstanceId, new CompleteUserTask(taskId) { Variables = variables?.DeepClone().AsObject(), UserId = actor.Id }).ConfigureAwait(false);
            await u.DrainAsync().ConfigureAwait(false);
            if (inSameTransaction is not null)
            {
                await inSameTransaction(_db, ct).ConfigureAwait(false);
            }

            WorkflowLog.TaskCompleted(_logger, taskId, task.InstanceId, actor.Id);
            return true;
        }, ct);
    }
}
