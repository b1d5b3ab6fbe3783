namespace Orchestrator.Notifications.Templates;

/// <summary>How a template part writes the values its expressions produce.</summary>
internal enum TemplateOutput
{
    /// <summary>Plain text (a subject, the text alternative): values as they are.</summary>
    Text,

    /// <summary>HTML: every value escaped, except <see cref="RawHtml"/>.</summary>
    Html,
}
