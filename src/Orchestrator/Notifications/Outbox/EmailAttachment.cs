namespace Orchestrator.Notifications.Outbox;

/// <summary>A file attached to an email (a letter as PDF).</summary>
/// <param name="FileName">The name the recipient sees.</param>
/// <param name="MediaType">The media type (<c>application/pdf</c>).</param>
/// <param name="Content">The bytes.</param>
public sealed record EmailAttachment(string FileName, string MediaType, ReadOnlyMemory<byte> Content);
