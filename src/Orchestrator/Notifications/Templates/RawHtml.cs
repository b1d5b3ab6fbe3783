namespace Orchestrator.Notifications.Templates;

/// <summary>
/// HTML that an HTML template writes as it is: only what the service rendered itself (an email's or letter's body
/// placed in its layout). Every other value a template writes is escaped.
/// </summary>
/// <param name="Html">The markup.</param>
internal sealed record RawHtml(string Html)
{
    /// <inheritdoc/>
    public override string ToString() => Html;
}
