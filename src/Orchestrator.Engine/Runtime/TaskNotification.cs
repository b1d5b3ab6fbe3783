namespace Orchestrator.Engine.Runtime;

/// <summary>A reminder or escalation of an open task, for the host to send.</summary>
/// <param name="Kind">Reminder or escalation.</param>
/// <param name="TaskId">The user task's id; <c>null</c> for a receive task (nobody's inbox: the reminder is about a message still awaited).</param>
/// <param name="ElementId">The task element.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="Occurrence">For reminders, which one (1 for the first); 1 for an escalation.</param>
/// <param name="Due">When it fell due (the timer's due instant; the command may run later).</param>
/// <param name="EscalatedTo">For escalations, the group added to the task's candidate groups.</param>
public sealed record TaskNotification(TaskNotificationKind Kind, string? TaskId, string ElementId, string InstanceId, int Occurrence, DateTimeOffset Due, string? EscalatedTo)
{
    /// <summary>The user task as it is after this command (assignee, candidates, outside recipient, language), so the host needs no other read to address the email.</summary>
    public UserTaskInfo? Task { get; init; }
}
