namespace Orchestrator.Engine.Model;

/// <summary>
/// A task that can remind and escalate without drawn boundary events: <c>orc:reminder</c>, <c>orc:escalateAfter</c>
/// and <c>orc:escalateTo</c>. The runtime turns them into ordinary timers of the task that notify and never move a token.
/// </summary>
public interface IFollowedUpTask
{
    /// <summary><c>orc:reminder</c>: a duration (once) or a cycle (<c>R/P7D</c>, <c>R2/P1D</c>) from the task's creation, or FEEL giving one.</summary>
    ValueExpression? Reminder { get; }

    /// <summary><c>orc:escalateAfter</c>: a duration from the task's creation or a date-time, or FEEL giving one.</summary>
    ValueExpression? EscalateAfter { get; }

    /// <summary><c>orc:escalateTo</c>: the group the escalated task is offered to; <c>null</c> means <c>coordinator</c>.</summary>
    ValueExpression? EscalateTo { get; }
}
