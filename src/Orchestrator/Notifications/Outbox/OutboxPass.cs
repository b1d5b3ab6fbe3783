namespace Orchestrator.Notifications.Outbox;

/// <summary>What one pass of the dispatcher did.</summary>
/// <param name="Sent">Rows sent.</param>
/// <param name="Retrying">Rows that failed and wait (their back-off, or the server).</param>
/// <param name="Failed">Rows given up.</param>
/// <param name="NextDue">When to look again: the earliest time a pending row falls due or its lease runs out, or the next probe of a server that is down; <c>null</c> when nothing waits.</param>
public sealed record OutboxPass(int Sent, int Retrying, int Failed, DateTimeOffset? NextDue)
{
    /// <summary>Whether the pass ended with the server unavailable (nothing is sent until a probe finds it again).</summary>
    public bool WaitingForServer { get; init; }
}
