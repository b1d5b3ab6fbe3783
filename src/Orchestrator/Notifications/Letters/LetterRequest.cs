namespace Orchestrator.Notifications.Letters;

/// <summary>The body of <c>POST /api/instances/{id}/letters</c>.</summary>
/// <param name="Template">The letter template key.</param>
/// <param name="Language">The language (<c>es</c> default).</param>
public sealed record LetterRequest(string? Template, string? Language);
