namespace Orchestrator.Notifications.Outbox;

/// <summary>One outbox email in full.</summary>
/// <param name="Id">The outbox id.</param>
/// <param name="MessageId">Its <c>Message-ID</c> (without angle brackets), the same on every attempt.</param>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Status"><c>pending</c>, <c>sent</c>, <c>failed</c> or <c>dismissed</c>.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="CreatedAt">When it was staged.</param>
/// <param name="NextAttemptAt">When it is tried next (pending only).</param>
/// <param name="SentAt">When it was delivered.</param>
/// <param name="LastError">The last failure.</param>
/// <param name="Template">The template it was rendered from.</param>
/// <param name="Language">The language rendered.</param>
/// <param name="InstanceId">The instance it is about.</param>
/// <param name="TaskId">The task it is about.</param>
/// <param name="Text">The plain-text part.</param>
/// <param name="Html">The HTML part.</param>
public sealed record OutboxEmailView(
    Guid Id, string MessageId, string To, string Subject, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? SentAt, string? LastError, string Template, string Language, string? InstanceId, string? TaskId, string Text, string Html)
{
    /// <summary>The names of the files attached (a letter as PDF).</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];
}
