namespace Orchestrator.Notifications.Outbox;

/// <summary>An email as the outbox row's payload stores it.</summary>
/// <param name="To">The recipient.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Html">The HTML body.</param>
/// <param name="Text">The plain-text alternative.</param>
/// <param name="Template">The template key.</param>
/// <param name="Language">The language rendered.</param>
/// <param name="InstanceId">The instance it is about.</param>
/// <param name="TaskId">The task it is about.</param>
public sealed record OutboxEmailPayload(string To, string Subject, string Html, string Text, string Template, string Language, string? InstanceId, string? TaskId)
{
    /// <summary>Case documents attached (absent in rows of emails without attachments, and in rows staged before attachments existed).</summary>
    public IReadOnlyList<OutboxAttachment>? Attachments { get; init; }
}
