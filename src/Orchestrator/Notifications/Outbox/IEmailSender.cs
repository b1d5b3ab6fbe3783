namespace Orchestrator.Notifications.Outbox;

/// <summary>One email as the dispatcher hands it to a transport: everything needed to write the same message again.</summary>
/// <param name="OutboxId">The outbox row's id.</param>
/// <param name="MessageId">The <c>Message-ID</c> without angle brackets (<c>{outbox id}@{domain}</c>), the same on every attempt.</param>
/// <param name="CreatedAt">When the row was staged.</param>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Text">The plain-text part.</param>
/// <param name="Html">The HTML part.</param>
public sealed record OutboxEmail(Guid OutboxId, string MessageId, DateTimeOffset CreatedAt, string To, string Subject, string Text, string Html);

/// <summary>
/// Delivers one email. Two transports: <see cref="SmtpEmailSender"/> (an SMTP server) and <see cref="EmlFileEmailSender"/>
/// (no <c>Smtp:Host</c>: an <c>.eml</c> file). Sending the same <see cref="OutboxEmail"/> twice yields the same message
/// (same Message-ID), so a resend after a crash can be recognised by the receiver.
/// </summary>
public interface IEmailSender
{
    /// <summary>A short name for logs and the admin view (<c>smtp</c>, <c>eml</c>).</summary>
    string Transport { get; }

    /// <summary>Delivers the email; throws when it was not accepted.</summary>
    /// <param name="email">The email.</param>
    /// <param name="cancellationToken">Cancellation (aborts the SMTP conversation).</param>
    Task SendAsync(OutboxEmail email, CancellationToken cancellationToken);
}
