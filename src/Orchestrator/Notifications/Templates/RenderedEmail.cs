namespace Orchestrator.Notifications.Templates;

/// <summary>An email as rendered: subject, HTML body and the plain-text alternative, and the language actually used.</summary>
/// <param name="Key">The template key.</param>
/// <param name="Language">The language rendered (the default when the requested one is missing).</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Html">The HTML body, inside the shared layout.</param>
/// <param name="Text">The plain-text alternative.</param>
public sealed record RenderedEmail(string Key, string Language, string Subject, string Html, string Text);
