namespace Orchestrator.Engine.Model;

/// <summary>Whom the host emails when a user task is created (<c>orc:notify</c>).</summary>
public enum TaskNotify
{
    /// <summary>Nobody.</summary>
    None,

    /// <summary>The assignee.</summary>
    Assignee,

    /// <summary>The candidate users and the members of the candidate groups.</summary>
    Candidates,
}
