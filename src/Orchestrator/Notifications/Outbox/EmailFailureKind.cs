namespace Orchestrator.Notifications.Outbox;

/// <summary>Why an email was not delivered, which decides what the dispatcher does next.</summary>
public enum EmailFailureKind
{
    /// <summary>
    /// The server is not there for anyone (no connection, TLS or authentication refused, the connection dropped, a
    /// 421, a time-out): the email stays due and the dispatcher sends nothing more until a probe finds the server again.
    /// </summary>
    ServerUnavailable,

    /// <summary>The server refused this email for now (a 4xx to its sender, recipient or content): it waits its back-off.</summary>
    MessageDeferred,

    /// <summary>The email can never be sent as it is (a 5xx, an address that is not one, an unreadable payload): it is failed at once.</summary>
    MessageRejected,
}
