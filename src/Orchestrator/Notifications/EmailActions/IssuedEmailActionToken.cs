namespace Orchestrator.Notifications.EmailActions;

/// <summary>A new link's token and the hash stored for it.</summary>
/// <param name="Token">What goes into the link (never stored).</param>
/// <param name="Hash">SHA-256 of the token's secret, lower-case hex (the <c>token_hash</c> column).</param>
public sealed record IssuedEmailActionToken(string Token, string Hash);
