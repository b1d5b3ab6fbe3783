namespace Orchestrator.Notifications.Effects;

/// <summary>Whom a user task's creation is told to (<c>orc:notify</c>).</summary>
public enum TaskNotifyMode
{
    /// <summary>Nobody.</summary>
    None,

    /// <summary>The assignee, when the task has one.</summary>
    Assignee,

    /// <summary>The assignee when the task has one, else every candidate user and member of the candidate groups.</summary>
    Candidates,
}
