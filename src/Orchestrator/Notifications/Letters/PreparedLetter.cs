using Orchestrator.Persistence;

namespace Orchestrator.Notifications.Letters;

/// <summary>A letter printed and ready to be stored (the row is added by whoever owns the transaction).</summary>
/// <param name="Record">The row, without author and time.</param>
/// <param name="Html">The HTML it was printed from.</param>
public sealed record PreparedLetter(CaseDocumentRecord Record, string Html);
