namespace Orchestrator.Notifications.Effects;

/// <summary>The task-notification settings of the <c>Notifications</c> section (kept apart from <see cref="NotificationOptions"/> so each feature owns its settings).</summary>
public sealed class TaskNotificationOptions
{
    /// <summary>
    /// <c>Notifications:NotifyAssigneeByDefault</c> (default <c>true</c>): a user task without <c>orc:notify</c> emails
    /// its assignee (task-assigned) when it is created with one; <c>false</c>: such tasks send nothing.
    /// </summary>
    public bool NotifyAssigneeByDefault { get; init; } = true;
}
