namespace Orchestrator.Notifications.Outbox;

/// <summary>One email as the dispatcher hands it to a transport: everything needed to write the same message again.</summary>
/// <param name="OutboxId">The outbox row's id.</param>
/// <param name="MessageId">The <c>Message-ID</c> without angle brackets (<c>{outbox id}@{domain}</c>), the same on every attempt.</param>
/// <param name="CreatedAt">When the row was staged.</param>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Text">The plain-text part.</param>
/// <param name="Html">The HTML part.</param>
public sealed record OutboxEmail(Guid OutboxId, string MessageId, DateTimeOffset CreatedAt, string To, string Subject, string Text, string Html)
{
    /// <summary>Files attached (a letter as PDF), in order.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}
