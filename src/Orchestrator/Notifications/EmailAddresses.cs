using MimeKit;
using Orchestrator.Persistence;

namespace Orchestrator.Notifications;

/// <summary>The one rule for an address the service mails to: exactly one plain address (no display name) that fits its column.</summary>
public static class EmailAddresses
{
    /// <summary>Whether <paramref name="value"/> is exactly one plain email address of at most <see cref="OrchestratorModel.EmailLength"/> characters.</summary>
    /// <param name="value">The text.</param>
    public static bool IsPlain(string value) =>
        value is not null
        && value.Length <= OrchestratorModel.EmailLength
        && MailboxAddress.TryParse(ParserOptions.Default, value, out var parsed)
        && string.IsNullOrEmpty(parsed.Name)
        && !string.IsNullOrEmpty(parsed.Domain)
        && string.Equals(parsed.Address, value, StringComparison.Ordinal);
}
