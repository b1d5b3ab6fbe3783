namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// An attachment as an outbox row stores it: a case document by id (the letter the email goes with), read when the
/// email is sent, so the row holds no copy of the document.
/// </summary>
/// <param name="DocumentId">The <c>case_documents</c> row.</param>
/// <param name="FileName">The name the recipient sees.</param>
public sealed record OutboxAttachment(Guid DocumentId, string FileName);
