namespace Orchestrator.Engine.Runtime;

/// <summary>What a <see cref="TaskNotification"/> is about.</summary>
public enum TaskNotificationKind
{
    /// <summary>An <c>orc:reminder</c> fell due.</summary>
    Reminder,

    /// <summary>An <c>orc:escalateAfter</c> fell due; the task was offered to <see cref="TaskNotification.EscalatedTo"/> and stays open.</summary>
    Escalation,
}
