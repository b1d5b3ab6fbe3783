using System.Globalization;
using Orchestrator.Hosting;
using Scriban.Runtime;

namespace Orchestrator.Notifications.Templates;

/// <summary>
/// The only functions a template may call: <c>{{ date x }}</c> and <c>{{ datetime x }}</c> (also <c>{{ x | date }}</c>),
/// an instant in the organisation's zone (<c>Organisation:TimeZone</c>) and the language being rendered; a
/// <c>yyyy-MM-dd</c> calendar date (a birth date) is shown as that day, unshifted; ISO 8601 and FEEL's
/// <c>…@Zone/Id</c> date-times are read. None of Scriban's built-in functions (<c>include</c>, <c>object</c>,
/// <c>string</c>, <c>date.now</c>…) is there: a template computes nothing and reads nothing beyond its model.
/// </summary>
internal sealed class TemplateFunctions(OrganisationOptions organisation)
{
    /// <summary>The names of the functions.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(["date", "datetime"], StringComparer.Ordinal);

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(organisation.TimeZone);

    /// <summary>The functions for one rendering in <paramref name="language"/> (the built-in object of its context).</summary>
    /// <param name="language">The language being rendered.</param>
    public ScriptObject For(string language)
    {
        var functions = new ScriptObject();
        functions.Import("date", new Func<object?, string>(value => Format(value, language, withTime: false)));
        functions.Import("datetime", new Func<object?, string>(value => Format(value, language, withTime: true)));
        return functions;
    }

    /// <summary>Formats an instant as the recipient reads it: their language, the organisation's zone, the zone named after a time.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="language">The language.</param>
    /// <param name="withTime">Whether to add the time and the zone.</param>
    public string Format(DateTimeOffset instant, string? language, bool withTime)
    {
        var local = TimeZoneInfo.ConvertTime(instant, _zone);
        var english = TemplateCatalog.NormaliseLanguage(language) == "en";
        var culture = CultureInfo.GetCultureInfo(english ? "en-US" : "es-MX");
        var date = english ? local.ToString("MMMM d, yyyy", culture) : local.ToString("d 'de' MMMM 'de' yyyy", culture);
        return withTime ? $"{date}, {local.ToString("HH:mm", culture)} ({organisation.TimeZone})" : date;
    }

    /// <summary>Formats a calendar date in the recipient's language.</summary>
    /// <param name="day">The day.</param>
    /// <param name="language">The language.</param>
    public static string FormatDate(DateOnly day, string? language)
    {
        var english = TemplateCatalog.NormaliseLanguage(language) == "en";
        var culture = CultureInfo.GetCultureInfo(english ? "en-US" : "es-MX");
        return english ? day.ToString("MMMM d, yyyy", culture) : day.ToString("d 'de' MMMM 'de' yyyy", culture);
    }

    private string Format(object? value, string language, bool withTime) => value switch
    {
        null => string.Empty,
        DateTimeOffset d => Format(d, language, withTime),
        DateTime d => Format(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)), language, withTime),
        DateOnly d => FormatDate(d, language),

        // A calendar date (a birth date, a validity end) is the same day everywhere: no zone conversion.
        string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => FormatDate(day, language),
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => Format(d, language, withTime),

        // FEEL writes a date-time with a zone id as "2029-01-03T12:19:11@America/Mexico_City" (the engine's clock does).
        string s when Orchestrator.Engine.Model.IsoTimer.TryParseZoned(s, out var zoned) => Format(zoned, language, withTime),
        var other => throw new ArgumentException($"{(withTime ? "datetime" : "date")} expects a date-time, got '{other}'."),
    };
}
