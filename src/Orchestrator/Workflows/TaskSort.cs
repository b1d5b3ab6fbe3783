namespace Orchestrator.Workflows;

/// <summary>The orders of the task list (its <c>sort</c>).</summary>
public enum TaskSort
{
    /// <summary>Inbox order: due date (none last), priority (highest first), creation, id.</summary>
    Due,

    /// <summary>Oldest first: creation, id.</summary>
    Created,

    /// <summary>By the task's name (as the journey names it), then id.</summary>
    Name,
}
