using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Notifications.Outbox;

/// <summary>One email to stage in the outbox.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Content">The rendered email.</param>
public sealed record OutgoingEmail(string To, RenderedEmail Content)
{
    /// <summary>The instance the email is about, if any.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The task the email is about, if any.</summary>
    public string? TaskId { get; init; }
}

/// <summary>
/// Stages emails as outbox rows in the caller's transaction (issue 5); the dispatcher sends them after the commit.
/// </summary>
public sealed class EmailOutbox
{
    /// <summary>Stages an email in the transaction of <paramref name="change"/>.</summary>
    /// <param name="change">The command's transaction.</param>
    /// <param name="email">The email.</param>
    /// <returns>The staged row.</returns>
    public OutboxRecord Enqueue(AppliedChange change, OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Enqueue(change.Db, email, change.AfterCommit);
    }

    /// <summary>Stages an email on <paramref name="db"/> (the caller saves and commits).</summary>
    /// <param name="db">The context, inside the caller's transaction.</param>
    /// <param name="email">The email.</param>
    /// <param name="afterCommit">Registers what to run after the commit (waking the dispatcher).</param>
    /// <returns>The staged row.</returns>
    public OutboxRecord Enqueue(OrchestratorDbContext db, OutgoingEmail email, Action<Action> afterCommit) =>
        throw new NotSupportedException("The email outbox is not implemented yet (issue 5).");
}
