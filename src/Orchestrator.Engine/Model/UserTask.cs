namespace Orchestrator.Engine.Model;

/// <summary>A <c>bpmn:userTask</c>: work for a person, listed in an inbox until completed.</summary>
public sealed class UserTask : Activity, IFollowedUpTask
{
    /// <inheritdoc/>
    public ValueExpression? Reminder { get; init; }

    /// <inheritdoc/>
    public ValueExpression? EscalateAfter { get; init; }

    /// <inheritdoc/>
    public ValueExpression? EscalateTo { get; init; }

    /// <summary><c>orc:notify</c> as written (<c>assignee</c>, <c>candidates</c>, <c>none</c>); <c>null</c>: the assignee when there is one, else nobody.</summary>
    public string? Notify { get; init; }

    /// <summary><c>orc:language</c>: the outside recipient's language (literal or FEEL).</summary>
    public ValueExpression? Language { get; init; }

    /// <inheritdoc/>
    public override string Kind => "userTask";

    /// <summary>The user the task is assigned to.</summary>
    public ValueExpression? Assignee { get; init; }

    /// <summary>Comma-separated user ids, or FEEL giving a list.</summary>
    public ValueExpression? CandidateUsers { get; init; }

    /// <summary>Comma-separated group (role) names, or FEEL giving a list.</summary>
    public ValueExpression? CandidateGroups { get; init; }

    /// <summary>When the task is due: an ISO 8601 date-time or duration from creation, or FEEL.</summary>
    public ValueExpression? DueDate { get; init; }

    /// <summary>When someone should look at the task again; same forms as <see cref="DueDate"/>.</summary>
    public ValueExpression? FollowUpDate { get; init; }

    /// <summary>A priority number, or FEEL.</summary>
    public ValueExpression? Priority { get; init; }

    /// <summary>The form the task is completed with (a key of <c>workflows/forms/*.form</c>).</summary>
    public ValueExpression? FormKey { get; init; }

    /// <summary>FEEL giving the email address of an outside recipient who completes the task through a link.</summary>
    public ValueExpression? ExternalRecipient { get; init; }
}
