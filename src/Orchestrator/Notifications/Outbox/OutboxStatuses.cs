namespace Orchestrator.Notifications.Outbox;

/// <summary>The outbox row statuses.</summary>
public static class OutboxStatuses
{
    /// <summary>Waiting to be sent (first attempt or a retry after back-off).</summary>
    public const string Pending = "pending";

    /// <summary>Delivered to the transport.</summary>
    public const string Sent = "sent";

    /// <summary>Given up after the last attempt (or not sendable at all); it stays listed, and <c>/health</c> degraded, until an admin retries or dismisses it.</summary>
    public const string Failed = "failed";

    /// <summary>A failed email an admin decided not to send (audited); no longer counted as a problem.</summary>
    public const string Dismissed = "dismissed";

    /// <summary>Every status, for the admin list's filter.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Sent, Failed, Dismissed];
}
