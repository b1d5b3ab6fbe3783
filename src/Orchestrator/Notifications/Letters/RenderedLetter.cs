namespace Orchestrator.Notifications.Letters;

/// <summary>A letter rendered to HTML, with what identifies its template.</summary>
/// <param name="Key">The template key.</param>
/// <param name="Language">The language rendered (the default when the requested one is missing).</param>
/// <param name="Title">The letter's title (front matter <c>title:</c>).</param>
/// <param name="Html">The whole page, inside the letter layout.</param>
/// <param name="TemplateVersion">SHA-256 (hex) of the layout and template sources.</param>
public sealed record RenderedLetter(string Key, string Language, string Title, string Html, string TemplateVersion);
