namespace Orchestrator.Notifications.Effects;

/// <summary>A member of staff an email goes to: their address and language, nothing else.</summary>
/// <param name="UserId">The Identity user id (what task assignees and actor ids hold).</param>
/// <param name="Email">The address.</param>
/// <param name="Language">The preferred language.</param>
public sealed record StaffRecipient(string UserId, string Email, string Language);
