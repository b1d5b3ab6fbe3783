namespace Orchestrator.Notifications.Outbox;

/// <summary>An email file for download.</summary>
/// <param name="FileName">The file's name (<c>{id}.eml</c>).</param>
/// <param name="Content">The RFC 5322 message.</param>
public sealed record OutboxEmlFile(string FileName, byte[] Content);
