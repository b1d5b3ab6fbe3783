namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// Delivers emails. Two transports: <see cref="SmtpEmailSender"/> (an SMTP server, MailKit) and
/// <see cref="EmlFileEmailSender"/> (no <c>Smtp:Host</c>: an <c>.eml</c> file). Sending the same
/// <see cref="OutboxEmail"/> twice yields the same message (same Message-ID), so a resend after a crash can be
/// recognised by the receiver.
/// </summary>
public interface IEmailSender
{
    /// <summary>A short name for logs and the admin view (<c>smtp</c>, <c>eml</c>).</summary>
    string Transport { get; }

    /// <summary>Starts a batch: the emails sent through it share one connection (dispose it to close the connection).</summary>
    IEmailBatch StartBatch();

    /// <summary>Checks that the server answers (connects, authenticates, says goodbye), sending nothing.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="EmailDeliveryException">The server does not answer or refuses the connection (kind <see cref="EmailFailureKind.ServerUnavailable"/>).</exception>
    Task ProbeAsync(CancellationToken cancellationToken);
}
