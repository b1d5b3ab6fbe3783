namespace Orchestrator.Notifications.Templates;

/// <summary>
/// The email and letter templates of <c>templates/</c>, compiled at start-up (issue 5).
/// </summary>
public sealed class TemplateCatalog
{
    /// <summary>Renders an email template in the recipient's language (falling back to the default language).</summary>
    /// <param name="key">The template key (<c>email/&lt;key&gt;.&lt;lang&gt;.hbs</c>).</param>
    /// <param name="language">The recipient's language; <c>null</c> for the default.</param>
    /// <param name="model">The only data the template sees.</param>
    /// <returns>The subject, HTML and text.</returns>
    public RenderedEmail RenderEmail(string key, string? language, EmailModel model) =>
        throw new NotSupportedException("Email templates are not implemented yet (issue 5).");
}
