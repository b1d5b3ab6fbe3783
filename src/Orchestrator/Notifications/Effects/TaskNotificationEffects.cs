using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Runtime;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Effects;

/// <summary>
/// Emails staff about their tasks, staged as outbox rows in the command's transaction: task-assigned to the assignee or
/// task-available to the candidates when a user task is created (<c>orc:notify</c>, default
/// <c>Notifications:NotifyAssigneeByDefault</c>), task-reminder when a non-interrupting timer on the task fires, and
/// task-escalated to the coordinator group when an interrupting one takes the task away. Tasks for outside recipients
/// (<c>orc:externalRecipient</c>) are left to the email-action links. Every email gets an <see cref="EmailModel"/>:
/// case reference, the task's name in the recipient's language (<see cref="JourneyNames"/>), due date and a link
/// (<c>/tasks/{id}</c>, or the case for an escalation), never the case's variables.
/// </summary>
public sealed class TaskNotificationEffects(
    TemplateCatalog templates,
    EmailOutbox outbox,
    NotificationLinks links,
    WorkflowRuntime runtime,
    NotificationOptions notificationOptions,
    TaskNotificationOptions options,
    JourneyNames names,
    ILogger<TaskNotificationEffects> logger) : IWorkflowEffects
{
    /// <summary>The template of a created task with an assignee.</summary>
    public const string AssignedTemplate = "task-assigned";

    /// <summary>The template of a created task open to candidates.</summary>
    public const string AvailableTemplate = "task-available";

    /// <summary>The template of a reminder.</summary>
    public const string ReminderTemplate = "task-reminder";

    /// <summary>The template of an escalation.</summary>
    public const string EscalatedTemplate = "task-escalated";

    /// <summary>Every template these notifications use (checked at start-up).</summary>
    public static IReadOnlyList<string> Templates { get; } = [AssignedTemplate, AvailableTemplate, ReminderTemplate, EscalatedTemplate];

    /// <inheritdoc/>
    public async Task OnAppliedAsync(AppliedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = change.Result;
        if (result.TasksCreated.Count == 0 && result.Notifications.Count == 0 && !result.History.Any(h => h.Type == HistoryEventType.TimerFired))
        {
            return;
        }

        var process = runtime.Definitions.Find(change.Result.State.ProcessId, change.Result.State.Version);
        foreach (var task in result.TasksCreated)
        {
            await NotifyCreatedAsync(change, task, process, cancellationToken).ConfigureAwait(false);
        }

        var openTasks = change.Db.Tasks.Local.Where(t => t.InstanceId == change.InstanceId && t.Status == TaskStatuses.Open).ToList();
        var fromDb = await change.Db.Tasks.AsNoTracking().Where(t => t.InstanceId == change.InstanceId && t.Status == TaskStatuses.Open)
            .Select(t => new { t.Id, t.ElementId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ended = result.TasksEnded.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> OpenTasksOf(string elementId) =>
            [.. openTasks.Where(t => t.ElementId == elementId).Select(t => t.Id).Concat(fromDb.Where(t => t.ElementId == elementId).Select(t => t.Id))
                .Where(id => !ended.Contains(id)).Distinct(StringComparer.Ordinal)];

        foreach (var n in BoundaryTimerNotifications.From(result, process, OpenTasksOf))
        {
            if (n.Kind == TaskNotificationKind.Reminder)
            {
                await StageReminderAsync(change, n.TaskId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await StageEscalationAsync(change, n.TaskId, null, cancellationToken).ConfigureAwait(false);
            }
        }

        // The attribute form: orc:reminder / orc:escalateAfter on the task itself (receive tasks have no inbox: no email).
        foreach (var n in result.Notifications)
        {
            if (n.TaskId is not { } taskId)
            {
                continue;
            }

            if (n.Kind == TaskNotificationKind.Reminder)
            {
                await StageReminderAsync(change, taskId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await StageEscalationAsync(change, taskId, n.EscalatedTo, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stages task-reminder for one open task: to its assignee, else to its candidate users and the members of its
    /// candidate groups. A task that is gone, ended or addressed to an outside recipient sends nothing.
    /// </summary>
    /// <param name="change">The command's transaction.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How many emails were staged.</returns>
    public async Task<int> StageReminderAsync(AppliedChange change, string taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(taskId);
        var task = await FindTaskAsync(change.Db, taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || task.Status != TaskStatuses.Open || task.ExternalRecipient is not null)
        {
            return 0;
        }

        var groups = task.Candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Name).ToList();
        var users = task.Candidates.Where(c => c.Kind == CandidateKinds.User).Select(c => c.Name).ToList();
        var model = TaskModel(task.InstanceId, task.BusinessKey, task.Id, task.Due);
        return await StageToPeopleAsync(change, ReminderTemplate, model, new TaskRef(task.ProcessId, task.ElementId, task.Id, task.Name), task.Assignee, users, groups, actorIsAssignee: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages task-escalated to every member of <paramref name="escalatedTo"/> (default: <c>Notifications:CoordinatorGroup</c>).</summary>
    /// <param name="change">The command's transaction.</param>
    /// <param name="taskId">The task that timed out (it may have just been cancelled by the timer).</param>
    /// <param name="escalatedTo">The group to tell; <c>null</c> for the coordinators.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How many emails were staged.</returns>
    public async Task<int> StageEscalationAsync(AppliedChange change, string taskId, string? escalatedTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(taskId);
        var task = await FindTaskAsync(change.Db, taskId, cancellationToken).ConfigureAwait(false);
        if (task is null || task.ExternalRecipient is not null)
        {
            return 0;
        }

        var group = string.IsNullOrWhiteSpace(escalatedTo) ? notificationOptions.CoordinatorGroup : escalatedTo;
        var reference = NotificationLinks.CaseReference(task.BusinessKey, task.InstanceId);
        var model = new EmailModel(reference, links.Case(reference))
        {
            Due = task.Due,
            Reason = "coordinator",
            Group = group,
        };
        var count = 0;
        foreach (var person in await StaffDirectory.MembersOfAsync(change.Db, [group], cancellationToken).ConfigureAwait(false))
        {
            Stage(change, EscalatedTemplate, person, model, new TaskRef(task.ProcessId, task.ElementId, task.Id, task.Name));
            count++;
        }

        if (count == 0)
        {
            NotificationLog.NobodyToTell(logger, EscalatedTemplate, task.Id, group);
        }

        return count;
    }

    private async Task NotifyCreatedAsync(AppliedChange change, UserTaskInfo task, DeployedProcess? process, CancellationToken ct)
    {
        if (task.ExternalRecipient is not null)
        {
            return;
        }

        var mode = options.NotifyAssigneeByDefault ? TaskNotifyMode.Assignee : TaskNotifyMode.None;
        if (UserTaskNotifyAttribute.RawValue(task, process) is { } raw)
        {
            if (UserTaskNotifyAttribute.Parse(raw) is { } parsed)
            {
                mode = parsed;
            }
            else
            {
                NotificationLog.UnknownNotifyMode(logger, task.ElementId, raw, mode.ToString().ToLowerInvariant());
            }
        }

        if (mode == TaskNotifyMode.None || (mode == TaskNotifyMode.Assignee && task.Assignee is null))
        {
            return;
        }

        var model = TaskModel(task.InstanceId, task.BusinessKey, task.Id, task.Due);
        await StageToPeopleAsync(change, task.Assignee is null ? AvailableTemplate : AssignedTemplate, model, new TaskRef(task.ProcessId, task.ElementId, task.Id, task.Name), task.Assignee,
            task.CandidateUsers, task.CandidateGroups, actorIsAssignee: task.Assignee == change.Actor.Id, ct).ConfigureAwait(false);
    }

    private async Task<int> StageToPeopleAsync(AppliedChange change, string template, EmailModel model, TaskRef task, string? assignee,
        IReadOnlyCollection<string> candidateUsers, IReadOnlyCollection<string> candidateGroups, bool actorIsAssignee, CancellationToken ct)
    {
        if (assignee is not null)
        {
            // Whoever gave the task to themselves knows already.
            if (actorIsAssignee)
            {
                return 0;
            }

            if (await StaffDirectory.FindAsync(change.Db, assignee, ct).ConfigureAwait(false) is { } person)
            {
                Stage(change, template == ReminderTemplate ? ReminderTemplate : AssignedTemplate, person, model with { Reason = "assignee" }, task);
                return 1;
            }

            NotificationLog.NobodyToTell(logger, template, task.Id, assignee);
            return 0;
        }

        var sent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var key = template == ReminderTemplate ? ReminderTemplate : AvailableTemplate;
        foreach (var user in candidateUsers.Distinct(StringComparer.Ordinal))
        {
            if (await StaffDirectory.FindAsync(change.Db, user, ct).ConfigureAwait(false) is { } person && sent.Add(person.Email))
            {
                Stage(change, key, person, model with { Reason = "candidate-user" }, task);
            }
        }

        foreach (var group in candidateGroups.Distinct(StringComparer.Ordinal))
        {
            foreach (var person in await StaffDirectory.MembersOfAsync(change.Db, [group], ct).ConfigureAwait(false))
            {
                if (sent.Add(person.Email))
                {
                    Stage(change, key, person, model with { Reason = "candidate-group", Group = group }, task);
                }
            }
        }

        if (sent.Count == 0)
        {
            NotificationLog.NobodyToTell(logger, key, task.Id, string.Join(",", candidateUsers.Concat(candidateGroups)));
        }

        return sent.Count;
    }

    /// <summary>The task an email is about: what names it (in the recipient's language) and links to it.</summary>
    private sealed record TaskRef(string ProcessId, string ElementId, string Id, string? Name);

    private EmailModel TaskModel(string instanceId, string? businessKey, string taskId, DateTimeOffset? due) =>
        new(NotificationLinks.CaseReference(businessKey, instanceId), links.Task(taskId)) { Due = due };

    /// <summary>Renders for one person: the task's name in their language, then the template in their language.</summary>
    private void Stage(AppliedChange change, string template, StaffRecipient person, EmailModel model, TaskRef task)
    {
        var named = model with { TaskName = names.TaskName(task.ProcessId, task.ElementId, templates.LanguageFor(template, person.Language), task.Name) };
        var rendered = templates.RenderEmail(template, person.Language, named);
        outbox.Enqueue(change, new OutgoingEmail(person.Email, rendered) { InstanceId = change.InstanceId, TaskId = task.Id });
    }

    private static async Task<TaskRecord?> FindTaskAsync(OrchestratorDbContext db, string taskId, CancellationToken ct) =>
        db.Tasks.Local.FirstOrDefault(t => t.Id == taskId)
        ?? await db.Tasks.Include(t => t.Candidates).SingleOrDefaultAsync(t => t.Id == taskId, ct).ConfigureAwait(false);
}
