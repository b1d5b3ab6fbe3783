namespace Orchestrator.Notifications.Letters;

/// <summary>A document's content, for download.</summary>
/// <param name="Document">Its metadata.</param>
/// <param name="Content">The bytes.</param>
public sealed record CaseDocumentContent(CaseDocumentView Document, byte[] Content);
