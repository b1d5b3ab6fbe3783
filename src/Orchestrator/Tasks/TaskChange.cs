namespace Orchestrator.Tasks;

/// <summary>
/// A task that appeared, changed hands or ended, as the live inbox hears of it after the command committed. The
/// audience (assignees and candidates) decides whose open inbox is told; browsers receive only the id and the kind.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="Kind"><c>created</c>, <c>assigned</c> (claimed, given back or handed over), <c>completed</c>, <c>cancelled</c>, or <c>resync</c> (changes may have been missed: refresh).</param>
/// <param name="Assignee">Who holds it now.</param>
/// <param name="PreviousAssignee">Who held it before.</param>
/// <param name="Groups">Its candidate groups; <c>null</c> when unknown (everyone is told).</param>
/// <param name="Users">Its candidate users.</param>
public sealed record TaskChange(string TaskId, string Kind, string? Assignee, string? PreviousAssignee, IReadOnlyList<string>? Groups, IReadOnlyList<string> Users)
{
    /// <summary>A change that tells every open inbox to refresh (after a lost connection to the other nodes).</summary>
    public static TaskChange Resync { get; } = new("", "resync", null, null, null, []);

    /// <summary>Whether <paramref name="actor"/>'s inbox shows or showed this task (or may have: the audience is unknown).</summary>
    /// <param name="actor">The person.</param>
    /// <returns><c>true</c> when they should be told.</returns>
    public bool Concerns(Workflows.Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Groups is null
            || actor.SeesAllTasks
            || Assignee == actor.Id
            || PreviousAssignee == actor.Id
            || Users.Contains(actor.Id, StringComparer.Ordinal)
            || Groups.Any(actor.Roles.Contains);
    }
}
