using System.Globalization;

namespace Orchestrator.Web.Act;

/// <summary>
/// The language of the outside person's page: the link's own (the journey chose it for the recipient), else the first
/// of Spanish or English the browser asks for, else the organisation's default. The page's culture is set from it
/// (<see cref="ActPageAttribute"/>), so the resources, dates and the layout follow.
/// </summary>
public static class ActLanguage
{
    /// <summary>Where the page model leaves the chosen culture for <see cref="ActPageAttribute"/>.</summary>
    public const string ItemKey = "Orchestrator.Web.Act.Culture";

    /// <summary>The languages the page has.</summary>
    private static readonly string[] Known = ["es", "en"];

    /// <summary>The page's language, <c>es</c> or <c>en</c>.</summary>
    /// <param name="linkLanguage">The link's language, if the journey gave one.</param>
    /// <param name="request">The request (its <c>Accept-Language</c>).</param>
    /// <param name="defaultLanguage">The organisation's default.</param>
    /// <returns>The language.</returns>
    public static string Choose(string? linkLanguage, HttpRequest request, string defaultLanguage)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Normalise(linkLanguage) is { } own && Known.Contains(own))
        {
            return own;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Normalise(l.Value.Value))
            .FirstOrDefault(l => l is not null && Known.Contains(l));
        return accepted ?? (Normalise(defaultLanguage) is { } fallback && Known.Contains(fallback) ? fallback : "es");
    }

    /// <summary>The culture the pages use for a language: <c>es-MX</c> or <c>en</c>.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The culture.</returns>
    public static CultureInfo CultureOf(string language) => language == "en" ? WebWorkspace.Cultures[1] : WebWorkspace.Cultures[0];

    private static string? Normalise(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var tag = language.Trim();
        var dash = tag.IndexOfAny(['-', '_']);
        return (dash > 0 ? tag[..dash] : tag).ToLowerInvariant();
    }
}
