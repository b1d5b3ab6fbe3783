using System.Text.RegularExpressions;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// Takes working email-action links out of what the outbox keeps and shows: the token is a credential of the outside
/// recipient (only its hash is stored in <c>email_action_tokens</c>), so once the email is sent the stored copy keeps
/// <c>/act/[redacted]</c>, and admins never see a live link in <c>/api/outbox</c>.
/// </summary>
public static partial class OutboxRedaction
{
    /// <summary>What replaces a token.</summary>
    public const string Placeholder = "[redacted]";

    /// <summary>The text with every <c>/act/{token}</c> link's token replaced.</summary>
    /// <param name="text">A payload, body or subject.</param>
    public static string Redact(string text) => ActLink().Replace(text ?? throw new ArgumentNullException(nameof(text)), "/act/" + Placeholder);

    /// <summary>Whether the text still holds a live link.</summary>
    /// <param name="text">The text.</param>
    public static bool HasLiveLink(string text) => ActLink().IsMatch(text ?? throw new ArgumentNullException(nameof(text)));

    [GeneratedRegex("/act/[A-Za-z0-9_-]{16,}")]
    private static partial Regex ActLink();
}
